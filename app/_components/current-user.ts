import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/server/db";
import { sessionCookieName } from "@/server/identity/cookies";
import { resolveSession } from "@/server/identity/sessions";

/** The signed-in principal for this request (server components), resolved once per render. */
export const currentPrincipal = cache(async () => {
  const jar = await cookies();
  const token = jar.get(sessionCookieName())?.value;
  return resolveSession(getDb(), token ? decodeURIComponent(token) : undefined, new Date());
});

export const currentCitizen = cache(async () => {
  const principal = await currentPrincipal();
  if (principal?.type !== "citizen") return null;
  const person = await getDb().person.findUnique({ where: { id: principal.id } });
  return person ? { principal, person } : null;
});

