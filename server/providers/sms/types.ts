/** The one interface every SMS provider (SMPP, HTTP vendors) implements. */
export interface SmsMessage {
  to: string;
  text: string;
  /** our delivery id, for logs */
  reference: string;
}

export interface SmsSendResult {
  /** the SMS centre's message id of each part, in order */
  messageIds: string[];
}

export interface SmsReceipt {
  messageId: string;
  status: "delivered" | "failed";
  error: string | null;
  at: Date;
}

/** Retry later: throttled, not bound, timeout, network. */
export class SmsTemporaryError extends Error {
  override name = "SmsTemporaryError";
}

/** Never retry: invalid destination, rejected. */
export class SmsPermanentError extends Error {
  override name = "SmsPermanentError";
}

export interface SmsProvider {
  send(message: SmsMessage): Promise<SmsSendResult>;
  onReceipt(handler: (receipt: SmsReceipt) => void | Promise<void>): void;
  close(): Promise<void>;
}
