import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** bytea for encrypted fields and attachment bodies; drizzle has no built-in bytea column. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true });

// ── Places, sectors, units ────────────────────────────────────────────────────────────────

/** GB/T 2260 administrative divisions: 6-digit codes down to county, 9-digit for townships. */
export const jurisdictions = pgTable(
  "jurisdictions",
  {
    code: text("code").primaryKey(),
    parentCode: text("parent_code"),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    fullName: text("full_name").notNull(),
    level: text("level", { enum: ["province", "city", "county", "township"] }).notNull(),
  },
  (t) => [index("jurisdictions_parent_idx").on(t.parentCode), index("jurisdictions_name_idx").on(t.name)],
);

export const sectors = pgTable("sectors", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  department: text("department").notNull(),
  position: integer("position").notNull(),
});

/** A body that handles tips and files figures: a department at a jurisdiction, a township government, or an 安委办. */
export const units = pgTable(
  "units",
  {
    id: serial("id").primaryKey(),
    /** Stable natural key, e.g. "450102:fire" or "430422101:township", so seeding is idempotent and tests need no magic ids. */
    key: text("key").notNull().unique(),
    name: text("name").notNull(),
    nameEn: text("name_en"),
    kind: text("kind", { enum: ["committee", "department", "township"] }).notNull(),
    department: text("department"),
    jurisdictionCode: text("jurisdiction_code")
      .notNull()
      .references(() => jurisdictions.code),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    /** Set when the unit is retired or merged: it stays for history, its open work moved to `successorId`. */
    retiredAt: tstz("retired_at"),
    successorId: integer("successor_id"),
  },
  (t) => [index("units_jurisdiction_idx").on(t.jurisdictionCode)],
);

export const unitSectors = pgTable(
  "unit_sectors",
  {
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    sectorCode: text("sector_code")
      .notNull()
      .references(() => sectors.code),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.sectorCode] })],
);

/** A person who answers for a unit in Telegram (SMS as fallback). Identities are encrypted; the hash links chats. */
export const liaisons = pgTable(
  "liaisons",
  {
    id: serial("id").primaryKey(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    telegramChatEnc: bytea("telegram_chat_enc"),
    telegramChatHash: text("telegram_chat_hash"),
    phoneEnc: bytea("phone_enc"),
    /** Keyed hash of the E.164 number: an inbound SMS is matched to its liaison without decrypting every phone. */
    phoneHash: text("phone_hash"),
    /**
     * The desk account a phone liaison's one-time sign-in links open a session as (role "unit", this
     * liaison's unit, no usable password): made at the first sign-in, disabled when the liaison is removed.
     */
    deskUserId: integer("desk_user_id"),
    nameEnc: bytea("name_enc"),
    locale: text("locale").notNull().default("zh-CN"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    removedAt: tstz("removed_at"),
    removedReason: text("removed_reason"),
  },
  (t) => [index("liaisons_unit_idx").on(t.unitId), index("liaisons_chat_idx").on(t.telegramChatHash), index("liaisons_phone_idx").on(t.phoneHash)],
);

/** One-time sign-in links to /desk sent to phone liaisons by SMS: single use, short-lived, only a keyed hash stored. */
export const deskLinks = pgTable(
  "desk_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    liaisonId: integer("liaison_id")
      .notNull()
      .references(() => liaisons.id),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("desk_links_expires_idx").on(t.expiresAt)],
);

export const liaisonInvites = pgTable("liaison_invites", {
  tokenHash: text("token_hash").primaryKey(),
  unitId: integer("unit_id")
    .notNull()
    .references(() => units.id),
  createdBy: text("created_by").notNull(),
  expiresAt: tstz("expires_at").notNull(),
  usedAt: tstz("used_at"),
  liaisonId: integer("liaison_id").references(() => liaisons.id),
  createdAt: createdAt(),
});

/** 生产经营单位. One enterprise, one supervising tier (一家企业对应一级执法主体). */
export const enterprises = pgTable(
  "enterprises",
  {
    id: serial("id").primaryKey(),
    creditCode: text("credit_code").unique(),
    name: text("name").notNull(),
    nameNorm: text("name_norm").notNull(),
    sectorCode: text("sector_code")
      .notNull()
      .references(() => sectors.code),
    jurisdictionCode: text("jurisdiction_code")
      .notNull()
      .references(() => jurisdictions.code),
    supervisingLevel: text("supervising_level", { enum: ["province", "city", "county", "township"] }).notNull(),
    riskClass: text("risk_class", { enum: ["good", "average", "poor"] })
      .notNull()
      .default("average"),
    blacklisted: boolean("blacklisted").notNull().default(false),
    blacklistedAt: tstz("blacklisted_at"),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    /** Why the enterprise is in its class: major_hazard, past_accident, blacklist, repeated_violations (#15). */
    riskReasons: jsonb("risk_reasons").$type<string[]>().notNull().default([]),
    /** A full-coverage activity inside a broad sector: confined_space, metallurgy (工贸), passenger_hazmat, school_bus (交通). */
    keyActivity: text("key_activity"),
  },
  (t) => [index("enterprises_name_norm_idx").on(t.nameNorm), index("enterprises_jurisdiction_idx").on(t.jurisdictionCode)],
);

/**
 * Certified enforcement officers (执法人员) of a unit: the roster that 双随机 draws pick inspectors from and
 * that inspection records name (at least two certified officers per inspection). `certifiedUntil` null = no expiry
 * recorded; an officer whose certificate has lapsed stays for history but is not drawn or accepted on a record.
 */
export const inspectors = pgTable(
  "inspectors",
  {
    id: serial("id").primaryKey(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    name: text("name").notNull(),
    /** 执法证号: unique within the unit. */
    certificateNo: text("certificate_no").notNull(),
    certifiedUntil: date("certified_until"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("inspectors_unit_cert_uq").on(t.unitId, t.certificateNo)],
);

/** Recorded relationships that exclude an officer from inspecting an enterprise (回避): kin, former employer … */
export const inspectorConflicts = pgTable(
  "inspector_conflicts",
  {
    inspectorId: integer("inspector_id")
      .notNull()
      .references(() => inspectors.id, { onDelete: "cascade" }),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.inspectorId, t.enterpriseId] })],
);

// ── Enforcement: plans, draws, inspection records (#15) ─────────────────────────────────────
// The skeleton shared by plans, draws and records; each part adds its own columns.

/** A unit's annual 监管执法计划: generated from the enterprises it supervises, edited with reasons, approved. */
export const enforcementPlans = pgTable(
  "enforcement_plans",
  {
    id: serial("id").primaryKey(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    year: integer("year").notNull(),
    status: text("status", { enum: ["draft", "approved"] })
      .notNull()
      .default("draft"),
    /** The stated 双随机 ratio for enterprises outside 重点 and full-coverage sectors, in percent. */
    randomRatePct: integer("random_rate_pct").notNull(),
    generatedBy: text("generated_by").notNull(),
    generatedAt: tstz("generated_at").notNull().defaultNow(),
    approvedBy: text("approved_by"),
    approvedAt: tstz("approved_at"),
    /** Hex seed of the random share (32 random bytes): the pick is re-computable from it and the candidate list. */
    randomSeed: text("random_seed").notNull().default(""),
    /** How many times the draft was regenerated (each with a reason in the audit log). */
    generation: integer("generation").notNull().default(1),
  },
  (t) => [uniqueIndex("enforcement_plans_unit_year_uq").on(t.unitId, t.year)],
);

/** One planned check of one enterprise in one month; removed items stay with their reason. */
export const planItems = pgTable(
  "plan_items",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => enforcementPlans.id, { onDelete: "cascade" }),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    month: integer("month").notNull(),
    basis: text("basis", { enum: ["risk", "full_coverage", "random", "manual"] }).notNull(),
    note: text("note"),
    removedAt: tstz("removed_at"),
    removedReason: text("removed_reason"),
  },
  (t) => [index("plan_items_plan_idx").on(t.planId, t.month), index("plan_items_enterprise_idx").on(t.enterpriseId)],
);

/** A 双随机 draw: enterprises and inspectors picked with a stored, published seed; re-draws keep the first. */
export const draws = pgTable(
  "draws",
  {
    id: serial("id").primaryKey(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    seed: text("seed").notNull(),
    filter: jsonb("filter").notNull(),
    enterpriseIds: jsonb("enterprise_ids").notNull(),
    inspectorIds: jsonb("inspector_ids").notNull(),
    supersedesId: integer("supersedes_id"),
    redrawReason: text("redraw_reason"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    /** The day the draw is for: inspectors must be certified on it. */
    drawnOn: date("drawn_on"),
    /** Enterprises to pick and inspectors per enterprise. */
    enterpriseCount: integer("enterprise_count").notNull().default(0),
    inspectorsPerEnterprise: integer("inspectors_per_enterprise").notNull().default(2),
    /** The published inputs: candidates in id order with weights, the roster, the exclusions per candidate. */
    candidates: jsonb("candidates").notNull().default([]),
    roster: jsonb("roster").notNull().default([]),
    /** SHA-256 of the canonical candidate list, so a published list can be checked against the stored one. */
    candidateDigest: text("candidate_digest").notNull().default(""),
    /** The result: per picked enterprise, the inspectors picked for it. */
    result: jsonb("result").notNull().default([]),
  },
  (t) => [index("draws_unit_idx").on(t.unitId, t.createdAt)],
);

/**
 * Checks per year: per risk class (scope "class", key good/average/poor) and per sector or key activity
 * (scope "sector", key a sector code or a key activity). An enterprise gets the larger of its class's and its
 * sector's; full-coverage sectors carry at least 1. Edited by committee/admin staff, audited.
 */
export const checkFrequencies = pgTable(
  "check_frequencies",
  {
    scope: text("scope", { enum: ["class", "sector"] }).notNull(),
    key: text("key").notNull(),
    perYear: integer("per_year").notNull(),
    updatedBy: text("updated_by").notNull().default("seed"),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** An inspection record (执法检查记录): who, where, what was found and done; every change is audited. */
export const inspections = pgTable(
  "inspections",
  {
    id: serial("id").primaryKey(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    inspectedOn: date("inspected_on").notNull(),
    kind: text("kind", { enum: ["planned", "random", "unannounced", "joint", "reinspection", "tip"] }).notNull(),
    planItemId: integer("plan_item_id").references(() => planItems.id),
    drawId: integer("draw_id").references(() => draws.id),
    tipId: integer("tip_id"),
    reinspectionOfId: integer("reinspection_of_id"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    /** Hazards found: `[{ text, major }]`, `major` = 重大事故隐患. */
    findings: jsonb("findings").notNull().default([]),
    /** 责令改正 (with `correctionDeadline`). */
    orderedCorrection: boolean("ordered_correction").notNull().default(false),
    /** 责令停产停业. */
    suspended: boolean("suspended").notNull().default(false),
    /** 暂扣或者吊销许可证照. */
    licenceAction: boolean("licence_action").notNull().default(false),
    /** 取缔关闭. */
    closed: boolean("closed").notNull().default(false),
    /** 移送公安 (行刑衔接), with the people detained (行政拘留) and arrested (抓捕) on the referral. */
    referredToPolice: boolean("referred_to_police").notNull().default(false),
    detentions: integer("detentions").notNull().default(0),
    arrests: integer("arrests").notNull().default(0),
    /** 立案 case number; a record with one counts as 立案调查. */
    caseNo: text("case_no"),
    /** Fine in integer fen (分); the 月报表 shows 万元 (fen / 1,000,000). */
    fineFen: bigint("fine_fen", { mode: "number" }).notNull().default(0),
    correctionDeadline: date("correction_deadline"),
    note: text("note"),
    version: integer("version").notNull().default(1),
    updatedAt: tstz("updated_at"),
  },
  (t) => [index("inspections_unit_day_idx").on(t.unitId, t.inspectedOn), index("inspections_enterprise_idx").on(t.enterpriseId)],
);

/**
 * A 回头看 re-inspection an inspection scheduled (a correction deadline or a suspension); recording a
 * kind=reinspection with reinspection_of_id = the inspection closes it. One per inspection.
 */
export const reinspectionsDue = pgTable(
  "reinspections_due",
  {
    id: serial("id").primaryKey(),
    inspectionId: integer("inspection_id")
      .notNull()
      .references(() => inspections.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    dueOn: date("due_on").notNull(),
    reason: text("reason", { enum: ["correction", "suspension"] }).notNull(),
    closedByInspectionId: integer("closed_by_inspection_id"),
    closedAt: tstz("closed_at"),
    /** The last reminder phase sent to the unit ("due" | "overdue"), so each goes out once. */
    remindedPhase: text("reminded_phase"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("reinspections_due_inspection_uq").on(t.inspectionId), index("reinspections_due_open_idx").on(t.closedAt, t.dueOn)],
);

/** Site photos and 文书 scans of an inspection; images pass the media sanitiser before they are stored. */
export const inspectionAttachments = pgTable(
  "inspection_attachments",
  {
    id: serial("id").primaryKey(),
    inspectionId: integer("inspection_id")
      .notNull()
      .references(() => inspections.id),
    fileName: text("file_name"),
    mimeType: text("mime_type").notNull(),
    sha256: text("sha256").notNull(),
    body: bytea("body").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("inspection_attachments_inspection_idx").on(t.inspectionId)],
);

/** The officers on an inspection (at least two, certified on the day). */
export const inspectionInspectors = pgTable(
  "inspection_inspectors",
  {
    inspectionId: integer("inspection_id")
      .notNull()
      .references(() => inspections.id, { onDelete: "cascade" }),
    inspectorId: integer("inspector_id")
      .notNull()
      .references(() => inspectors.id),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.inspectorId] }), index("inspection_inspectors_inspector_idx").on(t.inspectorId)],
);

/** Bigrams of normalised enterprise names, so a fuzzy lookup reads a few candidates instead of every enterprise. */
export const enterpriseGrams = pgTable(
  "enterprise_grams",
  {
    gram: text("gram").notNull(),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.gram, t.enterpriseId] })],
);

/** sector × jurisdiction → unit; the router walks up the jurisdiction tree until one matches. */
export const routingRules = pgTable(
  "routing_rules",
  {
    id: serial("id").primaryKey(),
    sectorCode: text("sector_code")
      .notNull()
      .references(() => sectors.code),
    jurisdictionCode: text("jurisdiction_code")
      .notNull()
      .references(() => jurisdictions.code),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    note: text("note"),
    updatedBy: text("updated_by").notNull().default("seed"),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("routing_rules_sector_jurisdiction_uq").on(t.sectorCode, t.jurisdictionCode)],
);

// ── Tips ─────────────────────────────────────────────────────────────────────────────────

import { TIP_STATUSES } from "../domain/tip-status.js";
import { TIP_CHANNELS } from "../domain/tip-channels.js";

export { TIP_CHANNELS, TIP_STATUSES };

export const tips = pgTable(
  "tips",
  {
    id: serial("id").primaryKey(),
    trackingCode: text("tracking_code").notNull().unique(),
    /** HMAC(APP_SECRET, secret): the secret itself is shown once and never stored. */
    secretHash: text("secret_hash").notNull(),
    channel: text("channel", { enum: TIP_CHANNELS }).notNull(),
    locale: text("locale").notNull().default("zh-CN"),
    text: text("text").notNull(),
    placeText: text("place_text"),
    enterpriseText: text("enterprise_text"),
    creditCodeText: text("credit_code_text"),
    locationLat: text("location_lat"),
    locationLon: text("location_lon"),
    sectorChosen: text("sector_chosen"),
    sectorCode: text("sector_code")
      .notNull()
      .references(() => sectors.code),
    confidence: integer("confidence_pct").notNull().default(0),
    jurisdictionCode: text("jurisdiction_code").references(() => jurisdictions.code),
    enterpriseId: integer("enterprise_id").references(() => enterprises.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    tier: text("tier", { enum: ["province", "city", "county", "township"] }).notNull(),
    urgent: boolean("urgent").notNull().default(false),
    reporterUrgent: boolean("reporter_urgent").notNull().default(false),
    /**
     * Where the tip's urgency came from, stored when it became urgent (never inferred at render):
     * reporter (their own flag), classifier (the router), both, or sms_answer (the reporter's "1" to the
     * SMS question asked of a possibly urgent tip). Null while the tip is not urgent.
     */
    urgencySource: text("urgency_source", { enum: ["reporter", "classifier", "both", "sms_answer"] }),
    status: text("status", { enum: TIP_STATUSES }).notNull().default("received"),
    routing: jsonb("routing").notNull(),
    /** Reporter identity: encrypted (AES-256-GCM); the keyed hash links follow-ups and rate limits without decrypting. */
    reporterContactEnc: bytea("reporter_contact_enc"),
    reporterNameEnc: bytea("reporter_name_enc"),
    reporterChannelHash: text("reporter_channel_hash"),
    contactConsent: boolean("contact_consent").notNull().default(false),
    anonymous: boolean("anonymous").notNull().default(true),
    acceptDueAt: tstz("accept_due_at"),
    handleDueAt: tstz("handle_due_at"),
    /** 答复: the answer to the reporter is due this long after the verification result (TIP_FEEDBACK_DAYS). */
    answerDueAt: tstz("answer_due_at"),
    /**
     * The deadline running now, as src/domain/tip-clock.ts `nextDeadline` decides from the status and the
     * due columns; written with every change of either (runTipAction, submitTip) so the queue can filter
     * and sort by it through an index.
     */
    nextDueAt: tstz("next_due_at"),
    nextDueKind: text("next_due_kind"),
    /** The one extension of verification: requested by the unit, approved or refused by the committee. */
    extension: jsonb("extension").$type<TipExtension>(),
    mergedInto: integer("merged_into"),
    /** When the four-item answer went out (办结); the objection window counts from it. */
    answeredAt: tstz("answered_at"),
    /** Last moment of the 异议 window; null once a review has answered (the review's answer is final). */
    objectionDueAt: tstz("objection_due_at"),
    /** After an objection: the review (复核) by the committee one tier up must start by then. */
    reviewStartDueAt: tstz("review_start_due_at"),
    /** The reporter's own answer to "do you work for the enterprise you report?"; null: not asked or not answered. */
    reporterEmployee: boolean("reporter_employee"),
    /**
     * The reporter agreed that the tracking code may be published (Open311 service_request_id); default no:
     * public lists then show an opaque keyed id instead. Never implies showing the text or the reporter.
     */
    publishConsent: boolean("publish_consent").notNull().default(false),
    receivedAt: tstz("received_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("tips_unit_status_idx").on(t.unitId, t.status, t.receivedAt),
    index("tips_jurisdiction_idx").on(t.jurisdictionCode, t.receivedAt),
    index("tips_received_idx").on(t.receivedAt),
    // The admin queue: counts per status and pages within a committee's subtree, and status + sector filters (bench:admin).
    index("tips_jurisdiction_status_idx").on(t.jurisdictionCode, t.status, t.receivedAt),
    index("tips_status_sector_idx").on(t.status, t.sectorCode, t.receivedAt),
    // tips_text_bigrams_idx (GIN over jubao_bigrams(text), for queue search) lives in migration 0003 only:
    // drizzle-kit cannot declare the function it depends on.
    index("tips_reporter_idx").on(t.reporterChannelHash),
    // The queue by next deadline ("overdue", "due in 3 days", sorted by due): per committee subtree, per unit, for admins.
    index("tips_jurisdiction_next_due_idx").on(t.jurisdictionCode, t.nextDueAt),
    index("tips_unit_next_due_idx").on(t.unitId, t.nextDueAt),
    index("tips_next_due_idx").on(t.nextDueAt),
    // Duplicate suggestions (find-duplicates): the same enterprise or credit code within a window.
    index("tips_enterprise_received_idx").on(t.enterpriseId, t.receivedAt),
    index("tips_credit_code_received_idx").on(t.creditCodeText, t.receivedAt),
  ],
);

export interface TipExtension {
  state: "requested" | "approved" | "refused";
  days: number;
  /** Told to the reporter once approved. */
  reason: string;
  requestedBy: number;
  requestedAt: string;
  decidedBy?: number;
  decidedAt?: string;
  /** The verification deadline before and after the extension, YYYY-MM-DD. */
  previousDueOn?: string;
  newDueOn?: string;
}

/**
 * The secret of a tip taken by staff (phone, visit, letter), held encrypted only until the clerk's
 * receipt page first shows it; that read deletes the row, so a reload or another clerk never sees it.
 * Rows nobody read expire (housekeeping deletes them after RECEIPT_HANDOFF_TTL).
 */
export const receiptHandoffs = pgTable("receipt_handoffs", {
  tipId: integer("tip_id")
    .primaryKey()
    .references(() => tips.id),
  staffId: integer("staff_id").notNull(),
  secretEnc: bytea("secret_enc").notNull(),
  expiresAt: tstz("expires_at").notNull(),
});

export const tipEvents = pgTable(
  "tip_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tipId: integer("tip_id")
      .notNull()
      .references(() => tips.id),
    kind: text("kind").notNull(),
    actor: text("actor").notNull(),
    reason: text("reason"),
    data: jsonb("data").notNull().default(sql`'{}'::jsonb`),
    /** Public events (status changes, staff replies) are shown to the reporter with their receipt. */
    public: boolean("public").notNull().default(false),
    at: tstz("at").notNull().defaultNow(),
  },
  (t) => [index("tip_events_tip_idx").on(t.tipId, t.id)],
);

export const tipAttachments = pgTable(
  "tip_attachments",
  {
    id: serial("id").primaryKey(),
    tipId: integer("tip_id")
      .notNull()
      .references(() => tips.id),
    fileName: text("file_name"),
    mimeType: text("mime_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    body: bytea("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("tip_attachments_tip_idx").on(t.tipId)],
);

/**
 * A reward's life after a positive decision: awaiting_claim → claimed → paid, or lapsed when the claim
 * period passes. The decisions themselves are tip events (kind "reward"); this row is the current state.
 * The identity a reporter chose to show when claiming is encrypted and decrypted only for the reward
 * section of the tip page.
 */
export const tipRewards = pgTable(
  "tip_rewards",
  {
    tipId: integer("tip_id")
      .primaryKey()
      .references(() => tips.id),
    status: text("status", { enum: ["awaiting_claim", "claimed", "paid", "lapsed"] }).notNull(),
    amountYuan: integer("amount_yuan").notNull(),
    /** The calculator's proposal; differs from amountYuan only with a deviation reason. */
    proposedYuan: integer("proposed_yuan").notNull(),
    basis: jsonb("basis").notNull(),
    deviationReason: text("deviation_reason"),
    /** An employee reporting their own employer: the claim must carry a real name (应急〔2020〕69号). */
    realNameRequired: boolean("real_name_required").notNull().default(false),
    decidedAt: tstz("decided_at").notNull(),
    decidedBy: text("decided_by").notNull(),
    claimDueAt: tstz("claim_due_at").notNull(),
    claimedAt: tstz("claimed_at"),
    /** JSON {name, idNumber, account}, AES-256-GCM: what the reporter chose to show to be paid. */
    claimIdentityEnc: bytea("claim_identity_enc"),
    paidOn: date("paid_on"),
    paymentWay: text("payment_way"),
    paymentReference: text("payment_reference"),
    paymentRecordedBy: text("payment_recorded_by"),
    paymentRecordedAt: tstz("payment_recorded_at"),
    lapsedAt: tstz("lapsed_at"),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("tip_rewards_status_idx").on(t.status, t.claimDueAt)],
);

/** Receipt-secret failures per tracking code, for rate limiting guesses. */
export const receiptFailures = pgTable("receipt_failures", {
  trackingCode: text("tracking_code").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: tstz("window_start").notNull().defaultNow(),
});

// ── Campaigns, obligations, reminders, figures ────────────────────────────────────────────

export const campaignTemplates = pgTable("campaign_templates", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  source: text("source").notNull(),
  body: jsonb("body").notNull(),
  updatedAt: tstz("updated_at").notNull().defaultNow(),
});

export const campaigns = pgTable("campaigns", {
  id: serial("id").primaryKey(),
  templateCode: text("template_code").references(() => campaignTemplates.code),
  name: text("name").notNull(),
  issuingJurisdictionCode: text("issuing_jurisdiction_code")
    .notNull()
    .references(() => jurisdictions.code),
  issuingUnitId: integer("issuing_unit_id").references(() => units.id),
  startsOn: date("starts_on").notNull(),
  endsOn: date("ends_on").notNull(),
  figuresDueDay: integer("figures_due_day"),
  status: text("status", { enum: ["active", "finished", "cancelled"] })
    .notNull()
    .default("active"),
  createdBy: text("created_by").notNull(),
  createdAt: createdAt(),
});

export const campaignUnits = pgTable(
  "campaign_units",
  {
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    role: text("role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.unitId] })],
);

export const obligations = pgTable(
  "obligations",
  {
    id: serial("id").primaryKey(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    kind: text("kind", { enum: ["deliverable", "recurring", "figures"] }).notNull(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    /** "" for one-off duties, "2018-07" / "2020-Q2" / "2020" for recurring ones, so the unique key has no NULLs. */
    period: text("period").notNull().default(""),
    dueOn: date("due_on").notNull(),
    status: text("status", { enum: ["open", "done", "cancelled"] })
      .notNull()
      .default("open"),
    doneAt: tstz("done_at"),
    doneBy: text("done_by"),
    documentAttachmentId: integer("document_attachment_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("obligations_uq").on(t.campaignId, t.unitId, t.code, t.period), index("obligations_due_idx").on(t.status, t.dueOn)],
);

/** A document a liaison attached when marking a duty done (部署安排情况, 总结 …), kept with its metadata. */
export const obligationDocuments = pgTable(
  "obligation_documents",
  {
    id: serial("id").primaryKey(),
    obligationId: integer("obligation_id")
      .notNull()
      .references(() => obligations.id, { onDelete: "cascade" }),
    liaisonId: integer("liaison_id").references(() => liaisons.id),
    telegramFileId: text("telegram_file_id"),
    fileName: text("file_name"),
    mimeType: text("mime_type"),
    size: integer("size"),
    sha256: text("sha256"),
    body: bytea("body"),
    createdAt: createdAt(),
  },
  (t) => [index("obligation_documents_obligation_idx").on(t.obligationId)],
);

/** One row per reminder that must go out; the unique key makes "each reminder once" a database fact. */
export const reminders = pgTable(
  "reminders",
  {
    id: serial("id").primaryKey(),
    obligationId: integer("obligation_id").references(() => obligations.id, { onDelete: "cascade" }),
    tipId: integer("tip_id").references(() => tips.id),
    step: text("step").notNull(),
    sendAt: tstz("send_at").notNull(),
    sentAt: tstz("sent_at"),
    outboxIds: jsonb("outbox_ids"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("reminders_obligation_step_uq").on(t.obligationId, t.step),
    uniqueIndex("reminders_tip_step_uq").on(t.tipId, t.step),
    index("reminders_due_idx").on(t.sentAt, t.sendAt),
  ],
);

export const metrics = pgTable("metrics", {
  code: text("code").primaryKey(),
  position: integer("position").notNull(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  unitZh: text("unit_zh").notNull(),
  unitEn: text("unit_en").notNull(),
  decimals: integer("decimals").notNull().default(0),
});

/** Monthly figures (月报表). Each correction is a new version; exactly one version per unit-month is current. */
export const monthlyReports = pgTable(
  "monthly_reports",
  {
    id: serial("id").primaryKey(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    period: text("period").notNull(),
    version: integer("version").notNull(),
    current: boolean("current").notNull().default(true),
    /** Integer hundredths for money (万元 × 100), plain integers for counts: no float drift in totals. */
    values: jsonb("values").notNull(),
    late: boolean("late").notNull().default(false),
    submittedBy: text("submitted_by").notNull(),
    reason: text("reason"),
    submittedAt: tstz("submitted_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("monthly_reports_version_uq").on(t.campaignId, t.unitId, t.period, t.version),
    uniqueIndex("monthly_reports_current_uq").on(t.campaignId, t.unitId, t.period).where(sql`${t.current}`),
  ],
);

/**
 * Running totals (本月数 and 累计数) per campaign, unit and month, from the current versions of
 * monthly_reports. Kept by a statement trigger on monthly_reports (hand-written part of its migration),
 * so every writer — filing, correction, import, bench seeding — updates them in its own transaction.
 * A unit has one row per month from its first filed month to its last; months it skipped carry the
 * 累计数 forward with `filed` false. `last` marks the row of its last filed month, which answers for
 * every later month. Read by unitTotals (src/app/figures/cumulative.ts).
 */
export const figureTotals = pgTable(
  "figure_totals",
  {
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    period: text("period").notNull(),
    filed: boolean("filed").notNull().default(false),
    last: boolean("last").notNull().default(false),
    /** The month's current values (empty when not filed), stored units like monthly_reports.values. */
    monthValues: jsonb("month_values").notNull().default({}),
    /** 累计数 up to and including this month. */
    cumulative: jsonb("cumulative").notNull().default({}),
    filedAt: tstz("filed_at"),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.unitId, t.period] }),
    index("figure_totals_month_idx").on(t.campaignId, t.period),
    index("figure_totals_last_idx").on(t.campaignId, t.period).where(sql`${t.last}`),
  ],
);

// ── Messaging, audit, staff, conversations ───────────────────────────────────────────────

/** Every outgoing message. Written in the same transaction as the change that causes it; sent by the dispatcher. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    channel: text("channel", { enum: ["telegram", "sms"] }).notNull(),
    recipientEnc: bytea("recipient_enc").notNull(),
    /** Telegram: per-chat pacing key (a hash, never the chat id in clear). */
    recipientKey: text("recipient_key").notNull(),
    /** Encrypted JSON: receipts carry the reporter's secret and unit alerts the tip text. Wiped once sent. */
    payloadEnc: bytea("payload_enc"),
    dedupeKey: text("dedupe_key").unique(),
    status: text("status", { enum: ["pending", "sending", "sent", "dead"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: tstz("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_pending_idx").on(t.status, t.nextAttemptAt)],
);

/**
 * Append-only (a trigger forbids UPDATE and DELETE). A row is written in the business transaction with
 * its content hash only; the sequencer (linkAudit) later chains it in audit_links. Rows written before
 * the sequencer carry their chain hash here (prev_hash, hash) and content_hash is null.
 */
export const auditLog = pgTable("audit_log", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  at: tstz("at").notNull().defaultNow(),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  entity: text("entity").notNull(),
  entityId: text("entity_id"),
  before: jsonb("before"),
  after: jsonb("after"),
  reason: text("reason"),
  /** Legacy chain (rows from before the sequencer); null on new rows, whose chain is in audit_links. */
  prevHash: text("prev_hash"),
  hash: text("hash"),
  /** sha256 of the canonical row (auditContentHash); null on legacy rows. */
  contentHash: text("content_hash"),
});

/**
 * The audit chain, written only by the sequencer (linkAudit), append-only (trigger): entry `seq` links
 * audit row `audit_id` after entry seq-1. hash = sha256(prev_hash + "\n" + content_hash) for new rows;
 * legacy rows were backfilled with their own hash, in id order.
 */
export const auditLinks = pgTable("audit_links", {
  seq: bigint("seq", { mode: "number" }).primaryKey(),
  auditId: bigint("audit_id", { mode: "number" }).notNull().unique(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
  linkedAt: tstz("linked_at").notNull().defaultNow(),
});

/** Audit rows committed but not yet chained: inserted with the row, deleted by the sequencer as it links them. */
export const auditPending = pgTable("audit_pending", {
  auditId: bigint("audit_id", { mode: "number" }).primaryKey(),
});

/**
 * Published heads of the audit chain (audit-roots): once a day and on demand the last entry's id and
 * hash are recorded here, shown on /public/audit and written to the log, so that rewriting history
 * would contradict a value already seen outside the database. Append-only like audit_log (trigger).
 */
export const auditRoots = pgTable("audit_roots", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  publishedAt: tstz("published_at").notNull().defaultNow(),
  entryId: bigint("entry_id", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});

export const staffUsers = pgTable("staff_users", {
  id: serial("id").primaryKey(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ["committee", "unit", "viewer", "admin"] }).notNull(),
  jurisdictionCode: text("jurisdiction_code").references(() => jurisdictions.code),
  unitId: integer("unit_id").references(() => units.id),
  totpSecretEnc: bytea("totp_secret_enc"),
  locale: text("locale").notNull().default("zh-CN"),
  disabled: boolean("disabled").notNull().default(false),
  createdAt: createdAt(),
  lastLoginAt: tstz("last_login_at"),
  /** A password-reset link's token, as a keyed hash only (the link is shown once), and when it stops working. */
  passwordResetHash: text("password_reset_hash"),
  passwordResetExpiresAt: tstz("password_reset_expires_at"),
});

export const staffSessions = pgTable("staff_sessions", {
  idHash: text("id_hash").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => staffUsers.id),
  csrfToken: text("csrf_token").notNull(),
  expiresAt: tstz("expires_at").notNull(),
  revokedAt: tstz("revoked_at"),
  createdAt: createdAt(),
});

/** Failed logins per account and per client key (a keyed hash, never an IP address in clear). */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lockedUntil: tstz("locked_until"),
  updatedAt: tstz("updated_at").notNull().defaultNow(),
});

/** Per-chat state of a guided conversation; version guards against two replicas writing one chat at once. */
export const conversations = pgTable("conversations", {
  key: text("key").primaryKey(),
  flow: text("flow").notNull(),
  state: jsonb("state").notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: tstz("updated_at").notNull().defaultNow(),
});

export const chatPrefs = pgTable("chat_prefs", {
  chatHash: text("chat_hash").primaryKey(),
  locale: text("locale").notNull(),
  updatedAt: tstz("updated_at").notNull().defaultNow(),
});

/** Inbound deliveries already handled (Telegram update_id, SMS provider message id, API idempotency keys). */
export const inboundDedupe = pgTable(
  "inbound_dedupe",
  {
    source: text("source").notNull(),
    key: text("key").notNull(),
    response: jsonb("response"),
    at: tstz("at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.source, t.key] })],
);

/** node-cron run coordination across replicas: one row per job and slot; the first INSERT wins. */
export const jobRuns = pgTable(
  "job_runs",
  {
    job: text("job").notNull(),
    slot: text("slot").notNull(),
    startedAt: tstz("started_at").notNull().defaultNow(),
    finishedAt: tstz("finished_at"),
    result: jsonb("result"),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);

/**
 * A staff decision on a routing suggestion drawn from repeated transfers (/admin/rules): accepted (the
 * rule was set through setRoutingRule, which audits it) or dismissed. Keyed by the suggestion's key, so a
 * dismissed suggestion stays gone and an accepted one is not offered again. The corrections themselves
 * are not copied: they are the `transferred` tip events.
 */
export const routingSuggestionDecisions = pgTable("routing_suggestion_decisions", {
  key: text("key").primaryKey(),
  decision: text("decision", { enum: ["accepted", "dismissed"] }).notNull(),
  actor: text("actor").notNull(),
  ruleId: integer("rule_id"),
  at: tstz("at").notNull().defaultNow(),
});

/**
 * Open311 api_keys for third-party clients that POST service requests (/admin/open311-keys): the key is
 * shown once at issue; only its keyed hash is stored. Revoked keys stay, for the audit trail.
 */
export const open311Keys = pgTable("open311_keys", {
  id: serial("id").primaryKey(),
  label: text("label").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  /** The first characters of the key, so staff can tell keys apart without holding them. */
  prefix: text("prefix").notNull(),
  perHour: integer("per_hour").notNull().default(60),
  createdBy: text("created_by").notNull(),
  createdAt: tstz("created_at").notNull().defaultNow(),
  revokedAt: tstz("revoked_at"),
  revokedBy: text("revoked_by"),
  lastUsedAt: tstz("last_used_at"),
});

/**
 * Sector rules staff accepted from repeated corrections (#14 item 5): a term in a tip's text counts
 * strongly for a sector, or a matched enterprise's tips go to a sector. The router reads the active ones
 * (revokedAt null) from its cache; undo sets revokedAt, so the history stays.
 */
export const routingSectorRules = pgTable(
  "routing_sector_rules",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: ["term", "enterprise"] }).notNull(),
    term: text("term"),
    enterpriseId: integer("enterprise_id").references(() => enterprises.id),
    sectorCode: text("sector_code")
      .notNull()
      .references(() => sectors.code),
    /** The routed sector the corrections moved away from. */
    fromSector: text("from_sector"),
    suggestionKey: text("suggestion_key"),
    note: text("note"),
    createdBy: text("created_by").notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
    revokedBy: text("revoked_by"),
    revokedAt: tstz("revoked_at"),
  },
  (t) => [index("routing_sector_rules_active_idx").on(t.revokedAt)],
);

export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: tstz("updated_at").notNull().defaultNow(),
});

export type Jurisdiction = typeof jurisdictions.$inferSelect;
export type Unit = typeof units.$inferSelect;
export type Tip = typeof tips.$inferSelect;

// ── 曝光台 and 黑名单 (#16) ──────────────────────────────────────────────────────────────────

/**
 * One entry of the 曝光台: a 重大事故隐患, a serious violation, or an enterprise closed by law (取缔关闭).
 * Every field shown in public is written by staff (never a tip's text): prepared by one person, approved
 * (= published) by a different committee or admin account, withdrawn with a reason. `jurisdictionCode` is
 * the county (6 digits) at most: the public place is never finer.
 */
export const exposures = pgTable(
  "exposures",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: ["hazard", "violation", "closure"] }).notNull(),
    status: text("status", { enum: ["draft", "published", "withdrawn"] })
      .notNull()
      .default("draft"),
    enterpriseId: integer("enterprise_id").references(() => enterprises.id),
    enterpriseName: text("enterprise_name").notNull(),
    jurisdictionCode: text("jurisdiction_code")
      .notNull()
      .references(() => jurisdictions.code),
    /** Where the entry came from: a closed tip, an inspection record, or typed by hand. */
    sourceKind: text("source_kind", { enum: ["tip", "inspection", "manual"] }).notNull(),
    sourceId: integer("source_id"),
    findings: text("findings").notNull(),
    measures: text("measures").notNull(),
    /** The date of the finding or decision; the entry's quarter. */
    occurredOn: date("occurred_on").notNull(),
    preparedById: integer("prepared_by_id").notNull(),
    preparedBy: text("prepared_by").notNull(),
    approvedById: integer("approved_by_id"),
    approvedBy: text("approved_by"),
    publishedAt: tstz("published_at"),
    withdrawnBy: text("withdrawn_by"),
    withdrawnAt: tstz("withdrawn_at"),
    withdrawnReason: text("withdrawn_reason"),
    createdAt: createdAt(),
  },
  (t) => [index("exposures_status_day_idx").on(t.status, t.occurredOn), index("exposures_jurisdiction_idx").on(t.jurisdictionCode)],
);

/**
 * 黑名单 / 联合惩戒 listings. While an entry is `listed` or `removal_requested`, its enterprise is
 * blacklisted and 重点 (risk class poor); 信用修复 (removal) is requested with a reason by one person and
 * approved by another. `priorRiskClass` is the class before the listing, restored when the last listing ends.
 */
export const blacklistEntries = pgTable(
  "blacklist_entries",
  {
    id: serial("id").primaryKey(),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    legalBasis: text("legal_basis").notNull(),
    listingUnit: text("listing_unit").notNull(),
    startsOn: date("starts_on").notNull(),
    plannedEndOn: date("planned_end_on"),
    reason: text("reason").notNull(),
    status: text("status", { enum: ["listed", "removal_requested", "removed"] })
      .notNull()
      .default("listed"),
    priorRiskClass: text("prior_risk_class", { enum: ["good", "average", "poor"] }).notNull(),
    listedBy: text("listed_by").notNull(),
    removalReason: text("removal_reason"),
    removalRequestedById: integer("removal_requested_by_id"),
    removalRequestedBy: text("removal_requested_by"),
    removalRequestedAt: tstz("removal_requested_at"),
    removedBy: text("removed_by"),
    removedOn: date("removed_on"),
    createdAt: createdAt(),
  },
  (t) => [index("blacklist_entries_enterprise_idx").on(t.enterpriseId, t.status), index("blacklist_entries_status_idx").on(t.status, t.startsOn)],
);
