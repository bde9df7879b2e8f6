import type { Locale } from "../domain/locale.js";
import zhAdminCampaigns from "../../locales/zh-CN/admin-campaigns.ftl";
import zhAdminManage from "../../locales/zh-CN/admin-manage.ftl";
import zhAdmin from "../../locales/zh-CN/admin.ftl";
import zhBot from "../../locales/zh-CN/bot.ftl";
import zhDesk from "../../locales/zh-CN/desk.ftl";
import zhFigures from "../../locales/zh-CN/figures.ftl";
import zhLiaison from "../../locales/zh-CN/liaison.ftl";
import zhReminders from "../../locales/zh-CN/reminders.ftl";
import zhReport from "../../locales/zh-CN/report.ftl";
import zhSms from "../../locales/zh-CN/sms.ftl";
import zhTips from "../../locales/zh-CN/tips.ftl";
import zhWeb from "../../locales/zh-CN/web.ftl";
import enAdminCampaigns from "../../locales/en/admin-campaigns.ftl";
import enAdminManage from "../../locales/en/admin-manage.ftl";
import enAdmin from "../../locales/en/admin.ftl";
import enBot from "../../locales/en/bot.ftl";
import enDesk from "../../locales/en/desk.ftl";
import enFigures from "../../locales/en/figures.ftl";
import enLiaison from "../../locales/en/liaison.ftl";
import enReminders from "../../locales/en/reminders.ftl";
import enReport from "../../locales/en/report.ftl";
import enSms from "../../locales/en/sms.ftl";
import enTips from "../../locales/en/tips.ftl";
import enWeb from "../../locales/en/web.ftl";

/**
 * Workers have no file system: every Fluent file is bundled as text (wrangler.toml [[rules]] type Text),
 * keyed by its file name. test/architecture.test.ts bundles this module the way wrangler does and checks
 * it holds exactly the files under locales/, byte for byte, so a new .ftl cannot be left out again.
 */
export const BUNDLED_LOCALE_FILES: Record<Locale, Record<string, string>> = {
  "zh-CN": {
    "admin-campaigns.ftl": zhAdminCampaigns,
    "admin-manage.ftl": zhAdminManage,
    "admin.ftl": zhAdmin,
    "bot.ftl": zhBot,
    "desk.ftl": zhDesk,
    "figures.ftl": zhFigures,
    "liaison.ftl": zhLiaison,
    "reminders.ftl": zhReminders,
    "report.ftl": zhReport,
    "sms.ftl": zhSms,
    "tips.ftl": zhTips,
    "web.ftl": zhWeb,
  },
  en: {
    "admin-campaigns.ftl": enAdminCampaigns,
    "admin-manage.ftl": enAdminManage,
    "admin.ftl": enAdmin,
    "bot.ftl": enBot,
    "desk.ftl": enDesk,
    "figures.ftl": enFigures,
    "liaison.ftl": enLiaison,
    "reminders.ftl": enReminders,
    "report.ftl": enReport,
    "sms.ftl": enSms,
    "tips.ftl": enTips,
    "web.ftl": enWeb,
  },
};

/** The same order as readLocaleFiles (sorted by file name), so Node and Workers build the same bundles. */
export function bundledLocaleSources(): Record<Locale, string[]> {
  const out = {} as Record<Locale, string[]>;
  for (const [locale, files] of Object.entries(BUNDLED_LOCALE_FILES) as [Locale, Record<string, string>][]) {
    out[locale] = Object.keys(files)
      .sort()
      .map((name) => files[name]);
  }
  return out;
}
