import { createLogger } from "./adapters/logger.js";
import { StartupError, loadConfig, openNode, type Opened } from "./bootstrap.js";
import { COMMANDS } from "./cli/commands.js";

/** `npm run cli -- <command> [--flag value]`. Each command is a function over opened deps. */
async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`usage: npm run cli -- <command>\n\ncommands:\n${Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(14)} ${c.summary}`).join("\n")}`);
    return name ? 2 : 0;
  }
  const config = loadConfig(process.env);
  const opened: Opened = await openNode(config, createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL));
  for (const w of opened.warnings) console.error(`warning: ${w}`);
  try {
    return await command.run(opened.deps, parseFlags(rest), { stdin: process.stdin, stdout: process.stdout });
  } finally {
    await opened.close();
  }
}

export function parseFlags(args: string[]): Record<string, string | true> {
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--")) continue;
    const [key, inline] = a.slice(2).split("=", 2);
    if (inline !== undefined) flags[key] = inline;
    else if (args[i + 1] !== undefined && !args[i + 1].startsWith("--")) flags[key] = args[++i];
    else flags[key] = true;
  }
  return flags;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof StartupError ? err.message : `error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
