/** Queues a delivery round now (after notices arrive, in the same transaction); a round already queued is reused. */
export const DELIVER_NOW_SQL = `SELECT graphile_worker.add_job('deliver-due', '{}'::json, job_key => 'deliver-due', job_key_mode => 'preserve_run_at')`;
