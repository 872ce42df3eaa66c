import { hash } from "node:crypto";
import { BinaryCopyRows } from "../db/copy-binary";
import { uuid7 } from "../db/uuid7";
import { CI_LENGTH } from "../identity/rrn";
import type { NoticeDraft } from "./input";
import { koreanOriginalText, type TemplateForRender } from "./render";

/** What a notice alone decides, in COPY order: written where the rows are read (a batch's worker thread). */
export const NOTICE_COLUMNS = [
  "id", "agencyId", "templateId", "recipientCi", "reference", "requestHash", "batchId", "testMode", "recipientName", "recipientPhone",
  "postalAddress", "fields", "originalKo", "originalSha256", "certified", "paymentNumber", "amountDue", "dueDate",
] as const;

/** Where a chunk's notices come from: the agency, its batch, live or test. */
export interface EncodeContext {
  agencyId: string;
  batchId: string | null;
  testMode: boolean;
}

/**
 * A chunk of notices checked and encoded, ready to store: what a batch's worker thread hands over.
 * A few strings and typed arrays, no object or string per notice: the storing thread's heap then
 * barely grows however many chunks pass through it.
 */
export interface EncodedNotices {
  count: number;
  /** Each notice's NOTICE_COLUMNS in binary COPY form, one after another: notice i ends at `ends[i]`. */
  fields: Uint8Array;
  ends: Uint32Array;
  /** The distinct recipients' CIs (CI_LENGTH ASCII bytes each, one after another), and each notice's index among them. */
  recipientCis: Uint8Array;
  recipient: Uint32Array;
  /** -1, or the earlier notice of the chunk with the same reference: that one is stored, this one only compared. */
  sameReferenceAs: Int32Array;
  /** References, newline-separated (REFERENCE has no newline), and request hashes (64 hex digits each): read only for re-used references. */
  references: Uint8Array;
  requestHashes: Uint8Array;
  /** The distinct templates the notices use. */
  templateIds: string[];
}

export const REQUEST_HASH_LENGTH = 64;

/** The arrays whose memory moves with a chunk handed to another thread (each owns its ArrayBuffer). */
export function transferables(notices: EncodedNotices): ArrayBuffer[] {
  const { fields, ends, recipientCis, recipient, sameReferenceAs, references, requestHashes } = notices;
  return [fields, ends, recipientCis, recipient, sameReferenceAs, references, requestHashes].map((a) => a.buffer as ArrayBuffer);
}

/** Text as bytes in memory of their own: a Buffer from Node's shared pool must never be transferred. */
function ownBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.byteLength(text, "utf8"));
  Buffer.from(bytes.buffer).write(text, "utf8");
  return bytes;
}

/** Notice i's encoded NOTICE_COLUMNS. */
export function encodedFields(notices: EncodedNotices, i: number): Uint8Array {
  return notices.fields.subarray(i === 0 ? 0 : notices.ends[i - 1], notices.ends[i]);
}

/** The id a notice was given: the first field of its encoded row (after the field's 4-byte length). */
export function encodedId(notices: EncodedNotices, i: number): string {
  const hex = Buffer.from(encodedFields(notices, i).subarray(4, 20)).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Drafts to NOTICE_COLUMNS, one at a time as they are checked: ids made (UUIDv7 at `nowMs`), the
 * Korean original rendered and hashed. A reference already in the chunk is not encoded again.
 */
export class NoticeEncoder {
  private readonly out: BinaryCopyRows;
  private ends: Uint32Array;
  private recipient: Uint32Array;
  private sameReferenceAs: Int32Array;
  private count = 0;
  private readonly cis = new Map<string, number>();
  private readonly firstOf = new Map<string, number>();
  private readonly references: string[] = [];
  private readonly requestHashes: string[] = [];
  private readonly templateIds = new Set<string>();
  private readonly drafts: NoticeDraft[] = [];

  constructor(
    private readonly forRender: Map<string, TemplateForRender>,
    private readonly ctx: EncodeContext,
    private readonly nowMs: number,
    expected = 16,
  ) {
    expected = Math.max(16, expected);
    // At least 4 KiB: smaller Buffers share Node's pool, and this one's memory may go to another thread.
    this.out = new BinaryCopyRows({ header: false, size: Math.max(4096, expected * 1280) });
    this.ends = new Uint32Array(expected);
    this.recipient = new Uint32Array(expected);
    this.sameReferenceAs = new Int32Array(expected);
  }

  add(d: NoticeDraft): void {
    const i = this.count++;
    if (i === this.ends.length) this.grow();
    const first = this.firstOf.get(d.reference);
    this.sameReferenceAs[i] = first ?? -1;
    let r = this.cis.get(d.recipientCi);
    if (r === undefined) {
      if (d.recipientCi.length !== CI_LENGTH) throw new Error("a CI is not 88 characters");
      this.cis.set(d.recipientCi, (r = this.cis.size));
    }
    this.recipient[i] = r;
    this.references.push(d.reference);
    this.requestHashes.push(d.requestHash);
    if (first === undefined) {
      this.firstOf.set(d.reference, i);
      this.templateIds.add(d.templateId);
    }
    this.drafts.push(d);
  }

  private write(d: NoticeDraft): void {
    const { out, ctx } = this;
    const template = this.forRender.get(d.templateId);
    if (!template) throw new Error("a notice refers to a template that does not exist among the agency's");
    const original = koreanOriginalText(template, d.fields);
    out.uuid(uuid7(this.nowMs));
    out.uuid(ctx.agencyId);
    out.uuid(d.templateId);
    out.text(d.recipientCi);
    out.text(d.reference);
    out.text(d.requestHash);
    out.uuid(ctx.batchId);
    out.bool(ctx.testMode);
    out.text(d.recipientName);
    out.text(d.recipientPhone);
    out.text(d.postalAddress);
    out.jsonb(JSON.stringify(d.fields));
    // Hashed as written (after the field's length): the text is not encoded to UTF-8 a second time.
    const start = out.length + 4;
    out.text(original);
    out.text(hash("sha256", out.written().subarray(start), "hex"));
    out.bool(d.certified);
    out.text(d.paymentNumber);
    out.int8(d.amountDue);
    out.date(d.dueDate);
  }

  private grow(): void {
    const twice = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const grown = make(a.length * 2);
      grown.set(a);
      return grown;
    };
    this.ends = twice(this.ends, (n) => new Uint32Array(n));
    this.recipient = twice(this.recipient, (n) => new Uint32Array(n));
    this.sameReferenceAs = twice(this.sameReferenceAs, (n) => new Int32Array(n));
  }

  finish(): EncodedNotices {
    const n = this.count;
    for (let i = 0; i < n; i++) {
      if (this.sameReferenceAs[i] < 0) this.write(this.drafts[i]);
      this.ends[i] = this.out.length;
    }
    return {
      count: n,
      fields: this.out.written(),
      ends: this.ends.subarray(0, n),
      recipientCis: ownBytes([...this.cis.keys()].join("")),
      recipient: this.recipient.subarray(0, n),
      sameReferenceAs: this.sameReferenceAs.subarray(0, n),
      references: ownBytes(this.references.join("\n")),
      requestHashes: ownBytes(this.requestHashes.join("")),
      templateIds: [...this.templateIds],
    };
  }
}
