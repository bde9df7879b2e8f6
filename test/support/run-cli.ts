import { spawn } from "node:child_process";
import { ROOT_DIR } from "./paths.js";

/**
 * `npm run cli -- <args>` as an operator types it, with real environment variables; resolves to its
 * stdout, rejects with its output when it exits non-zero or runs past the bound.
 */
export function runCli(env: Record<string, string>, args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "cli", "--", ...args], {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`npm run cli -- ${args.join(" ")} ended with ${code ?? signal}:\n${out}${err}`));
    });
  });
}
