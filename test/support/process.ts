import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ROOT_DIR } from "./paths.js";

export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const TSX = join(ROOT_DIR, "node_modules", ".bin", "tsx");

/** Run one of our entry points as a real process (the way `npm start` does), capturing its output. */
export function startProcess(entry: string, args: string[], env: Record<string, string>): Started {
  const child = spawn(TSX, [join(ROOT_DIR, entry), ...args], {
    cwd: ROOT_DIR,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

export async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function freePort(): number {
  return 20_000 + Math.floor(Math.random() * 20_000);
}
