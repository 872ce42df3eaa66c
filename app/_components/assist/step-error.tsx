"use client";

import { useState } from "react";
import { useErrorMessage } from "../use-error-message";

/** The shared error line of each step. */
export function useStepError() {
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  return {
    error,
    clear: () => setError(null),
    fail: (e: unknown) => setError(errorMessage(e)),
    view: (
      <div role="alert" aria-live="assertive">
        {error && <p className="status error">{error}</p>}
      </div>
    ),
  };
}
