/** `--name value`, `--name=value` and bare `--flag` (true). The first positional argument is kept as `_` (e.g. `draws:verify 12`). */
export function parseFlags(args: string[]): Record<string, string | true> {
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--")) {
      if (flags._ === undefined) flags._ = a;
      continue;
    }
    const [key, inline] = a.slice(2).split("=", 2);
    if (inline !== undefined) flags[key] = inline;
    else if (args[i + 1] !== undefined && !args[i + 1].startsWith("--")) flags[key] = args[++i];
    else flags[key] = true;
  }
  return flags;
}
