import type pg from "pg";
import type { Localized } from "../../locales/config";
import type { TemplateLookup, TemplateRef } from "./input";
import type { FieldSpec, TemplateForRender } from "./render";

/** An agency's templates, loaded once per request or batch. */
export interface AgencyTemplates {
  lookup: TemplateLookup;
  forRender: Map<string, TemplateForRender>;
}

/** A template as stored, what an agency's templates are made from (plain data: it crosses to a worker thread). */
export interface TemplateRow {
  id: string;
  kind: string;
  version: number;
  fieldSchema: Record<string, FieldSpec>;
  messages: TemplateForRender["messages"];
  agencyName: Localized;
}

export async function loadAgencyTemplates(client: pg.Pool | pg.PoolClient, agencyId: string): Promise<AgencyTemplates> {
  return agencyTemplates(await queryTemplateRows(client, agencyId));
}

export async function queryTemplateRows(client: pg.Pool | pg.PoolClient, agencyId: string): Promise<TemplateRow[]> {
  const { rows } = await client.query<TemplateRow>(
    `SELECT t.id, t.kind, t.version, t."fieldSchema", t.messages, a.name AS "agencyName" FROM "Template" t JOIN "Agency" a ON a.id = t."agencyId" WHERE t."agencyId" = $1 ORDER BY t.version DESC`,
    [agencyId],
  );
  return rows;
}

/** Rows in `queryTemplateRows` order: latest version first. */
export function agencyTemplates(rows: TemplateRow[]): AgencyTemplates {
  const byKind = new Map<string, TemplateRef[]>();
  const forRender = new Map<string, TemplateForRender>();
  for (const r of rows) {
    byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), { id: r.id, kind: r.kind, version: r.version, fieldSchema: r.fieldSchema }]);
    forRender.set(r.id, { agencyName: r.agencyName, fieldSchema: r.fieldSchema, messages: r.messages });
  }
  return {
    lookup: (kind, version) => (version === undefined ? byKind.get(kind)?.[0] : byKind.get(kind)?.find((t) => t.version === version)),
    forRender,
  };
}
