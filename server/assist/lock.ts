import type { Prisma } from "../generated/prisma/client";

/** The grant, locked for the rest of the transaction (consent, codes and ending never interleave); null when unknown. */
export async function lockGrant(tx: Prisma.TransactionClient, grantId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Grant" WHERE id = ${grantId}::uuid FOR UPDATE`;
  return rows.length ? tx.grant.findUnique({ where: { id: grantId } }) : null;
}
