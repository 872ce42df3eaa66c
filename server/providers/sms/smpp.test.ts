import type { AddressInfo } from "node:net";
import smpp from "smpp";
import { afterEach, describe, expect, it } from "vitest";
import { startSandboxSmsc, type SandboxSmsc, type SandboxSmscOptions } from "../../sandbox/smsc";
import { createSmppProvider, parseReceipt, smppOptionsFromEnv, type SmppOptions } from "./smpp";
import { SmsPermanentError, SmsTemporaryError, type SmsProvider, type SmsReceipt } from "./types";

const SYSTEM_ID = "moa";
const PASSWORD = "sandbox-secret";
const silent = { info() {}, warn() {} };

const KOREAN =
  "[모아] 서울특별시 종로구청에서 보낸 알림입니다. 2025년 주민세(개인분) 납부 기한은 8월 31일까지이며, 기한이 지나면 가산금이 붙습니다. " +
  "납부는 위택스, 은행 앱, 가상계좌로 할 수 있습니다. 이 알림은 모아 앱에서 다시 볼 수 있고, 문의는 종로구청 세무과(02-2148-0000)로 해 주십시오. " +
  "주소가 바뀌었거나 이미 납부하셨다면 이 문자는 무시하셔도 됩니다. 모아는 흩어진 정부 알림을 한곳에 모아 드립니다. " +
  "알림 설정은 모아 앱의 ‘설정 > 알림 받기’에서 언제든지 바꿀 수 있습니다. 감사합니다.";
const THAI =
  "แจ้งเตือนจากโมอา: สำนักงานเขตจงโนแจ้งว่าภาษีผู้อยู่อาศัยประจำปีต้องชำระภายในวันที่สามสิบเอ็ดสิงหาคม " +
  "หากเลยกำหนดจะมีค่าปรับเพิ่ม ท่านสามารถชำระผ่านแอปธนาคารหรือบัญชีเสมือนได้ ขอบคุณที่ใช้บริการค่ะ";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

async function smsc(extra: Partial<SandboxSmscOptions> = {}): Promise<SandboxSmsc> {
  const s = await startSandboxSmsc({ smppPort: 0, httpPort: 0, systemId: SYSTEM_ID, password: PASSWORD, ...extra });
  cleanup.push(() => s.close());
  return s;
}

function provider(port: number, extra: Partial<SmppOptions> = {}): SmsProvider & { receipts: SmsReceipt[] } {
  const p = createSmppProvider({ host: "127.0.0.1", port, systemId: SYSTEM_ID, password: PASSWORD, sourceAddr: "1588-1234", log: silent, reconnectMs: { initial: 20, max: 200 }, bindWaitMs: 2_000, ...extra });
  const receipts: SmsReceipt[] = [];
  p.onReceipt((r) => void receipts.push(r));
  cleanup.push(() => p.close());
  return Object.assign(p, { receipts });
}

async function until(condition: () => boolean, ms = 3_000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("SMPP provider against the sandbox SMS centre", () => {
  it.each([
    ["Korean", KOREAN],
    ["Thai", THAI],
  ])("sends a long %s text as UCS-2 parts that reassemble exactly, with a receipt per part", async (_name, text) => {
    const s = await smsc();
    const p = provider(s.smppPort);
    const { messageIds } = await p.send({ to: "01012345678", text, reference: "d-1" });
    expect(messageIds.length).toBe(Math.ceil(text.length / 67));
    expect(messageIds.length).toBeGreaterThan(1);
    const [got] = s.messages();
    expect(got).toMatchObject({ from: "15881234", to: "01012345678", dataCoding: 8, parts: messageIds.length, messageIds });
    expect(got.text).toBe(text);
    await until(() => p.receipts.length === messageIds.length);
    expect(p.receipts.map((r) => r.messageId).sort()).toEqual([...messageIds].sort());
    expect(p.receipts.every((r) => r.status === "delivered" && r.error === null)).toBe(true);
  });

  it("sends a short GSM text in one 7-bit part", async () => {
    const s = await smsc();
    const p = provider(s.smppPort);
    const text = "Moa: your code is 482913 @ £5 {ok} €";
    const { messageIds } = await p.send({ to: "+82 10-1234-5678", text, reference: "d-2" });
    expect(messageIds).toHaveLength(1);
    expect(s.messages()).toEqual([expect.objectContaining({ to: "821012345678", text, dataCoding: 0, parts: 1, messageIds })]);
    await until(() => p.receipts.length === 1);
    expect(p.receipts[0]).toMatchObject({ messageId: messageIds[0], status: "delivered" });
  });

  it("reports a failed receipt for an undeliverable number", async () => {
    const s = await smsc();
    const p = provider(s.smppPort);
    const { messageIds } = await p.send({ to: "01099990000", text: "hello", reference: "d-3" });
    await until(() => p.receipts.length === 1);
    expect(p.receipts[0]).toMatchObject({ messageId: messageIds[0], status: "failed" });
    expect(p.receipts[0].error).toContain("UNDELIV");
  });

  it("tells temporary refusals (throttled) from permanent ones (invalid destination)", async () => {
    const s = await smsc();
    const p = provider(s.smppPort);
    await expect(p.send({ to: "01099990058", text: "hi", reference: "d-4" })).rejects.toThrow(SmsTemporaryError);
    await expect(p.send({ to: "not-a-number", text: "hi", reference: "d-5" })).rejects.toThrow(SmsPermanentError);
    await expect(p.send({ to: "not-a-number", text: "hi", reference: "d-5" })).rejects.toThrow(/ESME_RINVDSTADR/);
    expect(s.messages()).toEqual([]);
  });

  it("fails fast with a temporary error when the bind is refused", async () => {
    const s = await smsc();
    const p = provider(s.smppPort, { password: "wrong" });
    const started = Date.now();
    const sent = p.send({ to: "01012345678", text: "hi", reference: "d-6" });
    await expect(sent).rejects.toThrow(SmsTemporaryError);
    await expect(sent).rejects.toThrow(/bind refused: ESME_RINVPASWD/);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(s.messages()).toEqual([]);
  });

  it("reconnects after the SMS centre restarts on the same port, and sends again", async () => {
    const first = await smsc();
    const p = provider(first.smppPort);
    await p.send({ to: "01012345678", text: "before", reference: "d-7" });
    await first.close();
    await new Promise((r) => setTimeout(r, 100)); // the provider notices and retries while nothing listens
    const second = await smsc({ smppPort: first.smppPort });
    const { messageIds } = await p.send({ to: "01012345678", text: "after", reference: "d-8" });
    expect(second.messages()).toEqual([expect.objectContaining({ text: "after", messageIds })]);
  });

  it("keeps at most `window` submit_sm outstanding, and uses all of it", async () => {
    const s = await smsc({ responseDelayMs: 100 });
    const p = provider(s.smppPort, { window: 2, ratePerSecond: 1_000 });
    const sends = Array.from({ length: 6 }, (_, i) => p.send({ to: "01012345678", text: `m${i}`, reference: `w-${i}` }));
    await Promise.all(sends);
    expect(s.messages()).toHaveLength(6);
    expect(s.peakOutstanding()).toBe(2);
  });

  it("spaces submissions to the rate limit", async () => {
    const s = await smsc();
    const p = provider(s.smppPort, { ratePerSecond: 20 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 5 }, (_, i) => p.send({ to: "01012345678", text: `r${i}`, reference: `r-${i}` })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
  });

  it("gives up on an unanswered submit_sm with a temporary error, and on a dropped connection at once", async () => {
    const slow = await smsc({ responseDelayMs: 2_000 });
    const p = provider(slow.smppPort, { submitTimeoutMs: 150 });
    await expect(p.send({ to: "01012345678", text: "slow", reference: "t-1" })).rejects.toThrow(/unanswered after 150 ms/);
    const q = provider(slow.smppPort);
    const pending = q.send({ to: "01012345678", text: "dropped", reference: "t-2" });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await slow.close();
    await expect(pending).rejects.toThrow(/connection closed/);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("sends enquire_link and reconnects when the SMS centre stops answering it", async () => {
    let binds = 0;
    let links = 0;
    const mute = smpp.createServer((session) => {
      session.on("error", () => session.destroy());
      session.on("bind_transceiver", (pdu: smpp.PDU) => (binds++, session.send(pdu.response())));
      session.on("enquire_link", () => links++); // never answered: a half-open link
    });
    await new Promise<void>((r) => mute.listen(0, "127.0.0.1", r));
    cleanup.push(async () => {
      mute.sessions.forEach((s) => s.destroy());
      await new Promise((r) => mute.close(r));
    });
    provider((mute.address() as AddressInfo).port, { enquireLinkMs: 50, submitTimeoutMs: 100 });
    await until(() => binds >= 2);
    expect(links).toBeGreaterThanOrEqual(1);
  });
});

describe("sandbox SMS centre web page", () => {
  it("lists messages newest first, escaped, without scripts", async () => {
    const s = await smsc();
    const p = provider(s.smppPort);
    await p.send({ to: "01011112222", text: "first <b>&</b>", reference: "h-1" });
    await p.send({ to: "01033334444", text: "두 번째", reference: "h-2" });
    const res = await fetch(`http://127.0.0.1:${s.httpPort}/`);
    const html = await res.text();
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<h1>Sandbox SMS centre</h1>");
    expect(html).toMatch(/<caption>[^<]+<\/caption>/);
    expect(html).toContain("first &#60;b&#62;&#38;&#60;/b&#62;");
    expect(html).not.toContain("<b>");
    expect(html).not.toMatch(/<script/i);
    expect(html.indexOf("두 번째")).toBeLessThan(html.indexOf("first &#60;b"));
    const json = await (await fetch(`http://127.0.0.1:${s.httpPort}/messages.json`)).json();
    expect(json.map((m: { text: string }) => m.text)).toEqual(["first <b>&</b>", "두 번째"]);
  });
});

describe("receipts and configuration", () => {
  it("reads the standard receipt text when there is no receipted_message_id", () => {
    const short_message = { message: "id:7f3a sub:001 dlvrd:000 submit date:2501021504 done date:2501021506 stat:EXPIRED err:062 text:hello stat:DELIVRD" };
    expect(parseReceipt({ esm_class: 0x04, short_message })).toEqual({ messageId: "7f3a", status: "failed", error: "EXPIRED err:062", at: new Date("2025-01-02T15:06:00Z") });
    expect(parseReceipt({ esm_class: 0x04, short_message, receipted_message_id: "ABC" })?.messageId).toBe("ABC");
  });

  it("ignores what is not a final receipt", () => {
    expect(parseReceipt({ esm_class: 0, short_message: { message: "id:1 stat:DELIVRD" } })).toBeNull();
    expect(parseReceipt({ esm_class: 0x04, short_message: { message: "id:1 stat:ENROUTE" } })).toBeNull();
    expect(parseReceipt({ esm_class: 0x04, receipted_message_id: "9", message_state: 2 })).toMatchObject({ messageId: "9", status: "delivered" });
  });

  it("reads the environment and names what is missing", () => {
    const env = { SMPP_HOST: "smsc.example", SMPP_SYSTEM_ID: "moa", SMPP_PASSWORD: "pw", SMS_SOURCE_ADDR: "15881234" };
    expect(smppOptionsFromEnv(env)).toEqual({ host: "smsc.example", port: 2775, systemId: "moa", password: "pw", sourceAddr: "15881234" });
    expect(smppOptionsFromEnv({ ...env, SMPP_PORT: "2776" }).port).toBe(2776);
    expect(() => smppOptionsFromEnv({ ...env, SMPP_PASSWORD: undefined })).toThrow(/SMPP_PASSWORD/);
    expect(() => smppOptionsFromEnv({ ...env, SMPP_PORT: "x" })).toThrow(/SMPP_PORT/);
  });
});
