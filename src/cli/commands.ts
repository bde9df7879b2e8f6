import type { Deps } from "../app/deps.js";
import type { CliIo } from "./io.js";
import { seedDefaults } from "../db/seed.js";
import { routeCommand } from "./route.js";
import { exportCommand } from "./export.js";
import { adminCreateCommand, auditLinkCommand, auditPublishCommand, auditVerifyCommand } from "./admin-commands.js";
import { outboxCommand } from "./outbox-command.js";
import { drawsVerifyCommand } from "./draws-command.js";
import { enterprisesImportCommand, unitsImportCommand } from "./import-command.js";
import { blacklistExportCommand, blacklistImportCommand } from "./blacklist-command.js";
import {
  campaignStartCommand,
  inviteCommand,
  liaisonAddCommand,
  liaisonPhoneCommand,
  liaisonRemoveCommand,
  liaisonsCommand,
  remindCommand,
} from "./liaison-commands.js";
import {
  staffDisabledCommand,
  staffListCommand,
  staffResetPasswordCommand,
  staffResetTotpCommand,
  unitCreateCommand,
  unitRenameCommand,
  unitRetireCommand,
} from "./staff-commands.js";

export interface CliCommand {
  summary: string;
  run(deps: Deps, flags: Record<string, string | true>, io: CliIo): Promise<number>;
}

export const COMMANDS: Record<string, CliCommand> = {
  "admin:create": {
    summary:
      "create a staff account: --username --role committee|unit|viewer|admin [--jurisdiction CODE] [--unit ID|KEY] [--totp]; password from ADMIN_PASSWORD or prompted",
    run: (deps, flags, io) => adminCreateCommand(deps, flags, io),
  },
  "staff:list": { summary: "list staff accounts: role, scope, state, last sign-in", run: staffListCommand },
  "staff:disable": { summary: "disable an account and end its sessions at once (--username U)", run: staffDisabledCommand(true) },
  "staff:enable": { summary: "enable a disabled account (--username U)", run: staffDisabledCommand(false) },
  "staff:reset-password": { summary: "print a one-time password-reset link for an account, valid 24 h (--username U)", run: staffResetPasswordCommand },
  "staff:reset-totp": { summary: "remove an account's authenticator (--username U)", run: staffResetTotpCommand },
  "unit:create": {
    summary: "create a unit: --jurisdiction CODE --name NAME [--kind township|department] [--sectors a,b] [--route] [--name-en NAME]",
    run: unitCreateCommand,
  },
  "unit:rename": { summary: "rename a unit (--unit ID|KEY --name NAME [--name-en NAME])", run: unitRenameCommand },
  "unit:retire": {
    summary: 'retire a unit, moving its open work: --unit --into --reason "…" (prints what would move; --confirm does it)',
    run: unitRetireCommand("retire"),
  },
  "unit:merge": {
    summary: 'merge a unit into another, moving everything: --unit --into --reason "…" (prints what would move; --confirm does it)',
    run: unitRetireCommand("merge"),
  },
  "audit:verify": {
    summary:
      "check the audit log's hash chain and that no entry older than --window SECONDS (60) is left unlinked; exit 1 naming the first broken entry. With --root HASH --at YYYY-MM-DD|ENTRY_ID: prove a published root is a prefix of today's chain",
    run: (deps, flags, io) => auditVerifyCommand(deps, flags, io),
  },
  "audit:link": {
    summary: "run the audit sequencer once: chain the committed entries not linked yet (the server does it every second)",
    run: (deps, _flags, io) => auditLinkCommand(deps, io),
  },
  "audit:publish": {
    summary: "publish the audit chain's current head (entry id and hash) on /public/audit and in the log, as the daily job does",
    run: (deps, _flags, io) => auditPublishCommand(deps, io),
  },
  "draws:verify": {
    summary: "re-run a 双随机 draw from its stored seed and candidate list and compare with the stored result: draws:verify ID (exit 1 if they differ)",
    run: (deps, flags, io) => drawsVerifyCommand(deps, flags, io),
  },
  migrate: {
    summary: "apply database migrations (start-up does this too)",
    // openNode has already migrated under the advisory lock; reaching here means it succeeded.
    run: async (deps, _flags, io) => {
      io.stdout.write(`migrations applied to ${deps.database.describe}\n`);
      return 0;
    },
  },
  route: {
    summary: "route tips read as JSON Lines on stdin ({text, place, enterprise, sector?, urgent?}); one decision per line",
    run: (deps, _flags, io) => routeCommand(deps, io),
  },
  export: {
    summary: "write a month's 月报表: --campaign ID --month YYYY-MM --format xlsx|csv [--unit ID|KEY] [--out FILE] (stdout without --out)",
    run: (deps, flags, io) => exportCommand(deps, flags, io),
  },
  "enterprises:import": {
    summary: "import enterprises from a CSV (UTF-8 or GBK as Excel saves it): --file FILE (stdin without); all rows or none, bad rows named",
    run: (deps, flags, io) => enterprisesImportCommand(deps, flags, io),
  },
  "blacklist:import": {
    summary:
      "import 黑名单 listings from a CSV (credit_code,legal_basis,listing_unit,starts_on,planned_end_on,reason): --file FILE (stdin without); all rows or none",
    run: blacklistImportCommand,
  },
  "blacklist:export": { summary: "export every 黑名单 listing as CSV (to standard output unless --out FILE)", run: blacklistExportCommand },
  "units:import": {
    summary: "create units from a CSV (UTF-8 or GBK): --file FILE (stdin without); columns name,name_en,jurisdiction_code,kind,sectors,route; all rows or none",
    run: (deps, flags, io) => unitsImportCommand(deps, flags, io),
  },
  invite: {
    summary: "create a one-time liaison invite for a unit and print its deep link (--unit <id|key> [--days 7])",
    run: inviteCommand,
  },
  "liaison:add": {
    summary: "add a liaison who has only a phone, encrypted: SMS reminders with a desk link, 月报 by SMS (--unit <id|key> --phone 13800138000)",
    run: liaisonAddCommand,
  },
  remind: {
    summary: "send a unit's liaisons the reminder of its most pressing open duty now (--unit <id|key>)",
    run: remindCommand,
  },
  liaisons: {
    summary: "list a unit's liaisons (--unit <id|key>)",
    run: liaisonsCommand,
  },
  "liaison:remove": {
    summary: 'deactivate a liaison (--id N --reason "…" [--actor name])',
    run: liaisonRemoveCommand,
  },
  "liaison:phone": {
    summary: "store a liaison's mobile number for SMS reminders, encrypted (--id N --phone 13800138000 [--actor name])",
    run: liaisonPhoneCommand,
  },
  "campaign:start": {
    summary: "start a campaign from a template (--template guangxi-2020|hengnan-2018|file.json --jurisdiction <code> [--year] [--figures-due-day])",
    run: campaignStartCommand,
  },
  outbox: {
    summary: "outgoing messages by status and the dead letters (never decrypted); --retry ID requeues a dead one",
    run: (deps, flags, io) => outboxCommand(deps, flags, io),
  },
  seed: {
    summary: "load jurisdictions, sectors, units, routing rules, the monthly form and campaign templates (idempotent)",
    run: async (deps, _flags, io) => {
      const report = await seedDefaults(deps.db);
      io.stdout.write(
        Object.entries(report)
          .map(([k, v]) => `${k.padEnd(18)} ${v}`)
          .join("\n") + "\n",
      );
      return 0;
    },
  },
};
