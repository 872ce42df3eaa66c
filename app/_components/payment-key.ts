/**
 * The client's idempotency key for one payment, kept in this tab's sessionStorage under every id
 * given (quote id and order id), so a double click, a reload or the return from the payment window
 * sends the same key again.
 */
export function paymentKeyFor(...ids: string[]): string {
  const names = ids.map((id) => `moa-payment-key:${id}`);
  const key = names.map((n) => sessionStorage.getItem(n)).find((k) => k) ?? crypto.randomUUID();
  for (const n of names) sessionStorage.setItem(n, key);
  return key;
}
