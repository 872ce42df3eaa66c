/**
 * Whether a notice shows a way to pay it. The inbox and notice answers may not say whether a bill
 * is already paid; when they do (`paidAt`), a paid bill offers nothing. The quote refuses it anyway.
 */
export function isPayable(notice: { amountDue: number | null }): boolean {
  return notice.amountDue !== null && !("paidAt" in notice && notice.paidAt);
}
