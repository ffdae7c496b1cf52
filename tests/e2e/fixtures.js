// Shared E2E fixtures: every test fails on a browser console error or an
// uncaught exception (a Rust panic shows up as both), in its `page` and in
// every other page it opens through `watch`.
import { test as base, expect } from "@playwright/test";

export const STORAGE_KEY = "upgrade-center.workspace";

/** Collects the console errors and uncaught exceptions of `page` from now on. */
function listen(page) {
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

export const test = base.extend({
  // `watch(page)` holds any page to the same rule as the `page` fixture and
  // returns it: every second tab opens as `watch(await context.newPage())`.
  // The test fails at its end if a watched page logged an error, closed or not.
  watch: async ({}, use) => {
    const watched = [];
    await use((page) => {
      watched.push({ url: () => page.url(), problems: listen(page) });
      return page;
    });
    watched.forEach(({ url, problems }, i) => {
      const which = i === 0 ? "the page" : `page ${i + 1} (${url()})`;
      expect(problems, `the browser console of ${which} must stay free of errors`).toEqual([]);
    });
  },
  page: async ({ page, watch }, use) => {
    await use(watch(page));
  },
});

export { expect };

/**
 * Resolves once the app has written the changes already made: it writes just
 * after the frame that shows a change (the frame, then the task after it).
 */
export function written(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** The stored document as text, once the app has written what it shows. */
export async function storedText(page) {
  await written(page);
  return page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
}

/** The stored document, once the app has written what it shows. */
export async function stored(page) {
  return JSON.parse(await storedText(page));
}

/** Opens `path` with `document` (an object or raw text) already stored. */
export async function openWith(page, path, document) {
  const text = typeof document === "string" ? document : JSON.stringify(document);
  await page.addInitScript(
    ([key, value]) => {
      // Only on the first load of this test, so reloads see what the app saved.
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem(key, value);
        sessionStorage.setItem("seeded", "1");
      }
    },
    [STORAGE_KEY, text],
  );
  await page.goto(path);
}

/**
 * The worldwide demo document, read from the repository
 * (src/store/demo/worldwide.json, the file the app fetches on a first visit),
 * not from the page: `page` is not used.
 */
export async function demoWorkspace(page) {
  const { readFile } = await import("node:fs/promises");
  return JSON.parse(await readFile(new URL("../../src/store/demo/worldwide.json", import.meta.url), "utf8"));
}
