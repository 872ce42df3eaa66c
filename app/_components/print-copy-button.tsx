"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "./providers";
import { isStepUpRequired, useStepUp } from "./step-up";
import { useErrorMessage } from "./use-error-message";

/** Downloads the printed copy after a step-up: its QR code shares the certificate for 90 days. */
export function PrintCopyButton({ id }: { id: string }) {
  const t = useTranslations("wallet");
  const trpc = useTRPC();
  const stepUp = useStepUp();
  const errorMessage = useErrorMessage();
  const prepare = useMutation(trpc.credentials.preparePrint.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  const print = async () => {
    setError(null);
    try {
      const { url } = await stepUp(() => prepare.mutateAsync({ id }));
      window.location.assign(url);
    } catch (e) {
      if (e !== undefined && !isStepUpRequired(e)) setError(errorMessage(e));
    }
  };

  return (
    <>
      <button type="button" className="button secondary" onClick={print} disabled={prepare.isPending}>
        {t("print")}
      </button>
      <span role="alert">{error && <span className="status error">{error}</span>}</span>
    </>
  );
}
