// Offline and installable (SPEC 12): after a first visit the app starts and
// works with no network, deep links included, under the sub-path; a new
// deploy is offered through `update-ready` and taken only when clicked.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect } from "./fixtures.js";
import { msg } from "./helpers.js";

test.use({ serviceWorkers: "allow" });

/** Waits until this build's service worker controls the page. */
async function controlled(page) {
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
}

test("a repeat visit with no network starts and works, deep links under the sub-path included", async ({ page, context }) => {
  await page.goto("customers");
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  // A deep link, typed offline: the app routes it; its page's chunk comes from the cache.
  await page.goto("customers/contoso/subscriptions/sub-contoso-1?tab=licenses");
  await expect(page.getByTestId("license-count")).toBeVisible();
  await page.goto("opportunities");
  await expect(page.getByTestId("opportunity-row").first()).toBeVisible();
  // Work done offline is kept.
  await page.goto("customers/contoso/subscriptions/sub-contoso-1?tab=licenses");
  await page.getByTestId("license-count").fill("26");
  await page.getByTestId("license-save").click();
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByTestId("free-licenses")).toContainText("20");
  await context.setOffline(false);
});

test("a new deploy is offered with update-ready and taken only when the partner clicks it", async ({ page }) => {
  // A host of our own, so this test can deploy again without touching dist/.
  const root = mkdtempSync(join(tmpdir(), "uc-deploy-"));
  cpSync("dist", root, { recursive: true });
  for (const suffix of [".br", ".gz"]) rmSync(join(root, `sw.js${suffix}`), { force: true });
  const port = 4300 + Math.floor(Math.random() * 500);
  const server = spawn("node", ["scripts/static-server.mjs", root, String(port), "/upgrade-center/"], { stdio: "ignore" });
  try {
    const base = `http://127.0.0.1:${port}/upgrade-center/`;
    await expect.poll(() => fetch(base).then((r) => r.ok, () => false)).toBe(true);
    await page.goto(`${base}customers`);
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    await controlled(page);
    await expect(page.getByTestId("update-ready")).toHaveCount(0);

    // The next deploy: a service worker of another build.
    const sw = join(root, "sw.js");
    const next = readFileSync(sw, "utf8").replace(/upgrade-center-([0-9a-f]+)/, "upgrade-center-$1-next");
    writeFileSync(sw, next);
    await page.reload();
    const ready = page.getByTestId("update-ready");
    await expect(ready).toHaveText(msg("update_ready"));
    // Nothing reloads by itself: the page is the one the partner was on.
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    // Listen before the click: Playwright's click waits for the navigation it
    // starts, so on a fast host the reload's load has fired when it returns.
    await Promise.all([page.waitForEvent("load"), ready.click()]);
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    await expect(page.getByTestId("update-ready")).toHaveCount(0);
    expect(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("upgrade-center-")))).toEqual([
      expect.stringMatching(/-next$/),
    ]);
  } finally {
    server.kill();
    rmSync(root, { recursive: true, force: true });
  }
});
