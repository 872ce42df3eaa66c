import { useFormatter, useTranslations } from "next-intl";
import type { Check } from "@/server/credentials/check";

/** The reason words of server/credentials/verify.ts, grouped into what a reader can act on. */
const REASONS: Record<string, string> = {
  "unknown-issuer": "issuerUnknown",
  "unknown-key": "issuerUnknown",
  "unsupported-algorithm": "issuerUnknown",
  malformed: "malformed",
  "wrong-type": "malformed",
  disclosures: "malformed",
  signature: "signature",
  "not-logged": "notLogged",
  "inclusion-proof": "notLogged",
  "log-unreachable": "logUnreachable",
  "checkpoint-unverifiable": "logUnreachable",
  "not-yet-checkpointed": "logUnreachable",
  "issuer-not-recognised": "notChecked",
  "not-checked": "notChecked",
  revoked: "revoked",
  suspended: "suspended",
  "status-unreachable": "statusUnreachable",
  "status-list-invalid": "statusUnreachable",
  "no-status-reference": "statusUnreachable",
};

const SYMBOL = { ok: "✓", failed: "✗", unknown: "?" } as const;

/** One check: a symbol and words for its outcome (never colour alone), and why when it is not ✓. */
function CheckItem({ check, label, okText }: { check: Check; label: string; okText: string }) {
  const t = useTranslations("share.view");
  const reason = check.reason ? (REASONS[check.reason] ?? "other") : null;
  return (
    <li>
      <strong>
        <span aria-hidden="true">{SYMBOL[check.result]} </span>
        {label}: {check.result === "ok" ? okText : check.result === "failed" ? t("failed") : t("unknown")}
      </strong>
      {reason && <span className="hint" style={{ display: "block" }}>{t(`reason.${reason}`)}</span>}
    </li>
  );
}

export function ShareChecks({ checks, loggedAt, holderRequested }: { checks: { issuer: Check; unaltered: Check; notRevoked: Check; holder: Check }; loggedAt: Date | null; holderRequested: boolean }) {
  const t = useTranslations("share.view");
  const format = useFormatter();
  return (
    <ul className="plain-list" aria-label={t("checksLabel")}>
      <CheckItem check={checks.issuer} label={t("issuer")} okText={t("issuerOk")} />
      <CheckItem check={checks.unaltered} label={t("unaltered")} okText={loggedAt ? t("unalteredOkAt", { time: format.dateTime(loggedAt, "timestamp") }) : t("unalteredOk")} />
      <CheckItem check={checks.notRevoked} label={t("notRevoked")} okText={t("notRevokedOk", { time: format.dateTime(new Date(), "timestamp") })} />
      {holderRequested && <CheckItem check={checks.holder.result === "failed" ? { result: "failed", reason: "holder" } : checks.holder} label={t("holder")} okText={t("holderOk")} />}
    </ul>
  );
}
