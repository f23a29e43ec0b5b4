/** A mistake in how the CLI was called: its message is printed with the usage, and the exit code is 2. */
export class UsageError extends Error {}

/** One command-line argument as the commands' parsers read it. */
export interface Argument {
  /** The argument as given. */
  arg: string;
  /** `--name` of `--name=value`, or the whole argument. */
  flag: string;
  /** The part after `=` in `--name=value`. */
  inlineValue: string | undefined;
  /** The flag's value: inline, or the next argument (consumed); a usage error when there is none. */
  value: () => string;
  /** Every argument after this one (consumed), as after `--`. */
  rest: () => string[];
}

/** Walks `args` in order, so every command reads `--flag value`, `--flag=value` and `--` alike. */
export function forEachArgument(args: readonly string[], visit: (argument: Argument) => void): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inlineValue] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const next = inlineValue ?? args[++i];
      if (next === undefined || next === '') throw new UsageError(`${flag} needs a value`);
      return next;
    };
    const rest = (): string[] => {
      const remaining = args.slice(i + 1);
      i = args.length;
      return remaining;
    };
    visit({ arg, flag, inlineValue, value, rest });
  }
}
