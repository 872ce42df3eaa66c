"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { preferenceAttributes, type Preferences } from "@/server/preferences/preferences";
import { useTRPC } from "./providers";

/** Applies modes to <html> at once, saves them (cookie, and profile when signed in), re-renders. */
export function usePreferences(initial: Preferences) {
  const trpc = useTRPC();
  const router = useRouter();
  const [prefs, setPrefs] = useState(initial);
  const mutation = useMutation(
    trpc.preferences.update.mutationOptions({
      onSuccess: () => router.refresh(),
    }),
  );
  const save = (next: Preferences) => {
    setPrefs(next);
    const root = document.documentElement;
    for (const [name, value] of Object.entries(preferenceAttributes(next))) {
      if (value === undefined) root.removeAttribute(name);
      else root.setAttribute(name, value);
    }
    return mutation.mutateAsync(next);
  };
  return { prefs, save, mutation };
}
