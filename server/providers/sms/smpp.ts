import smpp from "smpp";
import { logger } from "../../logger";
import { encodeSms } from "./encoding";
import { SmsPermanentError, SmsTemporaryError, type SmsMessage, type SmsProvider, type SmsReceipt, type SmsSendResult } from "./types";

/**
 * SMS over SMPP 3.4 as a transceiver: one bound session at a time, kept alive with enquire_link
 * and re-bound with exponential backoff when it drops. Every part is a submit_sm asking for a
 * delivery receipt; receipts come back as deliver_sm on the same session.
 */

export interface SmsLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SmppOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  sourceAddr: string;
  /** most submit_sm awaiting their response at once (default 10) */
  window?: number;
  /** submit_sm per second (default 50) */
  ratePerSecond?: number;
  log?: SmsLog;
  submitTimeoutMs?: number;
  enquireLinkMs?: number;
  reconnectMs?: { initial: number; max: number };
  /** how long send waits for a bound session before giving up (default 5 s) */
  bindWaitMs?: number;
}

export function smppOptionsFromEnv(env: Record<string, string | undefined> = process.env): SmppOptions {
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`Configuration error: ${name} is not set.`);
    return v;
  };
  const port = Number(env.SMPP_PORT ?? 2775);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error("Configuration error: SMPP_PORT is not a port number.");
  return { host: need("SMPP_HOST"), port, systemId: need("SMPP_SYSTEM_ID"), password: need("SMPP_PASSWORD"), sourceAddr: need("SMS_SOURCE_ADDR") };
}

const E = smpp.errors;
const PERMANENT = new Set(
  ["ESME_RINVDSTADR", "ESME_RINVDSTTON", "ESME_RINVDSTNPI", "ESME_RINVSRCADR", "ESME_RINVMSGLEN", "ESME_RINVDCS", "ESME_RINVESMCLASS", "ESME_RX_P_APPN", "ESME_RX_R_APPN"].map((n) => E[n]),
);

export function statusName(status: number): string {
  return Object.keys(E).find((k) => E[k] === status) ?? `0x${status.toString(16).padStart(8, "0")}`;
}

function statusError(status: number): Error {
  const message = `SMPP submit_sm refused: ${statusName(status)}`;
  return PERMANENT.has(status) ? new SmsPermanentError(message) : new SmsTemporaryError(message);
}

/** TON/NPI from the address: +E.164 is international, digits are unknown/ISDN, anything else alphanumeric. */
function address(addr: string) {
  const compact = addr.replace(/[\s().-]/g, ""); // "1588-0000", "+82 10-1234-5678"
  if (/^\+\d+$/.test(compact)) return { ton: 1, npi: 1, addr: compact.slice(1) };
  if (/^\d+$/.test(compact)) return { ton: 0, npi: 1, addr: compact };
  return { ton: 5, npi: 0, addr };
}

const FINAL_STATES: Record<string, SmsReceipt["status"]> = { DELIVRD: "delivered", UNDELIV: "failed", REJECTD: "failed", EXPIRED: "failed", DELETED: "failed", UNKNOWN: "failed" };
const MESSAGE_STATE = ["SCHEDULED", "ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD", "UNKNOWN", "REJECTD"];

function receiptDate(value: string | undefined): Date {
  const m = value?.match(/^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?$/);
  return m ? new Date(Date.UTC(2000 + Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0))) : new Date();
}

/**
 * A final delivery receipt from a deliver_sm, or null when it is something else (a message from a
 * phone, an intermediate notification). `done date` is read as UTC.
 */
export function parseReceipt(pdu: Pick<smpp.PDU, "esm_class" | "short_message" | "receipted_message_id" | "message_state">): SmsReceipt | null {
  if (((pdu.esm_class ?? 0) & 0x3c) !== 0x04) return null;
  const sm = pdu.short_message;
  const raw = sm === undefined || typeof sm === "string" || Buffer.isBuffer(sm) ? sm : sm.message;
  const text = (typeof raw === "string" ? raw : (raw?.toString("latin1") ?? "")).split(/\stext:/i)[0];
  const field = (name: string) => text.match(new RegExp(`(?:^|\\s)${name}:(\\S+)`, "i"))?.[1];
  const messageId = pdu.receipted_message_id || field("id");
  const stat = field("stat")?.toUpperCase() ?? MESSAGE_STATE[pdu.message_state ?? -1];
  const status = stat ? FINAL_STATES[stat] : undefined;
  if (!messageId || !status) return null;
  const err = field("err");
  const error = status === "delivered" ? null : err && !/^0+$/.test(err) ? `${stat} err:${err}` : stat!;
  return { messageId, status, error, at: receiptDate(field("done date")) };
}

/** A window of outstanding requests and an even spacing between them; both first come, first served. */
function createGate(window: number, ratePerSecond: number) {
  let free = window;
  let nextAt = 0;
  const queue: (() => void)[] = [];
  return async function acquire(): Promise<() => void> {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => queue.push(resolve));
    const now = Date.now();
    const at = Math.max(now, nextAt);
    nextAt = at + 1000 / ratePerSecond;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      if (next) next();
      else free++;
    };
  };
}

interface Connection {
  session: smpp.Session;
  bound: boolean;
  /** fail functions of this connection's outstanding submit_sm */
  inFlight: Set<(error: Error) => void>;
  timers: NodeJS.Timeout[];
  /** the SMS centre has until then to answer the last enquire_link */
  linkDeadline?: NodeJS.Timeout;
}

type ReceiptHandler = (receipt: SmsReceipt) => void | Promise<void>;

export function createSmppProvider(options: SmppOptions): SmsProvider {
  const { host, port, systemId, password, sourceAddr } = options;
  const submitTimeoutMs = options.submitTimeoutMs ?? 10_000;
  const enquireLinkMs = options.enquireLinkMs ?? 30_000;
  const backoff = options.reconnectMs ?? { initial: 1_000, max: 30_000 };
  const bindWaitMs = options.bindWaitMs ?? 5_000;
  const log = options.log ?? logger.child({ component: "sms-smpp" });
  const where = { host, port, systemId };
  const acquire = createGate(options.window ?? 10, options.ratePerSecond ?? 50);
  const source = address(sourceAddr);
  const handlers: ReceiptHandler[] = [];
  const waiters = new Set<{ resolve: (c: Connection) => void; reject: (e: Error) => void }>();
  let conn: Connection | null = null;
  let closed = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;
  let refusal: string | null = null;
  let reference = Math.floor(Math.random() * 256);

  function connect() {
    const session = smpp.connect({ host, port });
    const c: Connection = { session, bound: false, inFlight: new Set(), timers: [] };
    conn = c;
    c.timers.push(
      setTimeout(() => {
        if (!c.bound) session.destroy();
      }, submitTimeoutMs),
    );
    session.on("connect", () => {
      session.bind_transceiver({ system_id: systemId, password, interface_version: 0x34 }, (pdu) => {
        if (pdu.command_status !== 0) {
          refusal = `SMPP bind refused: ${statusName(pdu.command_status)}`;
          log.warn(where, refusal);
          for (const w of waiters) w.reject(new SmsTemporaryError(refusal));
          waiters.clear();
          return session.destroy();
        }
        c.bound = true;
        attempt = 0;
        refusal = null;
        log.info(where, "SMPP bound");
        c.timers.push(setInterval(() => enquireLink(c), enquireLinkMs));
        for (const w of waiters) w.resolve(c);
        waiters.clear();
      });
    });
    // The library stops reading after a malformed PDU, so any error ends the session.
    session.on("error", (e: Error) => {
      log.warn({ ...where, error: e.message }, "SMPP connection error");
      session.destroy();
    });
    session.on("close", () => onClose(c));
    session.on("enquire_link", (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on("unbind", (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on("deliver_sm", (pdu: smpp.PDU) => void onDeliver(c, pdu));
  }

  function enquireLink(c: Connection) {
    c.linkDeadline ??= setTimeout(() => {
      log.warn(where, "SMPP enquire_link unanswered; reconnecting");
      c.session.destroy();
    }, submitTimeoutMs);
    c.session.enquire_link({}, () => {
      clearTimeout(c.linkDeadline);
      c.linkDeadline = undefined;
    });
  }

  function onClose(c: Connection) {
    [...c.timers, c.linkDeadline].forEach((t) => clearTimeout(t));
    for (const fail of c.inFlight) fail(new SmsTemporaryError("SMPP connection closed"));
    if (conn !== c) return;
    conn = null;
    if (closed) return;
    const delay = Math.min(backoff.initial * 2 ** attempt++, backoff.max);
    log.info({ ...where, delay }, "SMPP connection closed; reconnecting");
    retry = setTimeout(connect, delay);
  }

  async function onDeliver(c: Connection, pdu: smpp.PDU) {
    const receipt = parseReceipt(pdu);
    try {
      if (receipt) for (const handle of handlers) await handle(receipt);
      c.session.send(pdu.response());
    } catch (e) {
      log.warn({ ...where, messageId: receipt?.messageId, error: (e as Error).message }, "SMS receipt handler failed; the SMS centre will redeliver");
      c.session.send(pdu.response({ command_status: E.ESME_RX_T_APPN }));
    }
  }

  function bound(): Promise<Connection> {
    if (closed) return Promise.reject(new SmsTemporaryError("SMPP provider is closed"));
    if (conn?.bound) return Promise.resolve(conn);
    if (refusal) return Promise.reject(new SmsTemporaryError(refusal));
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (c: Connection) => (clearTimeout(timer), resolve(c)),
        reject: (e: Error) => (clearTimeout(timer), reject(e)),
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new SmsTemporaryError(`SMPP not bound to ${host}:${port} within ${bindWaitMs} ms`));
      }, bindWaitMs);
      waiters.add(waiter);
    });
  }

  async function submit(to: string, part: Buffer, dataCoding: number, multipart: boolean): Promise<string> {
    await bound();
    const release = await acquire();
    try {
      const c = await bound();
      const dest = address(to);
      return await new Promise<string>((resolve, reject) => {
        const finish = (error: Error | null, id?: string) => {
          if (!c.inFlight.delete(fail)) return;
          clearTimeout(timer);
          if (error) reject(error);
          else resolve(id!);
        };
        const fail = (error: Error) => finish(error);
        const timer = setTimeout(() => fail(new SmsTemporaryError(`SMPP submit_sm unanswered after ${submitTimeoutMs} ms`)), submitTimeoutMs);
        c.inFlight.add(fail);
        const written = c.session.submit_sm(
          {
            source_addr_ton: source.ton,
            source_addr_npi: source.npi,
            source_addr: source.addr,
            dest_addr_ton: dest.ton,
            dest_addr_npi: dest.npi,
            destination_addr: dest.addr,
            esm_class: multipart ? 0x40 : 0,
            registered_delivery: 1,
            data_coding: dataCoding,
            short_message: part,
          },
          (pdu) => (pdu.command_status === 0 ? finish(null, pdu.message_id) : fail(statusError(pdu.command_status))),
        );
        if (!written) fail(new SmsTemporaryError("SMPP connection is not writable"));
      });
    } finally {
      release();
    }
  }

  connect();

  return {
    async send(message: SmsMessage): Promise<SmsSendResult> {
      let encoded;
      try {
        encoded = encodeSms(message.text, reference++ & 0xff);
      } catch (e) {
        throw new SmsPermanentError((e as Error).message);
      }
      const multipart = encoded.parts.length > 1;
      const messageIds = await Promise.all(encoded.parts.map((p) => submit(message.to, p, encoded.dataCoding, multipart)));
      log.info({ reference: message.reference, parts: messageIds.length, messageIds }, "SMS submitted");
      return { messageIds };
    },
    onReceipt(handler) {
      handlers.push(handler);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      for (const w of waiters) w.reject(new SmsTemporaryError("SMPP provider is closed"));
      waiters.clear();
      const c = conn;
      if (!c) return;
      await new Promise<void>((resolve) => {
        c.session.once("close", () => resolve());
        const force = setTimeout(() => c.session.destroy(), 1_000);
        c.session.once("close", () => clearTimeout(force));
        if (!c.bound || !c.session.unbind({}, () => c.session.close())) c.session.destroy();
      });
    },
  };
}
