import { hash } from "node:crypto";
import { z } from "zod";
import { checkRrn, containsRrn, maskRrns, rrnToCi } from "../identity/rrn";
import type { FieldSpec, FieldValue } from "./render";
import { storableText } from "../db/storable-text";
import { validateFields } from "./render";

/**
 * One notice as an agency sends it: JSON to POST /api/v1/notices, or one row of a batch (CSV
 * columns and JSON Lines keys are the same paths, dotted: `recipient.rrn`, `fields.taxAmount`).
 */
export const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const reference = z.string().regex(REFERENCE);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const noticeInputSchema = z
  .object({
    reference: reference.meta({ description: "Your own id for this notice: the idempotency key, unique per agency.", example: "2026-GI-000123" }),
    template: z.string().min(1).max(80).meta({ description: "Template kind, e.g. `national-income-tax`.", example: "national-income-tax" }),
    templateVersion: z.int().min(1).optional().meta({ description: "Defaults to the latest version." }),
    recipient: z
      .object({
        rrn: z.string().max(20).optional().meta({ description: "Resident or alien registration number. Converted to CI at once; never stored." }),
        ci: z.string().regex(/^[A-Za-z0-9+/]{86}==$/).optional().meta({ description: "Connecting Information, when you already hold it instead of the RRN." }),
        name: z.string().trim().min(1).max(100),
        phone: z.string().regex(/^01[016789]-?\d{3,4}-?\d{4}$/).optional(),
        postalAddress: z.string().trim().min(1).max(300).optional().meta({ description: "For the printed letter if the notice is not read electronically." }),
      })
      .refine((r) => (r.rrn === undefined) !== (r.ci === undefined), { message: "exactly one of rrn and ci", path: ["rrn"] }),
    fields: z.record(z.string(), z.union([z.string(), z.number()])).meta({ description: "The template's fields; see GET /api/v1/templates." }),
    certified: z.boolean().default(false).meta({ description: "Certified electronic mail: opened only after step-up; the read receipt is legal proof." }),
    payment: z
      .object({
        number: z.string().regex(/^[0-9-]{8,30}$/).meta({ description: "Electronic payment number." }),
        amount: z.int().min(1).max(10 ** 13).meta({ description: "Amount due in KRW." }),
        dueDate: isoDate,
      })
      .optional(),
  })
  .meta({ id: "NoticeInput" });

export type NoticeInput = z.input<typeof noticeInputSchema>;

/** A notice ready to store: the RRN is already gone. */
export interface NoticeDraft {
  reference: string;
  templateId: string;
  recipientCi: string;
  recipientName: string;
  recipientPhone: string | null;
  postalAddress: string | null;
  fields: Record<string, FieldValue>;
  certified: boolean;
  paymentNumber: string | null;
  amountDue: number | null;
  dueDate: string | null;
  requestHash: string;
}

export interface RowIssue {
  column: string;
  reason: string;
}

export interface TemplateRef {
  id: string;
  kind: string;
  version: number;
  fieldSchema: Record<string, FieldSpec>;
}

/** The agency's templates by kind, latest version first. */
export type TemplateLookup = (kind: string, version?: number) => TemplateRef | undefined;

const ZOD_REASON: Record<string, string> = { invalid_type: "missing", too_small: "missing", invalid_format: "invalid_format", too_big: "too_long" };

function issuesOf(error: z.ZodError): RowIssue[] {
  return error.issues.map((i) => {
    const column = i.path.join(".") || "row";
    if (column === "recipient.rrn" && i.code === "custom") return { column, reason: "rrn_or_ci_required" };
    if (i.code === "invalid_type" && i.input !== undefined) return { column, reason: i.expected === "number" || i.expected === "int" ? "not_a_number" : "invalid_type" };
    return { column, reason: ZOD_REASON[i.code] ?? i.code };
  });
}

/** Adds an issue unless its column already has one. */
function addIssue(issues: RowIssue[], issue: RowIssue): void {
  if (!issues.some((i) => i.column === issue.column)) issues.push(issue);
}

const RRN_REASON = { format: "invalid_rrn", "birth-date": "invalid_rrn_birth_date", "gender-digit": "invalid_rrn_gender_digit" } as const;

/**
 * Validates one notice and turns its RRN into CI. Every problem is reported with its column and a
 * reason code, never the value (it may be an RRN).
 */
export function prepareNotice(raw: unknown, templates: TemplateLookup, ciSecret: string): { ok: true; draft: NoticeDraft } | { ok: false; issues: RowIssue[] } {
  const parsed = noticeInputSchema.safeParse(raw);
  // Checks beyond the schema run on whatever the row has, so one answer names every problem.
  const input = (parsed.success ? parsed.data : raw) as Partial<z.output<typeof noticeInputSchema>> | null;
  const issues: RowIssue[] = parsed.success ? [] : issuesOf(parsed.error);
  const add = addIssue.bind(null, issues);
  const recipient = typeof input?.recipient === "object" && input.recipient ? input.recipient : undefined;
  let ci = typeof recipient?.ci === "string" && recipient.ci.length === 88 ? recipient.ci : null;
  if (typeof recipient?.rrn === "string") {
    const check = checkRrn(recipient.rrn);
    if (check.ok) ci = rrnToCi(recipient.rrn, ciSecret);
    else add({ column: "recipient.rrn", reason: RRN_REASON[check.problem!] });
  }
  const template = typeof input?.template === "string" ? templates(input.template, typeof input.templateVersion === "number" ? input.templateVersion : undefined) : undefined;
  let fields: Record<string, FieldValue> = {};
  if (typeof input?.template === "string" && !template) add({ column: "template", reason: "unknown_template" });
  else if (template && typeof input?.fields === "object" && input.fields) {
    const checked = validateFields(template.fieldSchema, input.fields);
    if (checked.ok) fields = checked.fields;
    else for (const i of checked.issues) add({ column: `fields.${i.field}`, reason: i.code });
  }
  if (typeof recipient?.name === "string" && /^[=+\-@\t\r]/.test(recipient.name.trim())) add({ column: "recipient.name", reason: "formula" });
  if (typeof recipient?.name === "string" && !storableText(recipient.name)) add({ column: "recipient.name", reason: "invalid_character" });
  if (typeof recipient?.postalAddress === "string" && !storableText(recipient.postalAddress)) add({ column: "recipient.postalAddress", reason: "invalid_character" });
  // Moa never keeps an RRN: one where none belongs (shifted columns, a reference made of it) refuses the
  // row. A reference only when it is one: references may well hold a 13-digit number (a timestamp).
  if (typeof input?.reference === "string" && input.reference.length >= 13 && checkRrn(input.reference).ok) add({ column: "reference", reason: "contains_rrn" });
  if (typeof recipient?.name === "string" && containsRrn(recipient.name)) add({ column: "recipient.name", reason: "contains_rrn" });
  if (typeof recipient?.postalAddress === "string" && containsRrn(recipient.postalAddress)) add({ column: "recipient.postalAddress", reason: "contains_rrn" });
  const dueDate = typeof input?.payment === "object" ? input.payment?.dueDate : undefined;
  if (typeof dueDate === "string" && !isRealDate(dueDate)) add({ column: "payment.dueDate", reason: "not_a_date" });
  // A column is the agency's own key or header: one named with an RRN is reported (and kept) masked.
  if (!parsed.success || issues.length > 0 || !template || !ci) return { ok: false, issues: issues.map((i) => ({ ...i, column: maskRrns(i.column) })) };
  const valid = parsed.data;

  const draft: NoticeDraft = {
    reference: valid.reference,
    templateId: template.id,
    recipientCi: ci,
    recipientName: valid.recipient.name,
    recipientPhone: valid.recipient.phone?.replace(/-/g, "") ?? null,
    postalAddress: valid.recipient.postalAddress ?? null,
    fields,
    certified: valid.certified,
    paymentNumber: valid.payment?.number ?? null,
    amountDue: valid.payment?.amount ?? null,
    dueDate: valid.payment?.dueDate ?? null,
    requestHash: "",
  };
  // Field order is the template's (validateFields builds it so), so plain JSON is canonical here.
  const canonical = JSON.stringify([draft.reference, draft.templateId, draft.recipientCi, draft.recipientName, draft.recipientPhone, draft.postalAddress, draft.fields, draft.certified, draft.paymentNumber, draft.amountDue, draft.dueDate]);
  draft.requestHash = hash("sha256", canonical, "hex");
  return { ok: true, draft };
}

/** On the calendar, from 1900 on as date fields are (year 0000 is no date PostgreSQL takes as such). */
function isRealDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && d.getUTCFullYear() >= 1900;
}

/** Dotted column names split once: a batch has a handful of columns and up to a million rows. */
const keyPaths = new Map<string, string[]>();
function keyPath(key: string): string[] {
  let path = keyPaths.get(key);
  if (!path) {
    if (keyPaths.size > 1000) keyPaths.clear();
    keyPaths.set(key, (path = key.split(".")));
  }
  return path;
}

/** A batch row's dotted keys as the nested object the schema expects; CSV strings typed where the schema wants them. */
export function nestRow(record: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in record) {
    const value = record[key];
    if (value === "") continue;
    const path = keyPath(key);
    let node = out;
    for (let i = 0; i < path.length - 1; i++) node = (node[path[i]] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]] = value;
  }
  if (typeof out.certified === "string") out.certified = out.certified === "true" || out.certified === "1" || out.certified === "Y";
  if (typeof out.templateVersion === "string") out.templateVersion = Number(out.templateVersion);
  const payment = out.payment as Record<string, unknown> | undefined;
  if (payment && typeof payment.amount === "string") payment.amount = /^\d+$/.test(payment.amount.replace(/,/g, "")) ? Number(payment.amount.replace(/,/g, "")) : payment.amount;
  out.fields ??= {};
  return out;
}
