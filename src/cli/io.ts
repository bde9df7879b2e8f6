import type { Readable, Writable } from "node:stream";
import type { Config } from "../config.js";

type Flags = Record<string, string | true>;

/** Where a CLI command reads and writes: the process's streams, or a test's. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  /** Warnings that must not mix into stdout (e.g. binary exports); process.stderr when absent. */
  stderr?: Writable;
}

/**
 * Commands over the embedded database's files rather than over an opened database: they must not
 * migrate, seed or even open the data directory the way other commands do, so cli.ts runs them
 * before openNode, with the configuration only.
 */
export interface DataDirCommand {
  summary: string;
  run(config: Config, flags: Flags, io: Required<Pick<CliIo, "stdout" | "stderr">>): Promise<number>;
}
