import { getFormatter, getTranslations } from "next-intl/server";
import { currentSubject } from "../current-user";
import { CitizenViewToggle, EndSessionButton, StopActingButton } from "./banner-actions";

/**
 * On every page while a session acts for someone: "Helping {name} — ends {time}" for staff at the
 * counter, "Acting for {name}" for a proxy, with the way out always one tab away.
 */
export async function ActingBanner() {
  const subject = await currentSubject();
  const acting = subject?.acting;
  if (!subject || !acting) return null;
  const t = await getTranslations("assist.banner");
  const format = await getFormatter();
  const staff = subject.principal.type === "staff";
  // A 24-hour clock: Node's ICU 78 renders the Korean day period as "PM", unlike browsers.
  const ends = staff ? format.dateTime(acting.expiresAt, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }) : format.dateTime(acting.expiresAt, "legal");
  return (
    <section className="acting-banner" aria-label={t("label")} role="region">
      <div className="container acting-banner-row">
        <p>
          <strong>{staff ? t("helping", { name: acting.name }) : t("actingFor", { name: acting.name })}</strong>{" "}
          {acting.active ? t("ends", { time: ends }) : t("ended")}
        </p>
        <div className="acting-banner-actions">
          {staff && <CitizenViewToggle citizenLocale={acting.locale} citizenTextSize={acting.textSize} />}
          {staff ? <EndSessionButton grantId={acting.grantId} paper={acting.consentMethod === "paper-form"} citizenLocale={acting.locale} /> : <StopActingButton />}
        </div>
      </div>
    </section>
  );
}
