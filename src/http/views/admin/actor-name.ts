import type { Translate } from "../../routes/admin/context.js";

/**
 * Who did something, as a reader names them. Stored labels are "staff:12:lina" (the admin), "staff:lina"
 * (figures filed by staff), "liaison:7", "reporter", "system", "seed" and "cli". Never an identity: the
 * reporter is only "reporter", a liaison only a number.
 */
export function actorName(t: Translate, actor: string): string {
  if (actor === "reporter") return t("admin-actor-reporter");
  if (actor === "system") return t("admin-actor-system");
  if (actor === "seed") return t("admin-actor-seed");
  if (actor === "cli") return t("admin-actor-cli");
  const liaison = /^liaison:(\d+)$/.exec(actor);
  if (liaison) return t("admin-actor-liaison", { id: liaison[1] });
  const staff = /^staff:(?:\d+:)?(.+)$/.exec(actor);
  return staff ? staff[1] : actor;
}
