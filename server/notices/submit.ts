import { DELIVER_NOW_SQL } from "../jobs/queue";
import type pg from "pg";
import type { AgencyCaller } from "../agencies/api-keys";
import { prepareNotice, type RowIssue } from "./input";
import { loadAgencyTemplates } from "./agency-templates";
import { DailyLimitReached, storeChunk } from "./ingest";

export type SubmitResult =
  | { outcome: "created" | "existing"; id: string; route?: "electronic" | "postal" }
  | { outcome: "conflict"; id: string }
  | { outcome: "invalid"; issues: RowIssue[] }
  | { outcome: "over_daily_limit" };

/**
 * POST /api/v1/notices: one notice through the same pipeline as a batch row. The same reference
 * with the same content answers with the first notice; with other content, a conflict.
 */
export async function submitNotice(pool: pg.Pool, caller: AgencyCaller, body: unknown, ciSecret: string, now: Date): Promise<SubmitResult> {
  const client = await pool.connect();
  try {
    const templates = await loadAgencyTemplates(client, caller.agencyId);
    const prepared = prepareNotice(body, templates.lookup, ciSecret);
    if (!prepared.ok) return { outcome: "invalid", issues: prepared.issues };
    const { rows } = await client.query<{ dailyNoticeLimit: number }>(`SELECT "dailyNoticeLimit" FROM "Agency" WHERE id = $1`, [caller.agencyId]);
    await client.query("BEGIN");
    try {
      const [result] = await storeChunk(client, [prepared.draft], templates, {
        agencyId: caller.agencyId,
        testMode: caller.kind === "test",
        batchId: null,
        now,
        dailyLimit: rows[0].dailyNoticeLimit,
      });
      if (result.kind === "accepted") await client.query(DELIVER_NOW_SQL);
      await client.query("COMMIT");
      if (result.kind === "accepted") return { outcome: "created", id: result.id, route: result.route };
      return result.sameContent ? { outcome: "existing", id: result.id } : { outcome: "conflict", id: result.id };
    } catch (error) {
      await client.query("ROLLBACK");
      if (error instanceof DailyLimitReached) return { outcome: "over_daily_limit" };
      throw error;
    }
  } finally {
    client.release();
  }
}
