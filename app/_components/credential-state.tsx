import { useTranslations } from "next-intl";
import type { CredentialState as State } from "@/server/credentials/wallet";

const SYMBOL: Record<State, string> = { valid: "✓", suspended: "‖", revoked: "✗", expired: "✗" };

/** The certificate's state in words, with a symbol, never by colour alone. */
export function CredentialState({ state }: { state: State }) {
  const t = useTranslations("wallet.state");
  return (
    <span className="tag strong">
      <span aria-hidden="true">{SYMBOL[state]} </span>
      {t(state)}
    </span>
  );
}
