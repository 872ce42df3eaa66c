import { migrate } from "../server/db/migrate";
import { readEnv } from "../server/env";
import { runningDatabaseUrl } from "../server/runtime/running-database";

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the PostgreSQL `npm start` runs. */
async function main(): Promise<number> {
  const env = readEnv();
  const url = runningDatabaseUrl(env);
  if (!url) {
    console.error(`Moa is not running on DATA_DIR ${env.DATA_DIR} and DATABASE_URL is not set: set DATABASE_URL, or run \`npm start\` (it migrates by itself).`);
    return 2;
  }
  const { applied } = await migrate(url);
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "No migrations to apply.");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`Migration failed: ${error.message}`);
    process.exit(1);
  },
);
