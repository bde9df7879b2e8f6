import { describe, expect, it } from "vitest";
import { formatConfigErrors, parseConfig } from "../../src/config.js";

describe("configuration", () => {
  it("applies the documented defaults when nothing is set", () => {
    const r = parseConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", DATA_DIR: "./data", SMS_PROVIDER: "log", TZ_CAMPAIGN: "Asia/Shanghai", TRUST_PROXY: 0 });
    expect(r.config.DATABASE_URL).toBeUndefined();
    expect(r.config.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it("names every bad variable and what it expects", () => {
    const r = parseConfig({ PORT: "abc", TZ_CAMPAIGN: "Mars/Olympus", DATABASE_URL: "mysql://x", SMS_PROVIDER: "pigeon", TELEGRAM_BOT_TOKEN: "nope" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const vars = r.errors.map((e) => e.variable).sort();
    expect(vars).toEqual(["DATABASE_URL", "PORT", "SMS_PROVIDER", "TELEGRAM_BOT_TOKEN", "TZ_CAMPAIGN"]);
    const text = formatConfigErrors(r.errors);
    expect(text).toContain("PORT: expected a port number from 1 to 65535");
    expect(text).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it("takes TRUST_PROXY as a small count of proxies", () => {
    const r = parseConfig({ TRUST_PROXY: "1" });
    expect(r.ok && r.config.TRUST_PROXY).toBe(1);
    for (const bad of ["true", "-1", "11", "1.5"]) {
      const b = parseConfig({ TRUST_PROXY: bad });
      expect(!b.ok && formatConfigErrors(b.errors), bad).toContain("TRUST_PROXY: expected the number of reverse proxies");
    }
  });

  it("rejects out-of-range ports and accepts a valid one", () => {
    expect(parseConfig({ PORT: "70000" }).ok).toBe(false);
    expect(parseConfig({ PORT: "0" }).ok).toBe(false);
    const r = parseConfig({ PORT: "8080" });
    expect(r.ok && r.config.PORT).toBe(8080);
  });

  it("requires the Twilio credentials only when Twilio is the provider", () => {
    const r = parseConfig({ SMS_PROVIDER: "twilio", TWILIO_ACCOUNT_SID: "AC1" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.variable).sort()).toEqual(["TWILIO_AUTH_TOKEN", "TWILIO_FROM"]);
    expect(parseConfig({ SMS_PROVIDER: "twilio", TWILIO_ACCOUNT_SID: "AC1", TWILIO_AUTH_TOKEN: "t", TWILIO_FROM: "+1" }).ok).toBe(true);
    const g = parseConfig({ SMS_PROVIDER: "generic" });
    expect(!g.ok && g.errors[0].variable).toBe("SMS_GATEWAY_SECRET");
  });

  it("treats empty strings as unset and insists on a long APP_SECRET", () => {
    const r = parseConfig({ DATABASE_URL: "", PORT: "", APP_SECRET: "" });
    expect(r.ok && r.config.PORT).toBe(3000);
    const short = parseConfig({ APP_SECRET: "short" });
    expect(!short.ok && short.errors[0].variable).toBe("APP_SECRET");
  });

  it("keeps 14 nightly backups by default, 0 turns them off, and a bad BACKUP_KEEP is one line", () => {
    const d = parseConfig({});
    expect(d.ok && d.config.BACKUP_KEEP).toBe(14);
    const off = parseConfig({ BACKUP_KEEP: "0" });
    expect(off.ok && off.config.BACKUP_KEEP).toBe(0);
    for (const bad of ["-1", "seven", "1.5", "366"]) {
      const b = parseConfig({ BACKUP_KEEP: bad });
      expect(!b.ok && b.errors.map((e) => e.variable), bad).toEqual(["BACKUP_KEEP"]);
      expect(!b.ok && formatConfigErrors(b.errors), bad).toContain("  BACKUP_KEEP: expected how many nightly backups to keep, 0 (off) to 365\n");
    }
  });
});
