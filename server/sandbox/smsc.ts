import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Server } from "node:net";
import smpp from "smpp";

/**
 * A local SMS centre for development and tests. It speaks SMPP (bind_transceiver only, with the
 * configured credentials), joins concatenated parts back into whole messages, and answers every
 * part with a delivery receipt on the same session. Destinations that simulate trouble:
 * - ending in 0000: accepted, then a stat:UNDELIV receipt;
 * - ending in 0058: refused with ESME_RTHROTTLED (0x58);
 * - anything but 3 to 20 digits: refused with ESME_RINVDSTADR.
 * Received messages are listed at GET / (HTML) and GET /messages.json (oldest first).
 */

export interface ReceivedSms {
  from: string;
  to: string;
  text: string;
  parts: number;
  dataCoding: number;
  receivedAt: Date;
  messageIds: string[];
}

export interface SandboxSmscOptions {
  smppPort: number;
  httpPort: number;
  systemId: string;
  password: string;
  host?: string;
  /** answer each submit_sm this late, like a slow SMS centre */
  responseDelayMs?: number;
}

export interface SandboxSmsc {
  smppPort: number;
  httpPort: number;
  messages(): ReceivedSms[];
  /** the most submit_sm that were ever waiting for their response at once */
  peakOutstanding(): number;
  close(): Promise<void>;
}

interface Pending {
  total: number;
  parts: Map<number, { text: string; id: string }>;
  dataCoding: number;
}

function yymmddhhmm(d: Date): string {
  return d.toISOString().replace(/\D/g, "").slice(2, 12);
}

/** Reference, count and number of a concatenated part (IEI 0x00 or 0x08), or null. */
function concatInfo(udh: Buffer[] | undefined) {
  for (const ie of udh ?? []) {
    if (ie[0] === 0x00 && ie[1] === 3) return { ref: ie[2], total: ie[3], seq: ie[4] };
    if (ie[0] === 0x08 && ie[1] === 4) return { ref: ie.readUInt16BE(2), total: ie[4], seq: ie[5] };
  }
  return null;
}

function nack(session: smpp.Session, pdu: smpp.PDU, status: number) {
  session.send(new smpp.PDU("generic_nack", { sequence_number: pdu.sequence_number, command_status: status }));
}

export async function startSandboxSmsc(options: SandboxSmscOptions): Promise<SandboxSmsc> {
  const { systemId, password, host = "127.0.0.1", responseDelayMs = 0 } = options;
  const received: ReceivedSms[] = [];
  const pending = new Map<string, Pending>();
  const bound = new WeakSet<smpp.Session>();
  const idPrefix = randomBytes(4).toString("hex");
  let nextId = 0;
  let outstanding = 0;
  let peak = 0;

  function accept(pdu: smpp.PDU, id: string, at: Date) {
    const from = pdu.source_addr ?? "";
    const to = pdu.destination_addr ?? "";
    const sm = pdu.short_message;
    const decoded = sm && typeof sm === "object" && !Buffer.isBuffer(sm) ? sm : { message: sm ?? "" };
    const text = typeof decoded.message === "string" ? decoded.message : decoded.message.toString("hex");
    const dataCoding = pdu.data_coding ?? 0;
    const concat = concatInfo(decoded.udh);
    if (!concat || concat.total <= 1) {
      received.push({ from, to, text, parts: 1, dataCoding, receivedAt: at, messageIds: [id] });
      return;
    }
    const key = `${from}|${to}|${concat.ref}`;
    const entry = pending.get(key) ?? { total: concat.total, parts: new Map(), dataCoding };
    pending.set(key, entry);
    entry.parts.set(concat.seq, { text, id });
    if (entry.parts.size < entry.total) return;
    pending.delete(key);
    const ordered = [...entry.parts.entries()].sort(([a], [b]) => a - b).map(([, p]) => p);
    received.push({ from, to, text: ordered.map((p) => p.text).join(""), parts: entry.total, dataCoding: entry.dataCoding, receivedAt: at, messageIds: ordered.map((p) => p.id) });
  }

  function receipt(session: smpp.Session, pdu: smpp.PDU, id: string, submitted: Date) {
    const failed = (pdu.destination_addr ?? "").endsWith("0000");
    const wanted = (pdu.registered_delivery ?? 0) & 0x03;
    if (wanted === 0 || (wanted === 2 && !failed) || (wanted === 3 && failed)) return;
    const sm = pdu.short_message;
    const message = sm && typeof sm === "object" && !Buffer.isBuffer(sm) ? sm.message : sm;
    const sample = (typeof message === "string" ? message : "").slice(0, 20).replace(/[^\x20-\x7e]/g, "?");
    const done = yymmddhhmm(new Date());
    const text = `id:${id} sub:001 dlvrd:${failed ? "000" : "001"} submit date:${yymmddhhmm(submitted)} done date:${done} stat:${failed ? "UNDELIV" : "DELIVRD"} err:${failed ? "001" : "000"} text:${sample}`;
    session.deliver_sm({
      source_addr: pdu.destination_addr,
      destination_addr: pdu.source_addr,
      esm_class: 0x04,
      data_coding: 0,
      short_message: Buffer.from(text, "ascii"),
      receipted_message_id: id,
      message_state: failed ? 5 : 2,
    });
  }

  function submit(session: smpp.Session, pdu: smpp.PDU) {
    if (!bound.has(session)) return session.send(pdu.response({ command_status: smpp.ESME_RINVBNDSTS }));
    const to = pdu.destination_addr ?? "";
    const at = new Date();
    let status = smpp.ESME_ROK;
    if (!/^\d{3,20}$/.test(to)) status = smpp.ESME_RINVDSTADR;
    else if (to.endsWith("0058")) status = smpp.ESME_RTHROTTLED;
    const id = `${idPrefix}${(++nextId).toString(16).padStart(6, "0")}`;
    peak = Math.max(peak, ++outstanding);
    setTimeout(() => {
      outstanding--;
      if (status !== smpp.ESME_ROK) return session.send(pdu.response({ command_status: status }));
      accept(pdu, id, at);
      session.send(pdu.response({ message_id: id }));
      receipt(session, pdu, id, at);
    }, responseDelayMs);
  }

  const server = smpp.createServer((session) => {
    session.on("error", () => session.destroy());
    session.on("pdu", (pdu: smpp.PDU) => {
      if (pdu.isResponse()) return;
      switch (pdu.command) {
        case "bind_transceiver": {
          const E = smpp.errors;
          const status = bound.has(session) ? E.ESME_RALYBND : pdu.system_id !== systemId ? E.ESME_RINVSYSID : pdu.password !== password ? E.ESME_RINVPASWD : 0;
          if (status === 0) bound.add(session);
          session.send(pdu.response(status === 0 ? { system_id: "MOA-SANDBOX" } : { command_status: status }));
          if (status !== 0 && status !== E.ESME_RALYBND) session.close();
          return;
        }
        case "bind_transmitter":
        case "bind_receiver":
          session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
          return session.close();
        case "enquire_link":
          return session.send(pdu.response());
        case "unbind":
          session.send(pdu.response());
          return session.close();
        case "submit_sm":
          return submit(session, pdu);
        default:
          nack(session, pdu, smpp.errors.ESME_RINVCMDID);
      }
    });
  });

  const web = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://sandbox").pathname;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
    } else if (path === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP, "x-content-type-options": "nosniff" });
      res.end(page(received));
    } else if (path === "/messages.json") {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "x-content-type-options": "nosniff" });
      res.end(JSON.stringify(received));
    } else {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
    }
  });

  const listen = (s: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      s.once("error", reject);
      s.listen(port, host, () => resolve((s.address() as AddressInfo).port));
    });
  const smppPort = await listen(server, options.smppPort);
  const httpPort = await listen(web, options.httpPort).catch(async (e) => {
    await new Promise((r) => server.close(r));
    throw e;
  });

  return {
    smppPort,
    httpPort,
    messages: () => [...received],
    peakOutstanding: () => peak,
    async close() {
      for (const s of [...server.sessions]) s.destroy();
      web.closeAllConnections();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => web.close(r))]);
    },
  };
}

const STYLE =
  "body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.5;color:#111;background:#fff}" +
  "table{border-collapse:collapse}caption{text-align:left;font-weight:bold;padding:.5rem 0}" +
  "th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}" +
  "td.text{white-space:pre-wrap;max-width:40rem}";
const CSP = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function coding(dataCoding: number): string {
  return dataCoding === 0 ? "GSM 7-bit" : dataCoding === 8 ? "UCS-2" : `data_coding ${dataCoding}`;
}

function page(messages: ReceivedSms[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td><time datetime="${m.receivedAt.toISOString()}">${m.receivedAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time></td>` +
        `<td>${escapeHtml(m.to)}</td><td class="text" dir="auto">${escapeHtml(m.text)}</td><td>${m.parts}</td><td>${coding(m.dataCoding)}</td></tr>`,
    )
    .join("");
  const body = rows || `<tr><td colspan="5">No messages yet.</td></tr>`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>Sandbox SMS centre</title><style>${STYLE}</style></head><body><main><h1>Sandbox SMS centre</h1>` +
    `<p>Messages submitted over SMPP to this local SMS centre. <a href="/">Refresh</a> · <a href="/messages.json">JSON</a></p>` +
    `<table><caption>Received messages, newest first (${messages.length})</caption><thead><tr>` +
    `<th scope="col">Received</th><th scope="col">To</th><th scope="col">Text</th><th scope="col">Parts</th><th scope="col">Coding</th>` +
    `</tr></thead><tbody>${body}</tbody></table></main></body></html>`
  );
}
