import type { Readable, Writable } from "node:stream";
import type { Deps } from "../app/deps.js";
import { AppError } from "../app/deps.js";
import { UNLINKED_WINDOW_MS, verifyAudit } from "../app/audit/append-audit.js";
import { linkAudit } from "../app/audit/link-audit.js";
import { isRootHash, parseRootAt, publishAuditRoot, verifyAuditRoot } from "../app/audit/audit-roots.js";
import { STAFF_ROLES, type StaffRole } from "../app/staff/actor.js";
import { createStaff } from "../app/staff/create-staff.js";

interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr?: Writable;
  env?: Record<string, string | undefined>;
}

/**
 * `audit:verify`: exit 0 when the chain holds and no row older than `--window` seconds (60) waits
 * unlinked, 1 naming the first broken or unlinked entry. Does not link anything itself. With `--root
 * HASH --at DATE|ENTRY_ID`: exit 0 when that root is a prefix of today's chain, 1 saying which check failed.
 */
export async function auditVerifyCommand(deps: Deps, flags: Record<string, string | true>, io: Io): Promise<number> {
  if (flags.root !== undefined || flags.at !== undefined) return auditVerifyRoot(deps, flags, io);
  const window = flags.window === undefined ? UNLINKED_WINDOW_MS / 1000 : Number(flags.window);
  if (!Number.isFinite(window) || window < 0) {
    (io.stderr ?? io.stdout).write("usage: audit:verify [--window SECONDS] (how long a row may wait for the sequencer; default 60)\n");
    return 2;
  }
  const result = await verifyAudit(deps, { windowMs: window * 1000 });
  if (result.ok) {
    io.stdout.write(`audit log OK: ${result.checked} entries, chain intact; ${result.pending} newer than ${window} s not linked yet\n`);
    return 0;
  }
  const why =
    result.problem === "unlinked"
      ? `${result.unlinked} entries older than ${window} s are not in the chain (the sequencer did not link them)`
      : result.problem === "link"
        ? "prev_hash does not match the entry before"
        : "hash does not match the entry's content";
  io.stdout.write(`audit log BROKEN at entry id ${result.brokenId} (${why}); ${result.checked} entries before it verified\n`);
  return 1;
}

/** `audit:link`: run the sequencer once (the server does it every second), printing how many entries it chained. */
export async function auditLinkCommand(deps: Deps, io: Io): Promise<number> {
  const r = await linkAudit(deps);
  if (!r.ran) {
    io.stdout.write("audit link: another process is linking now\n");
    return 0;
  }
  io.stdout.write(`audit link: ${r.linked} entries linked; head ${r.head ? `entry ${r.head.auditId} hash ${r.head.hash}` : "empty"}\n`);
  return 0;
}

async function auditVerifyRoot(deps: Deps, flags: Record<string, string | true>, io: Io): Promise<number> {
  const err = io.stderr ?? io.stdout;
  const root = typeof flags.root === "string" ? flags.root.trim().toLowerCase() : "";
  const at = typeof flags.at === "string" ? parseRootAt(flags.at) : null;
  if (!isRootHash(root) || !at) {
    err.write("usage: audit:verify --root HASH --at YYYY-MM-DD|ENTRY_ID (HASH: the 64 hex digits published on /public/audit)\n");
    return 2;
  }
  const r = await verifyAuditRoot(deps, { root, at });
  if (r.ok) {
    io.stdout.write(
      `audit root OK: ${root} is the hash of entry ${r.entryId}, recomputed from the genesis through ${r.checked} entries; it is a prefix of today's chain${r.published ? " (and is among the published roots)" : " (not among this database's published roots)"}\n`,
    );
    return 0;
  }
  const why =
    r.problem === "chain_broken"
      ? `the stored chain is broken at entry ${r.brokenId} (its hash or link does not match its content), ${r.checked} entries before it recomputed`
      : r.problem === "no_entry"
        ? `today's chain has no entry ${r.entryId} (${r.checked} entries recomputed)`
        : r.problem === "mismatch"
          ? `recomputing the chain through entry ${r.entryId} gives ${r.recomputed}, not the root`
          : r.lastEntryId === null
            ? `today's chain has no entry on or before ${r.date} (Asia/Shanghai)`
            : `no entry up to the end of ${r.date} (Asia/Shanghai, through entry ${r.lastEntryId}) recomputes to the root; ${r.checked} entries checked`;
  io.stdout.write(`audit root REFUSED (${r.problem}): ${why}\n`);
  return 1;
}

/** `audit:publish`: record and log the chain's current head, as the daily job does. */
export async function auditPublishCommand(deps: Deps, io: Io): Promise<number> {
  const root = await publishAuditRoot(deps);
  io.stdout.write(`audit root published: entry ${root.entryId} hash ${root.hash} at ${root.publishedAt.toISOString()}\n`);
  return 0;
}

/**
 * `admin:create --username u --role committee|unit|viewer|admin [--jurisdiction code] [--unit id|key] [--name …] [--totp]`.
 * The password comes from ADMIN_PASSWORD or a no-echo prompt on a terminal — never from a flag,
 * where it would land in shell history and the process list.
 */
export async function adminCreateCommand(deps: Deps, flags: Record<string, string | true>, io: Io): Promise<number> {
  const err = io.stderr ?? io.stdout;
  const str = (k: string) => (typeof flags[k] === "string" ? (flags[k] as string) : undefined);
  const role = str("role");
  if (!str("username") || !role || !(STAFF_ROLES as readonly string[]).includes(role)) {
    err.write(
      `usage: admin:create --username NAME --role ${STAFF_ROLES.join("|")} [--jurisdiction CODE] [--unit ID|KEY] [--name "Display name"] [--locale zh-CN|en] [--totp]\n`,
    );
    return 2;
  }
  const env = io.env ?? process.env;
  let password = env.ADMIN_PASSWORD;
  if (!password) {
    const stdin = io.stdin as Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
    if (!stdin.isTTY || !stdin.setRawMode) {
      err.write("admin:create: set ADMIN_PASSWORD, or run it on a terminal to be asked for the password\n");
      return 2;
    }
    password = await promptHidden(stdin, io.stdout, "password: ");
  }
  try {
    const created = await createStaff(deps, {
      username: str("username")!,
      role: role as StaffRole,
      jurisdictionCode: str("jurisdiction"),
      unit: str("unit"),
      displayName: str("name"),
      locale: str("locale") === "en" ? "en" : "zh-CN",
      totp: flags.totp === true,
      password,
      createdBy: "cli",
    });
    io.stdout.write(`created ${role} account ${created.username} (id ${created.id})\n`);
    if (created.totpUri) io.stdout.write(`TOTP: add this to an authenticator app (shown once):\n${created.totpUri}\n`);
    return 0;
  } catch (e) {
    if (e instanceof AppError && (e.code === "invalid_input" || e.code === "conflict")) {
      err.write(
        `admin:create: ${e.message}${e.message.startsWith("weak password") ? " (at least 12 characters, not the username, not a common password)" : ""}\n`,
      );
      return 1;
    }
    throw e;
  }
}

function promptHidden(stdin: Readable & { setRawMode?: (raw: boolean) => void }, out: Writable, question: string): Promise<string> {
  out.write(question);
  stdin.setRawMode!(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return finish(() => resolve(value));
        if (ch === "\u0003") return finish(() => reject(new Error("cancelled")));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    const finish = (done: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode!(false);
      stdin.pause();
      out.write("\n");
      done();
    };
    stdin.on("data", onData);
  });
}
