// Unit tests for RateLimiter: windows, Retry-After and independence of keys.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HttpError } from '../http/http-error.js';
import { RateLimiter } from './rate-limiter.js';

test('allows the limit, then 429 with Retry-After until the window ends', () => {
  let now = 1_000_000;
  const limiter = new RateLimiter(() => now);
  const rule = { limit: 3, windowMs: 60_000 };
  for (let i = 0; i < 3; i++) limiter.hit('login:1.2.3.4', rule);
  try {
    limiter.hit('login:1.2.3.4', rule);
    assert.unreachable('fourth hit passed');
  } catch (error) {
    assert.instance(error, HttpError);
    const e = error as HttpError;
    assert.is(e.status, 429);
    assert.is(e.code, 'rate_limited');
    assert.is(e.headers['Retry-After'], '60');
  }
  limiter.hit('login:5.6.7.8', rule); // another key is unaffected
  now += 30_000;
  assert.throws(() => limiter.check('login:1.2.3.4', rule), (e: HttpError) => e.headers['Retry-After'] === '30');
  now += 30_000;
  limiter.hit('login:1.2.3.4', rule);
});

test('count() adds without throwing and check() reads without adding', () => {
  const limiter = new RateLimiter(() => 0);
  const rule = { limit: 2, windowMs: 1000 };
  limiter.check('a', rule);
  limiter.check('a', rule);
  limiter.count('a', rule);
  limiter.count('a', rule);
  limiter.count('a', rule);
  assert.throws(() => limiter.check('a', rule));
});

test.run();
