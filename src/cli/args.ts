import { UserError } from '../lib/io/errors';

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Parse `a b --k v --flag` (also `--k=v`). Flags listed in `booleans` never take a value. */
export function parseArgs(argv: string[], booleans: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) {
        flags.set(a.slice(2, eq), a.slice(eq + 1));
      } else {
        const key = a.slice(2);
        const next = argv[i + 1];
        if (!booleans.includes(key) && next !== undefined && !next.startsWith('--')) {
          flags.set(key, next);
          i++;
        } else flags.set(key, true);
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

export function stringFlag(args: ParsedArgs, key: string): string | undefined {
  const v = args.flags.get(key);
  if (v === true) throw new UserError(`--${key} needs a value`, `--${key} 需要一个值`);
  return v;
}

/** A numeric flag; names the flag and the bad value when it is not a finite number. */
export function numberFlag(args: ParsedArgs, key: string): number | undefined {
  const v = stringFlag(args, key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) {
    throw new UserError(`--${key} must be a number, got "${v}"`, `--${key} 必须是数字，收到“${v}”`);
  }
  return n;
}
