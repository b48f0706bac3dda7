// Command-line parsing for veilbox-format: a command, then --name value / --name=value options.
// Usage mistakes are CliUsageError (exit 2), kept apart from FormatError (exit 1).

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export interface ParsedArgs {
  command: string | undefined;
  options: Map<string, string | true>;
}

/** `flags` are the options that take no value. */
export function parseArgs(argv: string[], flags: ReadonlySet<string>): ParsedArgs {
  const options = new Map<string, string | true>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      if (command !== undefined) throw new CliUsageError(`Unexpected argument "${arg}".`);
      command = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (flags.has(name)) {
      if (eq >= 0) throw new CliUsageError(`--${name} takes no value.`);
      options.set(name, true);
    } else if (eq >= 0) {
      options.set(name, arg.slice(eq + 1));
    } else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new CliUsageError(`--${name} needs a value.`);
      options.set(name, value);
      i++;
    }
  }
  return { command, options };
}
