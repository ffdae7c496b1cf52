// Settings: export, import (validated first), reset, simulated date, a full
// storage quota, and two tabs following each other.
import { readFile } from "node:fs/promises";
import { test, expect, openWith, demoWorkspace, STORAGE_KEY, storedText } from "./fixtures.js";
import { msg, dateText } from "./helpers.js";

const stored = storedText;

test("export downloads exactly the stored document", async ({ page }) => {
  await page.goto("settings");
  await page.getByTestId("role-select").selectOption("sales_agent");
  // Written just after the next paint (Settings then shows the stored revision);
  // an export before that would carry the revision before the write.
  await expect(page.getByText(msg("revision_label", { revision: 1 }))).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByTestId("export-workspace").click();
  const file = await download;
  expect(await readFile(await file.path(), "utf8")).toBe(await stored(page));
});

test("export right after a change, before its write, writes it first and downloads exactly what storage then holds", async ({ page }) => {
  // A slow machine: frames come 300 ms late, so the change's write (after the
  // next frame) is still waiting when Export is clicked.
  await page.addInitScript(() => {
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => setTimeout(() => raf(callback), 300);
  });
  await page.goto("settings");
  await expect(page.getByTestId("export-workspace")).toBeVisible();
  await page.getByTestId("role-select").selectOption("sales_agent");
  const download = page.waitForEvent("download");
  await page.getByTestId("export-workspace").click();
  const text = await readFile(await (await download).path(), "utf8");
  expect(JSON.parse(text).partner.user.role).toBe("sales_agent");
  expect(text).toBe(await stored(page));
});

test("a bad import names the path and reason and changes nothing; a good one replaces the workspace", async ({ page }) => {
  await page.goto("settings");
  await page.getByTestId("role-select").selectOption("sales_agent");
  const before = await stored(page);
  const demo = await demoWorkspace(page);
  demo.customers[1].subscriptions[0].quantity = "many";
  await page.getByTestId("import-file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(demo)) });
  await expect(page.getByTestId("error")).toContainText("customers[1].subscriptions[0].quantity");
  await expect(page.getByTestId("error")).toContainText(msg("import_not_imported"));
  await expect(page.getByTestId("problem")).toHaveText(`customers[1].subscriptions[0].quantity ${msg("problem_wrong_value", { expected: msg("expected_whole_number"), found: '"many"' })}`);
  expect(await stored(page)).toBe(before);

  const good = await demoWorkspace(page);
  good.partner.name = "Imported Partners";
  await page.getByTestId("import-file").setInputFiles({ name: "good.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(good)) });
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByText(msg("import_done", { name: "good.json" }))).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Imported Partners");
  await page.reload();
  await expect(page.getByRole("banner")).toContainText("Imported Partners");
});

test("reset brings back the demo, and the simulated date drives the page", async ({ page }) => {
  const demo = await demoWorkspace(page);
  demo.customers = demo.customers.slice(0, 1);
  demo.orders = [];
  demo.audit = [];
  await openWith(page, "settings", demo);
  await page.getByTestId("reset-demo").click();
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByText(msg("reset_done"))).toBeVisible();
  await page.goto("customers");
  await expect(page.getByTestId("customer-row")).toHaveCount((await demoWorkspace(page)).customers.length);

  await page.goto("settings");
  await page.locator('input[type="date"]').fill("2026-11-26");
  // The date moves once the partner settles on it (Enter, or leaving the field).
  await page.locator('input[type="date"]').press("Enter");
  await expect(page.getByTestId("effective-date")).toContainText(msg("settings_today_effective", { date: dateText("2026-11-26") }));
  // Five days later, Contoso's Business Basic has 5 unused days left.
  await page.goto("customers/contoso/subscriptions/sub-contoso-1/upgrade");
  await page.locator('[data-offer-id="o365-e3"]').getByTestId("add-to-cart").click();
  await expect(page.locator('tr[data-kind="credit"]')).toHaveAttribute("data-minor-units", String(-2500));
});

test("a full storage quota is a clear error and the last good state stays", async ({ page }) => {
  await page.goto("settings");
  await page.getByTestId("role-select").selectOption("sales_agent");
  const good = await stored(page);
  // Fill the origin's quota with another key, leaving too little for a bigger document.
  await page.evaluate(([key]) => {
    const used = localStorage.getItem(key).length;
    let size = 5 * 1024 * 1024 - used - 50;
    for (;;) {
      try { localStorage.setItem("filler", "x".repeat(size)); break; } catch { size -= 1024; }
    }
  }, [STORAGE_KEY]);
  await page.getByTestId("role-select").selectOption("global_admin");
  await expect(page.getByTestId("error")).toContainText(msg("error_storage_full"));
  await expect(page.getByTestId("role-select")).toHaveValue("sales_agent");
  expect(await stored(page)).toBe(good);
  await page.evaluate(() => localStorage.removeItem("filler"));
  await page.reload();
  await expect(page.getByRole("banner")).toContainText(`(${msg("role_sales_agent")})`);
});

test("a change in one tab shows in the other", async ({ page, context, watch }) => {
  await page.goto("customers");
  const other = watch(await context.newPage());
  await other.goto("settings");
  await other.getByTestId("role-select").selectOption("helpdesk_agent");
  await expect(page.getByRole("banner")).toContainText(`(${msg("role_helpdesk_agent")})`);
  await other.close();
});

test("the revision shown is the one storage holds after each change", async ({ page }) => {
  await page.goto("settings");
  await expect(page.getByText(msg("revision_label", { revision: 0 }))).toBeVisible();
  await page.getByTestId("role-select").selectOption("sales_agent");
  await expect(page.getByText(msg("revision_label", { revision: 1 }))).toBeVisible();
  await page.getByTestId("role-select").selectOption("helpdesk_agent");
  await expect(page.getByText(msg("revision_label", { revision: 2 }))).toBeVisible();
  expect(JSON.parse(await storedText(page)).revision).toBe(2);
});
