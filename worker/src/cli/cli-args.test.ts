// parseArgs: commands, --name value, --name=value, flags, and the mistakes it reports.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CliUsageError, parseArgs } from './cli-args.js';

const flags = new Set(['deflate']);

const parse = suite('parseArgs');
parse('command, spaced and = values, flags', () => {
  const { command, options } = parseArgs(['seal', '--key', 'aa', '--length=5', '--deflate'], flags);
  assert.is(command, 'seal');
  assert.is(options.get('key'), 'aa');
  assert.is(options.get('length'), '5');
  assert.is(options.get('deflate'), true);
});
parse('missing values, valued flags and extra words are usage errors', () => {
  for (const argv of [['open', '--key'], ['open', '--key', '--length', '3'], ['open', '--deflate=yes'], ['open', 'extra']]) {
    assert.throws(() => parseArgs(argv, flags), (e: unknown) => e instanceof CliUsageError, argv.join(' '));
  }
});
parse.run();
