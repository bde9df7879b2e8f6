import { AppError, type Deps } from "../app/deps.js";
import { createUnit } from "../app/manage/create-unit.js";
import { previewUnitRetirement } from "../app/manage/preview-unit-retirement.js";
import { renameUnit } from "../app/manage/rename-unit.js";
import { retireUnit } from "../app/manage/retire-unit.js";
import type { RetirementPlan } from "../app/manage/unit-retirement.js";
import { CLI_ACTOR } from "../app/staff/actor.js";
import { issuePasswordReset } from "../app/staff/issue-password-reset.js";
import { listStaff } from "../app/staff/list-staff.js";
import { resetTotp } from "../app/staff/reset-totp.js";
import { setStaffDisabled } from "../app/staff/set-staff-disabled.js";
import { SECTOR_CODES, type SectorCode } from "../domain/sectors.js";
import type { CliIo } from "./io.js";

type Flags = Record<string, string | true>;

function required(flags: Flags, name: string, hint: string): string {
  const v = flags[name];
  if (typeof v !== "string" || v.trim() === "") throw new AppError("invalid_input", `--${name} is required (${hint})`);
  return v.trim();
}
const account = (flags: Flags) => required(flags, "username", "the account's username or id");

/** `staff:list`: every account with its role, scope, state and last sign-in (no hash or secret). */
export async function staffListCommand(deps: Deps, _flags: Flags, io: CliIo): Promise<number> {
  for (const a of await listStaff(deps, CLI_ACTOR)) {
    const scope = a.unitName ? `${a.unitName} (unit ${a.unitId})` : (a.jurisdictionCode ?? "-");
    const last = a.lastLoginAt ? a.lastLoginAt.toISOString() : "never";
    io.stdout.write(
      `${String(a.id).padStart(4)}  ${a.username.padEnd(20)} ${a.role.padEnd(9)} ${a.disabled ? "disabled" : "active  "} ${a.totp ? "totp" : "    "}  last sign-in ${last}  ${scope}\n`,
    );
  }
  return 0;
}

/** `staff:disable|enable --username U`: disabling ends every session of the account at once. */
export function staffDisabledCommand(disabled: boolean) {
  return async (deps: Deps, flags: Flags, io: CliIo): Promise<number> => {
    const result = await setStaffDisabled(deps, CLI_ACTOR, { account: account(flags), disabled });
    io.stdout.write(`${disabled ? "disabled" : "enabled"} account ${result.id}${result.changed ? "" : " (no change)"}\n`);
    return 0;
  };
}

/** `staff:reset-password --username U`: a one-time link, printed once; only its hash is stored. */
export async function staffResetPasswordCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const issued = await issuePasswordReset(deps, CLI_ACTOR, { account: account(flags) });
  const base = deps.config.PUBLIC_URL ? deps.config.PUBLIC_URL.replace(/\/+$/, "") : "";
  io.stdout.write(`one-time password-reset link for ${issued.username}, valid until ${issued.expiresAt.toISOString()} (shown once):\n${base}${issued.path}\n`);
  if (!base) io.stdout.write("(set PUBLIC_URL to print the full address; open the path on this server)\n");
  return 0;
}

/** `staff:reset-totp --username U`: removes the authenticator; the account signs in with its password until it enrols again. */
export async function staffResetTotpCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const result = await resetTotp(deps, CLI_ACTOR, { account: account(flags) });
  io.stdout.write(result.changed ? `authenticator removed from account ${result.id}\n` : `account ${result.id} had no authenticator\n`);
  return 0;
}

/** `unit:create --jurisdiction CODE --name NAME [--kind township|department] [--sectors a,b] [--route]`. */
export async function unitCreateCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const sectors =
    typeof flags.sectors === "string"
      ? flags.sectors
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  const unknown = sectors.filter((s) => !(SECTOR_CODES as readonly string[]).includes(s));
  if (unknown.length) throw new AppError("invalid_input", `unknown sector ${unknown.join(", ")} (one of ${SECTOR_CODES.join(", ")})`);
  const kind = typeof flags.kind === "string" ? flags.kind : "township";
  if (kind !== "township" && kind !== "department") throw new AppError("invalid_input", "--kind is township or department");
  const created = await createUnit(deps, CLI_ACTOR, {
    name: required(flags, "name", "the unit's name, e.g. 岐山办事处"),
    nameEn: typeof flags["name-en"] === "string" ? flags["name-en"] : undefined,
    kind,
    jurisdictionCode: required(flags, "jurisdiction", "a division code such as 430422"),
    sectors: sectors as SectorCode[],
    route: flags.route === true,
  });
  io.stdout.write(`created unit ${created.id} (${created.key})\n`);
  return 0;
}

/** `unit:rename --unit ID|KEY --name NAME [--name-en NAME]`. */
export async function unitRenameCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const { id } = await renameUnit(deps, CLI_ACTOR, {
    unit: required(flags, "unit", "a unit id or key"),
    name: required(flags, "name", "the new name"),
    nameEn: typeof flags["name-en"] === "string" ? flags["name-en"] : undefined,
  });
  io.stdout.write(`renamed unit ${id}\n`);
  return 0;
}

function describe(plan: RetirementPlan): string {
  const people = plan.mode === "merge" ? "moved" : "stopped";
  return (
    `${plan.mode} ${plan.source.name} (unit ${plan.source.id}) into ${plan.target.name} (unit ${plan.target.id}):\n` +
    `  open tips moved:        ${plan.openTips}\n  open duties moved:      ${plan.openObligations}\n  routing rules moved:    ${plan.routingRules}\n` +
    `  liaisons ${people}:${" ".repeat(14 - people.length)}${plan.liaisons}\n  unit accounts ${people}:${" ".repeat(9 - people.length)}${plan.staff}\n`
  );
}

/**
 * `unit:retire|merge --unit ID|KEY --into ID|KEY --reason "…" [--confirm]`. Without --confirm it only
 * prints what would move (exit 3); with it, the move happens and is audited.
 */
export function unitRetireCommand(mode: "retire" | "merge") {
  return async (deps: Deps, flags: Flags, io: CliIo): Promise<number> => {
    const input = { unit: required(flags, "unit", "the unit to retire"), into: required(flags, "into", "the unit taking over its work"), mode };
    const reason = required(flags, "reason", "why, for the audit log");
    if (flags.confirm !== true) {
      io.stdout.write(describe(await previewUnitRetirement(deps, CLI_ACTOR, input)));
      io.stdout.write("nothing changed: run again with --confirm to do it\n");
      return 3;
    }
    const done = await retireUnit(deps, CLI_ACTOR, { ...input, reason });
    io.stdout.write(describe(done).replace(/^\w+/, mode === "merge" ? "merged" : "retired"));
    return 0;
  };
}
