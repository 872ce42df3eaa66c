"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useLocale, useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import { reloadQueries, useTRPC } from "./providers";
import { useErrorMessage } from "./use-error-message";

type Run = <T>(action: () => Promise<T>) => Promise<T>;
const StepUpContext = createContext<Run | null>(null);

export function isStepUpRequired(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { messageKey?: string } | undefined)?.messageKey === "STEP_UP_REQUIRED";
}

/**
 * `useStepUp()(action)` runs an action; if the server asks for a recent step-up, a dialog asks the
 * person to confirm it is them (passkey, or signing in again) and then runs the action again.
 */
export function useStepUp(): Run {
  const run = useContext(StepUpContext);
  if (!run) throw new Error("useStepUp outside StepUpProvider");
  return run;
}

export function StepUpProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pending = useRef<{ resolve: () => void; reject: (e: unknown) => void } | null>(null);

  const run: Run = useCallback(async (action) => {
    try {
      return await action();
    } catch (error) {
      if (!isStepUpRequired(error)) throw error;
      await new Promise<void>((resolve, reject) => {
        pending.current = { resolve, reject: () => reject(error) };
        setOpen(true);
      });
      return action();
    }
  }, []);

  const finish = (ok: boolean) => {
    setOpen(false);
    if (ok) pending.current?.resolve();
    else pending.current?.reject(undefined);
    pending.current = null;
  };

  return (
    <StepUpContext.Provider value={run}>
      {children}
      <StepUpDialog open={open} onDone={finish} />
    </StepUpContext.Provider>
  );
}

function StepUpDialog({ open, onDone }: { open: boolean; onDone: (ok: boolean) => void }) {
  const t = useTranslations("stepUp");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const status = useQuery({ ...trpc.passkeys.status.queryOptions(), enabled: open });
  const [error, setError] = useState<string | null>(null);
  const options = useMutation(trpc.passkeys.stepUpOptions.mutationOptions());
  const verify = useMutation(trpc.passkeys.stepUp.mutationOptions());
  const busy = options.isPending || verify.isPending;
  const hasPasskey = (status.data?.passkeys.length ?? 0) > 0;
  const returnTo = typeof window === "undefined" ? `/${locale}` : window.location.pathname + window.location.search;

  const usePasskey = async () => {
    setError(null);
    try {
      const optionsJSON = await options.mutateAsync();
      const response = await startAuthentication({ optionsJSON: optionsJSON as PublicKeyCredentialRequestOptionsJSON });
      await verify.mutateAsync({ response });
      await reloadQueries(queryClient, trpc.passkeys.status.queryKey());
      onDone(true);
    } catch (e) {
      setError(e instanceof TRPCClientError ? errorMessage(e) : t("cancelled"));
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onDone(false)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title asChild>
            <h2>{t("title")}</h2>
          </Dialog.Title>
          <Dialog.Description>{t("body")}</Dialog.Description>
          <div role="status" aria-live="polite">
            {error && <p className="status error">{error}</p>}
          </div>
          <div className="dialog-actions">
            {hasPasskey && (
              <button type="button" className="button" onClick={usePasskey} disabled={busy}>
                {busy ? t("checking") : t("usePasskey")}
              </button>
            )}
            <a className={hasPasskey ? "button secondary" : "button"} href={`/api/auth/signin?${new URLSearchParams({ locale, stepUp: "1", returnTo })}`}>
              {t("signInAgain")}
            </a>
            <Dialog.Close asChild>
              <button type="button" className="button secondary">
                {t("cancel")}
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
