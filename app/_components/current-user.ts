import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/server/db";
import { sessionCookieName } from "@/server/identity/cookies";
import { resolveSession } from "@/server/identity/sessions";
import { actingContext } from "@/server/assist/read";

/** The signed-in principal for this request (server components), resolved once per render. */
export const currentPrincipal = cache(async () => {
  const jar = await cookies();
  // Already decoded by Next (a malformed escape drops the cookie); decoding twice could throw.
  return resolveSession(getDb(), jar.get(sessionCookieName())?.value, new Date());
});

export const currentCitizen = cache(async () => {
  const principal = await currentPrincipal();
  if (principal?.type !== "citizen") return null;
  const person = await getDb().person.findUnique({ where: { id: principal.id } });
  return person ? { principal, person } : null;
});


/** A signed-in community-center staff member with their center. */
export const currentStaff = cache(async () => {
  const principal = await currentPrincipal();
  if (principal?.type !== "staff") return null;
  const staff = await getDb().staff.findUnique({ where: { id: principal.id }, include: { center: true } });
  return staff ? { principal, staff } : null;
});

/** A signed-in agency operator with their agency. */
export const currentOperator = cache(async () => {
  const principal = await currentPrincipal();
  if (principal?.type !== "operator") return null;
  const operator = await getDb().agencyOperator.findUnique({ where: { id: principal.id }, include: { agency: true } });
  return operator ? { principal, operator } : null;
});

/** The name the header shows for whoever is signed in. */
export const currentDisplayName = cache(async (): Promise<string | null> => {
  const principal = await currentPrincipal();
  if (!principal) return null;
  if (principal.type === "citizen") return (await currentCitizen())?.person.name ?? null;
  if (principal.type === "staff") return (await currentStaff())?.staff.name ?? null;
  return (await currentOperator())?.operator.name ?? null;
});

/**
 * Whose account the citizen pages show: a citizen's own, or the one they act for as a proxy, or the
 * one staff help at the counter. The procedures check the grant again on every request.
 */
export const currentSubject = cache(async () => {
  const principal = await currentPrincipal();
  if (!principal || (principal.type !== "citizen" && principal.type !== "staff")) return null;
  const acting = await actingContext(getDb(), principal, new Date());
  if (principal.type === "staff" && !acting) return null;
  return { principal, acting, personId: acting?.personId ?? principal.id };
});
