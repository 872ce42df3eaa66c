import { z } from "zod";
import { SmsPermanentError, SmsTemporaryError, type SmsProvider, type SmsReceipt } from "./types";

/**
 * The shape of an adapter for an HTTP SMS vendor: POST `{to, text, reference}` as JSON with a
 * bearer key, get `{messageIds}` back; receipts reach us on a webhook whose body goes to
 * `handleReceiptCallback`. A real vendor's adapter maps its own fields onto these.
 */

export interface HttpSmsOptions {
  url: string;
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface HttpSmsProvider extends SmsProvider {
  /** Validates a receipt webhook body and passes it to the handlers; throws when the body is not one. */
  handleReceiptCallback(body: unknown): Promise<void>;
}

const SendAnswer = z.object({ messageIds: z.array(z.string().min(1)).min(1) });
const ReceiptBody = z.object({
  messageId: z.string().min(1),
  status: z.enum(["delivered", "failed"]),
  error: z.string().nullish(),
  at: z.iso.datetime({ offset: true }).optional(),
});

export function createHttpSmsProvider(options: HttpSmsOptions): HttpSmsProvider {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const handlers: ((receipt: SmsReceipt) => void | Promise<void>)[] = [];
  return {
    async send(message) {
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${options.apiKey}` },
          body: JSON.stringify({ to: message.to, text: message.text, reference: message.reference }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "manual",
        });
      } catch (error) {
        throw new SmsTemporaryError(`SMS vendor unreachable: ${error instanceof Error ? error.name : "network"}`);
      }
      const { status } = response;
      const body: unknown = await response.json().catch(() => null);
      // 401/403 are our configuration, not this message: retry once it is fixed.
      if (status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status)) {
        throw new SmsPermanentError(`SMS vendor refused the message: HTTP ${status}`);
      }
      if (status < 200 || status >= 300) throw new SmsTemporaryError(`SMS vendor answered HTTP ${status}`);
      const parsed = SendAnswer.safeParse(body);
      if (!parsed.success) throw new SmsTemporaryError("SMS vendor answered without message ids");
      return { messageIds: parsed.data.messageIds };
    },
    onReceipt(handler) {
      handlers.push(handler);
    },
    async handleReceiptCallback(body) {
      const r = ReceiptBody.parse(body);
      const receipt: SmsReceipt = { messageId: r.messageId, status: r.status, error: r.error ?? null, at: r.at ? new Date(r.at) : new Date() };
      for (const handle of handlers) await handle(receipt);
    },
    async close() {},
  };
}
