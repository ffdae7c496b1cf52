// Issue 12: every page but /customers is a wasm chunk of its own, fetched on
// first use. A route whose chunk is on its way shows a loading state; a chunk
// that cannot be fetched shows an error with a retry, never a panic.
import { test as base, expect } from "@playwright/test";

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

  await page.getByRole("link", { name: "Settings" }).first().click();
  await expect(page.getByTestId("page-loading")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Loading" })).toBeAttached();
  release();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByTestId("page-loading")).toHaveCount(0);
  // Once fetched in the background, the other pages open without waiting.
  await page.getByRole("link", { name: "Orders" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
});

test("a chunk that cannot be fetched shows an error with a retry, and the retry loads the page", async ({ page }) => {
  // From the start: the background prefetch fails too, and is forgotten.
  await page.route(CHUNK, (route) => route.abort());
  await page.goto("customers");
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  await page.getByRole("link", { name: "Settings" }).first().click();
  await expect(page.getByTestId("error")).toContainText("This page could not be loaded");
  // A reload too, for a page left open across a deploy (its chunks are gone).
  await expect(page.getByRole("button", { name: "Reload" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toHaveCount(0);

  // The app still runs: the header still navigates.
  await page.getByRole("link", { name: "Customers" }).first().click();
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId("error")).toBeVisible();

  await page.unroute(CHUNK);
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByTestId("error")).toHaveCount(0);
});

test("a deep link to a split route renders it on the first load", async ({ page }) => {
  await page.goto("customers/contoso/subscriptions");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Contoso");
});
