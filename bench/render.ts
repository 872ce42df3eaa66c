import { DEMO_AGENCIES } from "../prisma/seed/data";
import { DEMO_TEMPLATES } from "../prisma/seed/templates";
import { koreanOriginal, renderNotice, validateFields, type FieldValue, type TemplateForRender } from "../server/notices/render";
import { formatFigure } from "./harness";

type Row = [template: TemplateForRender, fields: Record<string, FieldValue>, csv: Record<string, string>];

/**
 * Korean originals per second, as ingest renders them: the seven demo templates in turn, compiled once,
 * each row with its own amounts (so formatted amounts are rarely reused) and the example's dates and texts.
 * Renders alone, then with the SHA-256 stored beside each one, and CSV rows validated.
 * No database: `npm run bench -- render`.
 */
export async function benchRender(): Promise<void> {
  const n = 200_000;
  const templates = DEMO_TEMPLATES.map((seed) => {
    const agency = DEMO_AGENCIES.find((a) => a.code === seed.agency);
    if (!agency) throw new Error(`no demo agency ${seed.agency}`);
    const template: TemplateForRender = { agencyName: agency.name, fieldSchema: seed.fields, messages: seed.messages };
    return { template, example: seed.example };
  });
  const rows = Array.from({ length: n }, (_, i): Row => {
    const { template, example } = templates[i % templates.length];
    const csv = Object.fromEntries(
      Object.entries(example).map(([k, v]) => [k, template.fieldSchema[k].type === "krw" ? (Number(v) + i * 10).toLocaleString("en-US") : String(v)]),
    );
    const valid = validateFields(template.fieldSchema, csv);
    if (!valid.ok) throw new Error(JSON.stringify(valid.issues));
    return [template, valid.fields, csv];
  });
  const run = (fn: (...row: Row) => unknown) => {
    const start = process.hrtime.bigint();
    for (const row of rows) fn(...row);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const renderMs = run((t, f) => renderNotice(t, f, "ko"));
  const originalMs = run((t, f) => koreanOriginal(t, f));
  const validateMs = run((t, _f, csv) => validateFields(t.fieldSchema, csv));
  console.log(formatFigure("rows", n, "notices, 7 templates"));
  console.log(formatFigure("Korean renders", (n / renderMs) * 1000, "renders/s"));
  console.log(formatFigure("Korean originals with SHA-256", (n / originalMs) * 1000, "notices/s"));
  console.log(formatFigure("CSV field validations", (n / validateMs) * 1000, "rows/s"));
}
