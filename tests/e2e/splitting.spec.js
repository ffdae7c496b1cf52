// Page chunks (docs/architecture.md#page-chunks): every page but /customers is a wasm chunk of its own, fetched on
// first use. A route whose chunk is on its way shows a loading state; a chunk
// that cannot be fetched shows an error with a retry, never a panic.
import { test as base, expect } from "@playwright/test";
import { msg, msgPattern, dateText } from "./helpers.js";
import { demoWorkspace } from "./fixtures.js";

// How many customers the worldwide demo holds (src/store/demo/worldwide.json).
const DEMO_CUSTOMERS = (await demoWorkspace()).customers.length;

// The chunks the split loader fetches (scripts/split-wasm.mjs names them).
const CHUNK = /\/(split|chunk)_[^/]*-[0-9a-f]{16}\.wasm$/;

// Like fixtures.js, but the failed fetches these tests provoke are expected
// on the console; anything else (a panic above all) still fails the test.
const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on("console", (message) => {
      const text = message.text();
      const expected = /Failed to load resource|Failed to fetch|TypeError: (Failed to fetch|NetworkError)/.test(text);
      if (message.type() === "error" && !expected) problems.push(`console: ${text}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    await use(page);
    expect(problems, "no panic, no unexpected console error").toEqual([]);
  },
});

test("/customers fetches no chunk before its first row; a route not yet loaded shows a loading state, then its page", async ({ page }) => {
  // In the page: when the first customer row appeared, and when each chunk was asked for.
  await page.addInitScript(() => {
    window.__chunks = [];
    const fetch = window.fetch;
    window.fetch = (input, init) => {
      window.__chunks.push([String(input instanceof Request ? input.url : input), performance.now()]);
      return fetch(input, init);
    };
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="customer-row"]')) {
        window.__firstRow = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  // Every chunk waits at this gate: the background prefetch and the click alike.
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route(CHUNK, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto("customers");
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  const { chunks, firstRow } = await page.evaluate(() => ({ chunks: window.__chunks.filter(([url]) => /\.wasm$/.test(url) && /(split|chunk)_/.test(url)), firstRow: window.__firstRow }));
  expect(chunks.filter(([, at]) => at < firstRow), "no chunk before the first row").toEqual([]);

  await page.getByRole("link", { name: msg("nav_settings") }).first().click();
  await expect(page.getByTestId("page-loading")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: msg("loading") })).toBeAttached();
  release();
  await expect(page.getByRole("heading", { level: 1, name: msg("settings_title") })).toBeVisible();
  await expect(page.getByTestId("page-loading")).toHaveCount(0);
  // Once fetched in the background, the other pages open without waiting.
  await page.getByRole("link", { name: msg("nav_orders") }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: msg("orders_title") })).toBeVisible();
});

test("a chunk that cannot be fetched shows an error with a retry, and the retry loads the page", async ({ page }) => {
  // From the start: the background prefetch fails too, and is forgotten.
  await page.route(CHUNK, (route) => route.abort());
  await page.goto("customers");
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  await page.getByRole("link", { name: msg("nav_settings") }).first().click();
  await expect(page.getByTestId("error")).toContainText(msg("error_page_unreachable"));
  // A reload too, for a page left open across a deploy (its chunks are gone).
  await expect(page.getByRole("button", { name: msg("reload") })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: msg("settings_title") })).toHaveCount(0);

  // The app still runs: the header still navigates.
  await page.getByRole("link", { name: msg("nav_customers") }).first().click();
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId("error")).toBeVisible();

  await page.unroute(CHUNK);
  await page.getByRole("button", { name: msg("retry") }).click();
  await expect(page.getByRole("heading", { level: 1, name: msg("settings_title") })).toBeVisible();
  await expect(page.getByTestId("error")).toHaveCount(0);
});

test("a deep link to a split route renders it on the first load", async ({ page }) => {
  await page.goto("customers/contoso/subscriptions");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Contoso");
});

// What else is fetched only when needed (docs/architecture.md#page-chunks): the demo
// documents, the reader of other languages' files, the order clock's rules.
const DEMO = "**/demo/worldwide.json*";
const CLOCK = /\/split_order_clock-[0-9a-f]{16}\.wasm$/;
const READER = /\/split_language_reader-[0-9a-f]{16}\.wasm$/;
const STORAGE_KEY = "upgrade-center.workspace";

/** Every address the page asks for, from now on. */
function requests(page) {
  const urls = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

test("a first visit fetches the demo; a returning partner's start never does", async ({ page }) => {
  const urls = requests(page);
  await page.goto("customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(DEMO_CUSTOMERS);
  expect(urls.filter((u) => /\/demo\/worldwide\.json\?v=[0-9a-f]{16}&?$/.test(u))).toHaveLength(1);
  // Nothing is written until a change: the first one writes the demo.
  expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBeNull();
  await page.goto("settings");
  await page.locator('input[type="date"]').fill("2026-11-26");
  await page.locator('input[type="date"]').press("Enter");
  await expect(page.getByTestId("effective-date")).toContainText(msg("settings_today_effective", { date: dateText("2026-11-26") }));
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).not.toBeNull();

  urls.length = 0;
  await page.route(DEMO, (route) => route.abort());
  await page.goto("customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(DEMO_CUSTOMERS);
  expect(urls.filter((u) => u.includes("/demo/")), "a stored workspace needs no demo").toEqual([]);
});

test("a first visit whose demo cannot be fetched says so, with Reload, and writes nothing", async ({ page }) => {
  await page.route(DEMO, (route) => route.abort());
  await page.goto("customers");
  await expect(page.getByRole("heading", { level: 1, name: msg("error_start_title") })).toBeVisible();
  await expect(page.getByTestId("error")).toContainText(msgPattern("error_demo_unreachable"));
  await expect(page.getByRole("button", { name: msg("reload") })).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBeNull();
  // Back online, Reload starts on the demo.
  await page.unroute(DEMO);
  await page.getByRole("button", { name: msg("reload") }).click();
  await expect(page.getByTestId("customer-row")).toHaveCount(DEMO_CUSTOMERS);
});

/**
 * Stores the demo without its order waiting for a credit check and without
 * the customers whose subscriptions renew by Nov 26 (the date these tests move
 * to; Lamna's month ends Nov 22): no order and no renewal has work, so the
 * clock changes nothing.
 */
async function storeQuietDemo(page) {
  const { readFile } = await import("node:fs/promises");
  const demo = JSON.parse(await readFile(new URL("../../src/store/demo/worldwide.json", import.meta.url), "utf8"));
  demo.orders = [];
  demo.customers = demo.customers.filter((c) => c.subscriptions.every((s) => s.periodEnd > "2026-11-26"));
  await page.addInitScript(([key, text]) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem(key, text);
      sessionStorage.setItem("seeded", "1");
    }
  }, [STORAGE_KEY, JSON.stringify(demo)]);
}

test("Reset while the demo cannot be fetched keeps the workspace and says why", async ({ page }) => {
  await storeQuietDemo(page);
  await page.goto("settings");
  await page.locator('input[type="date"]').fill("2026-11-26");
  await page.locator('input[type="date"]').press("Enter");
  await expect.poll(() => page.evaluate((key) => JSON.parse(localStorage.getItem(key)).today, STORAGE_KEY)).toBe("2026-11-26");
  const before = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  await page.route(DEMO, (route) => route.abort());
  await page.getByTestId("reset-demo").click();
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByTestId("error")).toContainText(msgPattern("error_demo_unreachable"));
  await expect(page.getByTestId("effective-date")).toContainText(msg("settings_today_effective", { date: dateText("2026-11-26") }));
  expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY) === before, "storage unchanged").toBe(true);
  await page.unroute(DEMO);
  await page.getByTestId("reset-demo").click();
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByText(msg("reset_done"))).toBeVisible();
});

test("the order clock's chunk is fetched when an order has work; one that fails is fetched again", async ({ page }) => {
  await storeQuietDemo(page);
  const urls = requests(page);
  let failures = 0;
  await page.route(CLOCK, (route) => (failures++ < 2 ? route.abort() : route.continue()));
  await page.goto("customers/contoso/subscriptions/sub-contoso-1/upgrade");
  await page.locator('[data-offer-id="o365-e3"]').getByTestId("add-to-cart").click();
  await expect(page.getByRole("heading", { level: 1, name: msg("cart_title") })).toBeVisible();
  expect(urls.filter((u) => CLOCK.test(u)), "no order has work yet").toEqual([]);
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("payment-card").check();
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 15_000 });
  expect(failures, "two failed fetches, then one that worked").toBe(3);
});

test("the language reader's chunk: a remembered language starts in English when it cannot be fetched, and loads once it can", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("upgrade-center.locale", "it-IT"));
  await page.route(READER, (route) => route.abort());
  await page.goto("customers");
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en-US");
  await expect(page.getByRole("heading", { level: 1, name: msg("customers_title") })).toBeVisible();
  await page.unroute(READER);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "it-IT");
  await expect(page.getByRole("heading", { level: 1, name: msg("customers_title", {}, "it-IT") })).toBeVisible();
});

test("the recovery screen is a chunk: a document that cannot be read waits for it, and if it cannot come, nothing is touched", async ({ page }) => {
  const RECOVERY = /\/split_recovery-[0-9a-f]{16}\.wasm$/;
  await page.addInitScript((key) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem(key, "{ not json");
      sessionStorage.setItem("seeded", "1");
    }
  }, STORAGE_KEY);
  await page.route(RECOVERY, (route) => route.abort());
  await page.goto("customers");
  await expect(page.getByRole("heading", { level: 1, name: msg("error_start_title") })).toBeVisible();
  await expect(page.getByTestId("error")).toContainText(msg("error_page_unreachable"));
  expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBe("{ not json");
  await page.unroute(RECOVERY);
  await page.getByRole("button", { name: msg("reload") }).click();
  await expect(page.getByTestId("recovery-start-fresh")).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBe("{ not json");
});
