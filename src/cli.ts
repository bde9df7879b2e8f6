import { createLogger } from "./adapters/logger.js";
import { StartupError, loadConfig, openNode, type Opened } from "./bootstrap.js";
import { COMMANDS } from "./cli/commands.js";
import { DATA_DIR_COMMANDS } from "./cli/data-dir-commands.js";
import { parseFlags } from "./cli/flags.js";
import { isSeeded, seedDefaults } from "./db/seed.js";

/** `npm run cli -- <command> [--flag value]`. Each command is a function over opened deps. */
async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    // backup / restore work on the data directory's files, before openNode (which would migrate and seed).
    const fileCommand = name ? DATA_DIR_COMMANDS[name] : undefined;
    if (fileCommand) return fileCommand.run(loadConfig(process.env), parseFlags(rest), { stdout: process.stdout, stderr: process.stderr });
    const all = { ...COMMANDS, ...DATA_DIR_COMMANDS };
    console.error(
      `usage: npm run cli -- <command>\n\ncommands:\n${Object.entries(all)
        .map(([n, c]) => `  ${n.padEnd(14)} ${c.summary}`)
        .join("\n")}`,
    );
    return name ? 2 : 0;
  }
  const config = loadConfig(process.env);
  const opened: Opened = await openNode(config, createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL));
  for (const w of opened.warnings) console.error(`warning: ${w}`);
  try {
    // Like `npm start`: commands that read the default data load it on a fresh database.
    if (name !== "migrate" && name !== "seed" && config.SEED_ON_START && !(await isSeeded(opened.deps.db))) {
      console.error("loading the default data (first use of this database)…");
      await seedDefaults(opened.deps.db);
    }
    return await command.run(opened.deps, parseFlags(rest), { stdin: process.stdin, stdout: process.stdout });
  } finally {
    await opened.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof StartupError ? err.message : `error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
