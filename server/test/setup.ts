import pg from "pg";

/**
 * Each test file's database is dropped WITH (FORCE) when the file ends: connections still idle in
 * a pool the test made are then terminated by the server (57P01). That is the end of the test, not
 * a failure; without a listener node-postgres would raise it as an unhandled error.
 */
const Original = pg.Pool;
class TestPool extends Original {
  constructor(config?: pg.PoolConfig) {
    super(config);
    this.on("error", (error: Error & { code?: string }) => {
      if (error.code !== "57P01") throw error;
    });
  }
}
pg.Pool = TestPool;
