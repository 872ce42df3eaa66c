import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = ".data-e2e";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // A fresh DATA_DIR each run: the real `npm start` path, embedded PostgreSQL and demo seed included.
    command: `rm -rf ${E2E_DATA_DIR} && npx tsx scripts/start.ts`,
    url: `http://localhost:${PORT}/api/health`,
    // Each test speaks from its own address (e2e/support.ts), as behind a real proxy.
    env: { PORT: String(PORT), DATA_DIR: E2E_DATA_DIR, LOG_LEVEL: "warn", TRUST_PROXY: "true" },
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    // SIGTERM lets `npm start` stop its embedded PostgreSQL; the default SIGKILL would orphan it.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "ignore",
    stderr: "pipe",
  },
});
