// Unit tests for password-strength.ts: common, repeated and login-based passwords stay below the bar.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { estimateStrength, minimumScore } from './password-strength.js';

test('empty and common passwords are too weak', () => {
  assert.is(estimateStrength('').score, 0);
  assert.is(estimateStrength('password123').score, 0);
  assert.is(estimateStrength('qwertyuiop').score, 0);
  assert.match(estimateStrength('password1').hint, /common/);
});

test('repeats and runs do not count', () => {
  assert.ok(estimateStrength('aaaaaaaaaaaaaaaa').score < minimumScore);
  assert.ok(estimateStrength('abcdefgh12345678').score < minimumScore);
});

test('the login name inside the password is discounted', () => {
  const s = estimateStrength('aliceliddell', ['aliceliddell']);
  assert.is(s.score, 0);
  assert.match(s.hint, /login name/);
});

test('long passphrases and random strings pass the minimum', () => {
  assert.ok(estimateStrength('correct horse battery staple').score >= minimumScore);
  assert.ok(estimateStrength('h7$Kq9!vTz2#Lm').score >= minimumScore);
  assert.is(estimateStrength('tangerine lighthouse gravel orbit fiddle').label, 'Very strong');
});

test('short mixed passwords stay below the minimum', () => {
  assert.ok(estimateStrength('Tr0ub4d!').score < minimumScore);
});

test.run();
