import type pg from "pg";
import type { Locale, Localized } from "../../locales/config";

/**
 * Agencies (code, name) and templates (name) by id, for the inbox: a few dozen rows that the app
 * never edits (seeded or added by a migration), read on every inbox page. Kept per pool; read again
 * when an id is not in it (a new agency or template) or after five minutes.
 */
export interface Catalogue {
  agency(id: string): { code: string; name: Localized } | undefined;
  agencyIdOf(code: string): string | undefined;
  templateName(id: string): Localized | undefined;
}

const MAX_AGE_MS = 5 * 60_000;
const cached = new WeakMap<pg.Pool, { at: number; catalogue: Promise<Catalogue> }>();

async function load(pool: pg.Pool): Promise<Catalogue> {
  const [agencies, templates] = await Promise.all([
    pool.query<{ id: string; code: string; name: Localized }>(`SELECT id, code, name FROM "Agency"`),
    pool.query<{ id: string; name: Localized }>(`SELECT id, name FROM "Template"`),
  ]);
  const byId = new Map(agencies.rows.map((a) => [a.id, { code: a.code, name: a.name }]));
  const byCode = new Map(agencies.rows.map((a) => [a.code, a.id]));
  const names = new Map(templates.rows.map((t) => [t.id, t.name]));
  return { agency: (id) => byId.get(id), agencyIdOf: (code) => byCode.get(code), templateName: (id) => names.get(id) };
}

/** The catalogue, read again first if it is older than five minutes or lacks one of `ids`. */
export async function catalogue(pool: pg.Pool, ids: { agencies?: string[]; templates?: string[] } = {}): Promise<Catalogue> {
  const entry = cached.get(pool);
  if (entry && Date.now() - entry.at < MAX_AGE_MS) {
    const current = await entry.catalogue;
    const complete = (ids.agencies ?? []).every((id) => current.agency(id)) && (ids.templates ?? []).every((id) => current.templateName(id));
    if (complete) return current;
  }
  const fresh = { at: Date.now(), catalogue: load(pool) };
  cached.set(pool, fresh);
  fresh.catalogue.catch(() => cached.get(pool) === fresh && cached.delete(pool));
  return fresh.catalogue;
}

export const localized = (name: Localized | undefined, locale: Locale): string => name?.[locale] ?? "";
