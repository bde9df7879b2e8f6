import type { StaffActor } from "../../../app/staff/actor.js";
import type { Translate } from "../../routes/admin/context.js";
import { InspectionForm, type InspectionFormProps } from "../inspection-form.js";
import { DeskLayout } from "./layout.js";

/** Quick entry of an inspection on the phone: the same form as /admin/inspections/new, three findings rows. */
export function DeskInspectionPage({
  t,
  locale,
  actor,
  csrf,
  form,
}: {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  form: Omit<InspectionFormProps, "t" | "csrf" | "submitLabel" | "compact">;
}) {
  return (
    <DeskLayout t={t} locale={locale} title={t("inspections-new")} actor={actor} csrf={csrf}>
      <h1>{t("inspections-new")}</h1>
      <InspectionForm {...form} t={t} csrf={csrf} compact submitLabel={t("inspections-save")} />
      <p>
        <a href="/desk">{t("desk-back")}</a>
      </p>
    </DeskLayout>
  );
}
