import pg from "pg";
import { verifyChain } from "../server/audit/verify";
import { ConfigError, readEnv } from "../server/env";
import { runningDatabaseUrl } from "../server/runtime/running-database";

/** `npm run audit:verify`: checks the audit hash chain of the database `npm start` uses, while Moa runs. */
async function main(): Promise<number> {
  const env = readEnv();
  const url = runningDatabaseUrl(env);
  if (!url) {
    console.error(`Moa is not running on DATA_DIR ${env.DATA_DIR} and DATABASE_URL is not set: start Moa with \`npm start\`, or set DATABASE_URL.`);
    return 2;
  }
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 5000 });
  try {
    const report = await verifyChain(pool);
    if (report.whole) {
      console.log(`Audit chain whole: ${report.events} events`);
      return 0;
    }
    const { id, at, reason } = report.firstBroken;
    console.log(`Audit chain broken at event ${id} (${at.toISOString()}): ${reason}; ${report.checked} events checked`);
    return 1;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(error instanceof ConfigError ? error.message : `Audit chain not verified: ${error.message}`);
    process.exitCode = 2;
  },
);
