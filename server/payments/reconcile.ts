import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { appendAudit } from "../audit/chain";
import { GatewayNotFoundError, type GatewayPayment, type GatewayStatus } from "../providers/payment/types";
import type { PaymentDeps } from "./config";

export type DifferenceKind = "missing-at-gateway" | "status-differs" | "amount-differs" | "cancelled-differs";

export interface Difference {
  paymentId: string;
  orderId: string;
  kind: DifferenceKind;
  moa: { state: string; amount: number; cancelled: number };
  gateway: { status: GatewayStatus; totalAmount: number; cancelled: number } | null;
}

export interface Reconciliation {
  day: string;
  checkedAt: string;
  payments: number;
  differences: Difference[];
  /** Payments the gateway could not be asked about: "could not check", never "matches". */
  unchecked: { paymentId: string; orderId: string; error: string }[];
}

const CAPTURED: GatewayStatus[] = ["DONE", "PARTIAL_CANCELED", "CANCELED"];
const MONEY_MOVED: GatewayStatus[] = [...CAPTURED, "WAITING_FOR_DEPOSIT"];

/** The gateway statuses that agree with Moa's state (and its cancelled total). */
function agrees(state: string, cancelled: number, status: GatewayStatus): boolean {
  if (state === "success") return status === (cancelled === 0 ? "DONE" : "PARTIAL_CANCELED");
  if (state === "cancelled") return status === "CANCELED";
  if (state === "submitted") return status === "WAITING_FOR_DEPOSIT";
  return !MONEY_MOVED.includes(status); // started, failed, expired: no money may have moved
}

function compare(moa: Difference["moa"], gp: GatewayPayment | null): DifferenceKind[] {
  if (!gp) return ["success", "cancelled", "submitted"].includes(moa.state) ? ["missing-at-gateway"] : [];
  const kinds: DifferenceKind[] = [];
  if (!agrees(moa.state, moa.cancelled, gp.status)) kinds.push("status-differs");
  if (gp.totalAmount !== moa.amount) kinds.push("amount-differs");
  if (CAPTURED.includes(gp.status) && gp.totalAmount - gp.balanceAmount !== moa.cancelled) kinds.push("cancelled-differs");
  return kinds;
}

/**
 * Compares every payment touched on one Seoul day (quoted only: never) with the gateway's record
 * and lists each difference; writes DATA_DIR/reconciliation/<day>.json and audits the counts.
 */
export async function reconcileDay(deps: Pick<PaymentDeps, "db" | "gateway"> & { dataDir: string }, day: string, now = new Date()): Promise<Reconciliation> {
  const from = new Date(`${day}T00:00:00+09:00`);
  if (Number.isNaN(from.getTime())) throw new RangeError(`not a day: ${day}`);
  const to = new Date(from.getTime() + 86_400_000);
  const within = { gte: from, lt: to };
  const payments = await deps.db.payment.findMany({
    where: { state: { not: "created" }, OR: [{ createdAt: within }, { updatedAt: within }, { approvedAt: within }] },
    select: { id: true, orderId: true, state: true, amount: true, items: { select: { cancelledAmount: true } } },
    orderBy: { createdAt: "asc" },
  });
  const result: Reconciliation = { day, checkedAt: now.toISOString(), payments: payments.length, differences: [], unchecked: [] };
  const check = async (p: (typeof payments)[number]) => {
    const moa = { state: p.state, amount: Number(p.amount), cancelled: p.items.reduce((sum, item) => sum + Number(item.cancelledAmount), 0) };
    let gp: GatewayPayment | null;
    try {
      gp = await deps.gateway.getByOrderId(p.orderId);
    } catch (error) {
      if (!(error instanceof GatewayNotFoundError)) return void result.unchecked.push({ paymentId: p.id, orderId: p.orderId, error: (error as Error).message });
      gp = null;
    }
    const gateway = gp && { status: gp.status, totalAmount: gp.totalAmount, cancelled: gp.totalAmount - gp.balanceAmount };
    for (const kind of compare(moa, gp)) result.differences.push({ paymentId: p.id, orderId: p.orderId, kind, moa, gateway });
  };
  for (let i = 0; i < payments.length; i += 8) await Promise.all(payments.slice(i, i + 8).map(check));
  result.differences.sort((a, b) => a.orderId.localeCompare(b.orderId) || a.kind.localeCompare(b.kind));
  result.unchecked.sort((a, b) => a.orderId.localeCompare(b.orderId));
  const dir = path.join(deps.dataDir, "reconciliation");
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${day}.json`), JSON.stringify(result, null, 2));
  await appendAudit(
    deps.db,
    { actorType: "system", action: "payments.reconciled", targetType: "day", targetId: day, detail: { payments: result.payments, differences: result.differences.length, unchecked: result.unchecked.length } },
    now,
  );
  return result;
}
