import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

type Messages = { [key: string]: Messages | string };

/** What the layout's own client components use (header, acting banner, idle and step-up dialogs). */
export const SHELL_MESSAGES = ["assist.banner", "display", "errors", "idle", "language", "stepUp", "update"];

/** The parts of `messages` under the given dotted namespaces, nothing else (a copy of the paths, not of the leaves). */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const picked: Messages = {};
  const covered = (n: string) => namespaces.some((other) => n.startsWith(`${other}.`));
  for (const namespace of new Set(namespaces)) {
    if (covered(namespace)) continue;
    const keys = namespace.split(".");
    let from: Messages = messages;
    let to = picked;
    for (const [i, key] of keys.entries()) {
      const value = from[key];
      if (value === undefined) break;
      if (i === keys.length - 1) to[key] = value;
      else if (typeof value === "string") break;
      else {
        from = value;
        to = (to[key] ??= {}) as Messages;
      }
    }
  }
  return picked;
}

/**
 * Hands client components only the messages they use: the shell's and `namespaces`. The whole
 * catalogue (up to 125 kB in Thai) would otherwise ride in every page's HTML.
 * app/_components/client-messages.test.ts reads each page's client imports and fails when a
 * namespace they use is missing here.
 */
export async function ClientMessages({ namespaces = [], children }: { namespaces?: readonly string[]; children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(messages as Messages, [...SHELL_MESSAGES, ...namespaces])}>{children}</NextIntlClientProvider>;
}
