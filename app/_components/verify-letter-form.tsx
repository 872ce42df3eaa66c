"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link } from "@/locales/navigation";
import { formatLetterNumber, parseLetterNumber } from "@/server/delivery/letter-number";
import { useTRPC } from "./providers";
import { textOf, useTypedBeforeHydration } from "./typed-before-hydration";
import { useErrorMessage } from "./use-error-message";

type Problem = "required" | "malformed" | null;
const problemOf = (value: string): Problem => (!value.trim() ? "required" : parseLetterNumber(value) ? null : "malformed");

/**
 * Type the authenticity number printed on a letter; Moa says whether it sent the letter. With
 * `initialNumber` (the QR code's address) it checks at once. A malformed number never leaves the page.
 */
export function VerifyLetterForm({ initialNumber }: { initialNumber?: string }) {
  const t = useTranslations("verifyLetter");
  const format = useFormatter();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const check = useMutation(trpc.verify.letter.mutationOptions());
  const { mutate } = check;
  const initial = initialNumber ? parseLetterNumber(initialNumber) : null;
  const [number, setNumber] = useState(initial ? formatLetterNumber(initial) : (initialNumber ?? ""));
  const [problem, setProblem] = useState<Problem>(initialNumber ? problemOf(initialNumber) : null);

  // Once, also under React's development double effects: each check counts against the rate limit.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !initial) return;
    started.current = true;
    mutate({ number: initial });
  }, [initial, mutate]);

  // What the field holds, typed before the page hydrated too.
  const adopt = (form: FormData) => {
    const typed = textOf(form, "number");
    setNumber(typed);
    return typed;
  };
  const formRef = useTypedBeforeHydration(adopt);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = adopt(new FormData(event.currentTarget));
    const found = problemOf(typed);
    setProblem(found);
    check.reset();
    if (!found) mutate({ number: parseLetterNumber(typed)! });
  };
  const result = check.data;
  const error = problem ? t(problem) : check.error ? errorMessage(check.error) : null;

  return (
    <>
      <form ref={formRef} method="post" onSubmit={submit} noValidate className="stack">
        <label htmlFor="letter-number">{t("label")}</label>
        <span id="letter-number-hint" className="hint">
          {t("hint")}
        </span>
        <input
          id="letter-number"
          name="number"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          aria-describedby="letter-number-hint"
          aria-invalid={problem ? true : undefined}
        />
        <button type="submit" className="button" disabled={check.isPending}>
          {t("check")}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {error && <p className="status error">{error}</p>}
        {result && !result.found && <p className="status error">{t("notFound")}</p>}
        {result?.found && (
          <div className="status">
            <p>
              <strong>{t("genuine", { agency: result.agencyName })}</strong>
            </p>
            <dl className="notice-fields">
              <div>
                <dt>{t("number")}</dt>
                <dd>{formatLetterNumber(result.letterNumber)}</dd>
              </div>
              <div>
                <dt>{t("agency")}</dt>
                <dd>{result.agencyName}</dd>
              </div>
              <div>
                <dt>{t("kind")}</dt>
                <dd>{result.kind}</dd>
              </div>
              <div>
                <dt>{t("accepted")}</dt>
                <dd>{format.dateTime(new Date(result.acceptedAt), "legal")}</dd>
              </div>
              <div>
                <dt>{t("state")}</dt>
                <dd>{t(`status.${result.status}`)}</dd>
              </div>
            </dl>
            <p>{t("readOnline")}</p>
            <Link href="/inbox" className="button secondary">
              {t("signIn")}
            </Link>
          </div>
        )}
      </div>
    </>
  );
}
