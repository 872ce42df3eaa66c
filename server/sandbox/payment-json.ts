import type { WindowMethod } from "./payment-window";

/** A sandbox payment, and how Toss Payments shows one (its Payment object, version 2022-11-16). */

export interface SandboxPayment {
  paymentKey: string;
  orderId: string;
  orderName: string;
  customerName: string;
  choice: WindowMethod;
  cardNumber: string;
  status: string;
  totalAmount: number;
  balanceAmount: number;
  requestedAt: Date;
  approvedAt: Date | null;
  lastTransactionKey: string | null;
  secret: string | null;
  vaDueDate: Date | null;
  accountNumber: string | null;
  cancels: Record<string, unknown>[];
  failure: { code: string; message: string } | null;
}

const KST_MS = 9 * 3_600_000;
/** Toss's timestamps: Seoul time with its offset. */
export const kst = (d: Date) => `${new Date(d.getTime() + KST_MS).toISOString().slice(0, 19)}+09:00`;
/** Toss's webhook `createdAt`: Seoul time, no offset. */
export const kstLocal = (d: Date) => new Date(d.getTime() + KST_MS).toISOString().slice(0, 23);

const EASY_PAY: Partial<Record<WindowMethod, string>> = { kakaopay: "카카오페이", naverpay: "네이버페이", tosspay: "토스페이" };
export const METHOD: Record<WindowMethod, string> = { card: "카드", kakaopay: "간편결제", naverpay: "간편결제", tosspay: "간편결제", transfer: "계좌이체", "virtual-account": "가상계좌" };

export function tossJson(p: SandboxPayment, baseUrl: string) {
  const done = p.status !== "IN_PROGRESS" && p.status !== "ABORTED" && p.status !== "EXPIRED";
  const vat = Math.round(p.balanceAmount / 11);
  return {
    mId: "tosspayments-sandbox",
    version: "2022-11-16",
    lastTransactionKey: p.lastTransactionKey,
    paymentKey: p.paymentKey,
    orderId: p.orderId,
    orderName: p.orderName,
    taxExemptionAmount: 0,
    status: p.status,
    requestedAt: kst(p.requestedAt),
    approvedAt: p.approvedAt && kst(p.approvedAt),
    useEscrow: false,
    cultureExpense: false,
    card:
      p.choice === "card" && done
        ? { issuerCode: "61", acquirerCode: "31", number: `${p.cardNumber.slice(0, 8)}****${p.cardNumber.slice(12, 15)}*`, installmentPlanMonths: 0, isInterestFree: false, interestPayer: null, approveNo: p.lastTransactionKey!.slice(0, 8), useCardPoint: false, cardType: "신용", ownerType: "개인", acquireStatus: "READY", amount: p.totalAmount }
        : null,
    virtualAccount:
      p.choice === "virtual-account" && p.accountNumber
        ? { accountType: "일반", accountNumber: p.accountNumber, bankCode: "20", customerName: p.customerName, dueDate: kst(p.vaDueDate!), refundStatus: "NONE", expired: false, settlementStatus: p.status === "DONE" ? "COMPLETED" : "INCOMPLETED", refundReceiveAccount: null }
        : null,
    transfer: p.choice === "transfer" && done ? { bankCode: "20", settlementStatus: "COMPLETED" } : null,
    mobilePhone: null,
    giftCertificate: null,
    cashReceipt: null,
    cashReceipts: null,
    discount: null,
    cancels: p.cancels.length ? p.cancels : null,
    secret: p.secret,
    type: "NORMAL",
    easyPay: EASY_PAY[p.choice] && done ? { provider: EASY_PAY[p.choice], amount: 0, discountAmount: 0 } : null,
    country: "KR",
    failure: p.failure,
    isPartialCancelable: true,
    receipt: done ? { url: `${baseUrl}/receipt/${p.paymentKey}` } : null,
    checkout: { url: `${baseUrl}/pay/${p.paymentKey}` },
    currency: "KRW",
    totalAmount: p.totalAmount,
    balanceAmount: p.balanceAmount,
    suppliedAmount: p.balanceAmount - vat,
    vat,
    taxFreeAmount: 0,
    method: done || p.status === "ABORTED" ? METHOD[p.choice] : null,
    metadata: null,
  };
}
