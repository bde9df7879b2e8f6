import { Hono, type Context } from "hono";
import { AppError, type Deps } from "../../../app/deps.js";
import { answerLetter } from "../../../app/intake/answer-letter.js";
import { intakeTip } from "../../../app/intake/intake-tip.js";
import { openIntakeReceipt } from "../../../app/intake/open-intake-receipt.js";
import { asLocale } from "../../../adapters/i18n.js";
import { placeChoices } from "../../page-support.js";
import { formatDateTime } from "../../views/admin/format.js";
import { IntakePage, type IntakeValues } from "../../views/admin/intake.js";
import { AnswerLetterPage, IntakeReceiptPage } from "../../views/admin/print.js";
import { requireCsrfToken, requireSession, type AdminEnv, type Translate } from "./context.js";

const TEXT_FIELDS = [
  "channel",
  "receivedAt",
  "text",
  "jurisdictionCode",
  "place",
  "enterprise",
  "creditCode",
  "sector",
  "locale",
  "name",
  "contact",
  "reply",
  "formToken",
] as const;

/**
 * /admin/intake: tips taken by staff (a call to 12350 or the office line, a visit, a letter). The form
 * posts to the same submit as every channel; the printable receipt shows the secret once; the printable
 * answer letter (/admin/tips/:id/letter) carries the four items for posting or handing over.
 */
export function intakeRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.use("/intake", requireSession);
  r.use("/intake/*", requireSession);
  r.use("/tips/:id/letter", requireSession);
  const sheet =
    (locale: string): Translate =>
    (key, vars) =>
      deps.i18n.t(asLocale(locale), key, vars);

  const render = async (c: Context<AdminEnv>, values: IntakeValues, errors: { path: string; code: string }[], status: 200 | 422) => {
    const session = c.get("session")!;
    const { counties } = await placeChoices(deps);
    return c.html(
      <IntakePage t={c.get("t")} locale={c.get("locale")} actor={session.actor} csrf={session.csrfToken} values={values} counties={counties} errors={errors} />,
      status,
    );
  };

  r.get("/intake", async (c) => {
    const now = formatDateTime(deps.clock(), deps.config.TZ_CAMPAIGN).replace(" ", "T");
    const values: IntakeValues = {
      channel: "phone",
      receivedAt: now,
      text: "",
      jurisdictionCode: "",
      place: "",
      enterprise: "",
      creditCode: "",
      sector: "",
      urgent: false,
      locale: "zh-CN",
      name: "",
      contact: "",
      consent: false,
      reply: "paper",
      formToken: deps.crypto.randomToken(16),
    };
    return render(c, values, [], 200);
  });

  r.post("/intake", requireCsrfToken, async (c) => {
    const session = c.get("session")!;
    const body = await c.req.parseBody();
    const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
    const values = Object.fromEntries(TEXT_FIELDS.map((k) => [k, str(k)])) as Omit<IntakeValues, "urgent" | "consent">;
    const form: IntakeValues = { ...values, urgent: str("urgent") !== "", consent: str("consent") !== "" };
    try {
      const tip = await intakeTip(deps, {
        ...form,
        actor: session.actor,
        channel: form.channel as "phone",
        sector: (form.sector || undefined) as undefined,
        locale: form.locale === "en" ? "en" : "zh-CN",
        reply: (form.reply || "paper") as "paper",
        formToken: form.formToken || undefined,
      });
      return c.redirect(`/admin/intake/${tip.tipId}/receipt${tip.receiptBySms ? "?sms=1" : ""}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input") {
        const details = Array.isArray(err.details) ? (err.details as { path: string; code: string }[]) : [];
        return render(c, form, details.length ? details : [{ path: "text", code: "field" }], 422);
      }
      throw err;
    }
  });

  r.get("/intake/:id/receipt", async (c) => {
    const session = c.get("session")!;
    const receipt = await openIntakeReceipt(deps, { actor: session.actor, tipId: c.req.param("id") });
    return c.html(
      <IntakeReceiptPage
        t={c.get("t")}
        locale={c.get("locale")}
        tr={sheet(receipt.locale)}
        timeZone={deps.config.TZ_CAMPAIGN}
        receipt={receipt}
        bySms={c.req.query("sms") === "1"}
      />,
    );
  });

  r.get("/tips/:id/letter", async (c) => {
    const session = c.get("session")!;
    const letter = await answerLetter(deps, { actor: session.actor, tipId: c.req.param("id") });
    return c.html(
      <AnswerLetterPage
        t={c.get("t")}
        locale={c.get("locale")}
        tr={sheet(letter.locale)}
        timeZone={deps.config.TZ_CAMPAIGN}
        letter={letter}
        today={deps.clock()}
      />,
    );
  });
  return r;
}
