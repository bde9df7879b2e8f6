// Bundle the Worker without deploying: proves src/worker.ts and everything it imports build for workerd.
import { spawnSync } from "node:child_process";
import { statSync, readdirSync } from "node:fs";
import { join } from "node:path";

const outdir = "dist/worker";
const r = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
  stdio: "inherit",
  env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
});
if (r.status !== 0) process.exit(r.status ?? 1);
const files = readdirSync(outdir).filter((f) => f.endsWith(".js"));
for (const f of files) console.log(`worker bundle: ${join(outdir, f)} ${(statSync(join(outdir, f)).size / 1024).toFixed(0)} KiB`);
if (files.length === 0) {
  console.error("worker bundle: no output");
  process.exit(1);
}
