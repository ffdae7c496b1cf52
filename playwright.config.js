// Playwright runs the E2E tests against the release build in dist/, served
// under a sub-path the way a static host would, in Debian's Chromium.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 4173);
export const BASE_PATH = "/upgrade-center/";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "tests/e2e/results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // A `test.only` left in a file would silently skip every other test: never allowed.
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}${BASE_PATH}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
      ],
    },
    locale: "en-US",
    timezoneId: "UTC",
    // The service worker serves pages from its cache, past page.route(): the
    // tests that block or count requests see the network only without it.
    // tests/e2e/offline.spec.js allows it.
    serviceWorkers: "block",
  },
  webServer: {
    command: `node scripts/static-server.mjs dist ${port} ${BASE_PATH}`,
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
