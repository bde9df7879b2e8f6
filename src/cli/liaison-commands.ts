import { existsSync, readFileSync } from "node:fs";
import { Api } from "grammy";
import { AppError, type Deps } from "../app/deps.js";
import { createInvite } from "../app/liaisons/create-invite.js";
import { listLiaisons } from "../app/liaisons/list-liaisons.js";
import { removeLiaison } from "../app/liaisons/remove-liaison.js";
import { setLiaisonPhone } from "../app/liaisons/set-liaison-phone.js";
import { addPhoneLiaison } from "../app/liaisons/add-phone-liaison.js";
import { remindUnit } from "../app/reminders/remind-unit.js";
import { maskMobile } from "../domain/mobile-phone.js";
import { startCampaign } from "../app/campaigns/start-campaign.js";
import { campaignTemplateSchema, type CampaignTemplate } from "../domain/campaign-templates.js";
import type { CliIo } from "./io.js";

type Flags = Record<string, string | true>;

function required(flags: Flags, name: string, hint: string): string {
  const v = flags[name];
  if (typeof v !== "string" || v.trim() === "") throw new AppError("invalid_input", `--${name} is required (${hint})`);
  return v.trim();
}

function optionalInt(flags: Flags, name: string): number | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !/^\d+$/.test(v)) throw new AppError("invalid_input", `--${name} must be a whole number`);
  return Number(v);
}

/** `invite --unit <id|key> [--days 7] [--actor name]`: prints the liaison's deep link. */
export async function inviteCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const unit = required(flags, "unit", "a unit id or key such as 450102:fire");
  const days = flags.days === undefined ? undefined : Number(flags.days);
  if (days !== undefined && !(days > 0 && days <= 90)) throw new AppError("invalid_input", "--days must be a number of days from 1 to 90");
  const invite = await createInvite(deps, { unit, actor: typeof flags.actor === "string" ? flags.actor : "cli", validDays: days });
  io.stdout.write(
    `invite for ${invite.unit.name} (unit ${invite.unit.id}, ${invite.unit.key}): single use, valid until ${localTime(invite.expiresAt, deps.config.TZ_CAMPAIGN)}\n`,
  );
  const username = await botUsername(deps);
  if (username.ok) {
    io.stdout.write(`https://t.me/${username.value}?start=${invite.token}\n`);
  } else {
    io.stdout.write(`token: ${invite.token}\n`);
    io.stdout.write(
      `No link: ${username.why}. The link is https://t.me/<bot username>?start=${invite.token}; ` +
        `the liaison can also send "/start ${invite.token}" to the bot. Set TELEGRAM_BOT_USERNAME to print the link.\n`,
    );
  }
  return 0;
}

async function botUsername(deps: Deps): Promise<{ ok: true; value: string } | { ok: false; why: string }> {
  if (deps.config.TELEGRAM_BOT_USERNAME) return { ok: true, value: deps.config.TELEGRAM_BOT_USERNAME };
  if (!deps.config.TELEGRAM_BOT_TOKEN) return { ok: false, why: "neither TELEGRAM_BOT_USERNAME nor TELEGRAM_BOT_TOKEN is set" };
  try {
    const me = await new Api(deps.config.TELEGRAM_BOT_TOKEN, { apiRoot: deps.config.TELEGRAM_API_ROOT }).getMe();
    return { ok: true, value: me.username };
  } catch (err) {
    return { ok: false, why: `asking Telegram for the bot's username failed (${err instanceof Error ? err.message.slice(0, 200) : "unknown error"})` };
  }
}

/** `campaign:start --template guangxi-2020|hengnan-2018|file.json --jurisdiction 450000 [--year] [--figures-due-day]`. */
export async function campaignStartCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const ref = required(flags, "template", "guangxi-2020, hengnan-2018 or a JSON file");
  const template = /^[a-z0-9-]+$/.test(ref) && !existsSync(ref) ? ref : readTemplateFile(ref);
  const started = await startCampaign(deps, {
    template,
    jurisdictionCode: required(flags, "jurisdiction", "a jurisdiction code such as 450000"),
    year: optionalInt(flags, "year"),
    figuresDueDay: optionalInt(flags, "figures-due-day"),
    actor: typeof flags.actor === "string" ? flags.actor : "cli",
  });
  const o = started.obligations;
  io.stdout.write(
    [
      `campaign ${started.campaignId} started: ${started.name}`,
      `${started.startsOn} … ${started.endsOn}, ${started.units} units${started.figuresDueDay ? `, figures due on day ${started.figuresDueDay} of the following month` : ""}`,
      `deliverable ${String(o.deliverable).padStart(6)}`,
      `recurring   ${String(o.recurring).padStart(6)}`,
      `figures     ${String(o.figures).padStart(6)}`,
      `total       ${String(o.total).padStart(6)}`,
      ...Object.entries(started.byCode).map(([code, n]) => `  ${code.padEnd(28)} ${n}`),
      ...started.emptyAssignees.map((a) => `warning: no unit matches assignee ${a}`),
    ].join("\n") + "\n",
  );
  return 0;
}

function readTemplateFile(path: string): CampaignTemplate {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new AppError("invalid_input", `cannot read template ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = campaignTemplateSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      "invalid_input",
      `template ${path} does not match the template schema:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  }
  return parsed.data;
}

/** `liaisons --unit <id|key>`: who answers for a unit (never their chat id or phone). */
export async function liaisonsCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const { unit, liaisons } = await listLiaisons(deps, { unit: required(flags, "unit", "a unit id or key such as 450102:fire") });
  const lines = [`liaisons of ${unit.name} (unit ${unit.id}, ${unit.key}): ${liaisons.filter((l) => l.active).length} active`];
  for (const l of liaisons) {
    const channels = [l.telegram ? "telegram" : null, l.phone ? "sms" : null].filter(Boolean).join("+") || "-";
    const status = l.active ? "active" : `removed ${localTime(l.removedAt!, deps.config.TZ_CAMPAIGN)} (${l.removedReason ?? ""})`;
    lines.push(`  #${l.id}  ${channels.padEnd(12)} ${l.locale.padEnd(5)} since ${localTime(l.createdAt, deps.config.TZ_CAMPAIGN)}  ${status}`);
  }
  io.stdout.write(lines.join("\n") + "\n");
  return 0;
}

/** `liaison:remove --id N --reason "…" [--actor name]`. */
export async function liaisonRemoveCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const id = optionalInt(flags, "id");
  if (id === undefined) throw new AppError("invalid_input", "--id is required (see `liaisons --unit …`)");
  const removed = await removeLiaison(deps, {
    liaisonId: id,
    reason: required(flags, "reason", "why the liaison is removed"),
    actor: typeof flags.actor === "string" ? flags.actor : "cli",
  });
  io.stdout.write(`liaison #${removed.liaisonId} removed from unit ${removed.unitId}\n`);
  return 0;
}

/** `liaison:phone --id N --phone 13800138000 [--actor name]`: the SMS fallback number (stored encrypted, printed masked). */
export async function liaisonPhoneCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const id = optionalInt(flags, "id");
  if (id === undefined) throw new AppError("invalid_input", "--id is required (see `liaisons --unit …`)");
  const result = await setLiaisonPhone(deps, {
    liaisonId: id,
    phone: required(flags, "phone", "a mainland mobile number such as 13800138000"),
    actor: typeof flags.actor === "string" ? flags.actor : "cli",
  });
  if (!result.ok) {
    throw new AppError(
      "invalid_input",
      result.reason === "invalid_phone"
        ? "--phone must be a mainland China mobile number (11 digits starting with 1, optionally +86)"
        : `no active liaison ${id}`,
    );
  }
  io.stdout.write(`liaison #${id}: phone set to ${maskMobile(result.phone)} (SMS fallback)\n`);
  return 0;
}

/** `liaison:add --unit <id|key> --phone 13800138000 [--actor name]`: a liaison without Telegram (SMS reminders, 月报 by SMS, desk links). */
export async function liaisonAddCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const result = await addPhoneLiaison(deps, {
    unit: required(flags, "unit", "a unit id or key such as 450102:fire"),
    phone: required(flags, "phone", "a mainland mobile number such as 13800138000"),
    actor: typeof flags.actor === "string" ? flags.actor : "cli",
  });
  if (!result.ok) {
    throw new AppError(
      "invalid_input",
      result.reason === "invalid_phone"
        ? "--phone must be a mainland China mobile number (11 digits starting with 1, optionally +86)"
        : "this phone is already an active liaison of the unit",
    );
  }
  io.stdout.write(`liaison #${result.liaisonId} added to ${result.unit.name} (unit ${result.unit.id}, ${result.unit.key}): SMS ${maskMobile(result.phone)}\n`);
  return 0;
}

/** `remind --unit <id|key> [--actor name]`: send the unit's liaisons the reminder of its most pressing open duty now. */
export async function remindCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const result = await remindUnit(deps, {
    unit: required(flags, "unit", "a unit id or key such as 450102:fire"),
    actor: typeof flags.actor === "string" ? flags.actor : "cli",
  });
  if (!result.ok) {
    io.stdout.write("the unit has no open duty in an active campaign: nothing sent\n");
    return 0;
  }
  io.stdout.write(
    `reminder of duty ${result.obligationId} (${result.title}${result.period ? ` ${result.period}` : ""}) queued for ${result.messages} liaison(s)\n`,
  );
  return 0;
}

function localTime(at: Date, timeZone: string): string {
  const f = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
  return `${f.format(at)} (${timeZone})`;
}
