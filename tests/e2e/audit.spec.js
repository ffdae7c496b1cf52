// The full audit log on /orders: a customer column, filters by customer,
// action and date range, and a CSV export of exactly the rows shown.
import { test, expect, openWith, demoWorkspace } from "./fixtures.js";
import { readFile } from "node:fs/promises";
import { msg } from "./helpers.js";

const entry = (at, customerId, action, newValue) => ({
  at, actor: "Ana \"Ops\", Lead", action, customerId, subscriptionId: null, oldValue: null, newValue, outcome: "saved",
});

test("the audit log is filtered by customer, action and date, and exported as shown", async ({ page }) => {
  const demo = await demoWorkspace(page);
  demo.audit = [
    entry("2026-11-02T09:00:00.000Z", "contoso", "cart_line_added", "o365-e3 × 25 (monthly)"),
    entry("2026-11-10T09:00:00.000Z", "fabrikam", "cart_line_added", "o365-e3 × 10 (annual)"),
    entry("2026-11-18T09:00:00.000Z", "contoso", "order_placed", "line, with \"quotes\"\nand a break"),
  ];
  await openWith(page, "orders", demo);
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(3);
  // Newest first, with the customer's name.
  await expect(rows.first()).toHaveAttribute("data-action", "order_placed");
  await expect(rows.first()).toContainText("Contoso Ltd");

  await page.getByLabel(msg("audit_filter_customer")).selectOption("contoso");
  await expect(rows).toHaveCount(2);
  await page.getByLabel(msg("audit_filter_action")).selectOption("cart_line_added");
  await expect(rows).toHaveCount(1);
  await page.getByLabel(msg("audit_filter_action")).selectOption("");
  await page.getByLabel(msg("audit_filter_from")).fill("2026-11-15");
  await page.getByLabel(msg("audit_filter_from")).dispatchEvent("change");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-action", "order_placed");

  const download = page.waitForEvent("download");
  await page.getByTestId("audit-export").click();
  const csv = await readFile(await (await download).path(), "utf8");
  // Each id with its name beside it (empty where the value names nothing).
  expect(csv.startsWith(
    "\ufeffat,actor,customer_id,customer_name,subscription_id,subscription_name,action,action_label,old_value,old_value_names,new_value,new_value_names,outcome,po_number\r\n",
  )).toBe(true);
  const body = csv.split("\r\n").slice(1).filter(Boolean);
  expect(body).toHaveLength(1);
  expect(body[0]).toBe(`2026-11-18T09:00:00.000Z,"Ana ""Ops"", Lead",contoso,Contoso Ltd,,,order_placed,${msg("audit_actions.order_placed")},,,"line, with ""quotes""\nand a break",,saved,`);
});

test("the audit CSV names the users and the subscription its ids stand for", async ({ page }) => {
  const demo = await demoWorkspace(page);
  demo.audit = [{
    at: "2026-11-02T09:00:00.000Z", actor: "Avery Howard", action: "licenses_assigned", customerId: "contoso",
    subscriptionId: "sub-contoso-1", oldValue: null, newValue: "u-contoso-1, u-contoso-2", outcome: "saved",
  }];
  await openWith(page, "orders", demo);
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  const download = page.waitForEvent("download");
  await page.getByTestId("audit-export").click();
  const csv = await readFile(await (await download).path(), "utf8");
  expect(csv.split("\r\n")[1]).toBe(
    '2026-11-02T09:00:00.000Z,Avery Howard,contoso,Contoso Ltd,sub-contoso-1,Microsoft 365 Business Basic (Contoso mail),' +
      `licenses_assigned,${msg("audit_actions.licenses_assigned")},,,"u-contoso-1, u-contoso-2","Ana Ruiz, Ben Carter",saved,`,
  );
});

test("history reads as sentences with names, in the chosen language", async ({ page }) => {
  await page.goto("customers/contoso/subscriptions/sub-contoso-1?tab=licenses");
  await page.getByTestId("license-count").fill("30");
  await page.getByTestId("license-save").click();
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByTestId("free-licenses")).toContainText("24");
  await page.goto("customers/contoso/subscriptions/sub-contoso-1?tab=history");
  const first = page.locator("tbody tr").first();
  const change = { subscription: "Microsoft 365 Business Basic (Contoso mail)", old: "25", new: "30" };
  await expect(first).toContainText(msg("audit_licenses_changed", change));
  await expect(first).toContainText(msg("audit_outcome_saved"));
  await page.getByTestId("locale-menu").selectOption("it-IT");
  await expect(first).toContainText(msg("audit_licenses_changed", change, "it-IT"));
  await expect(first).toContainText(msg("audit_outcome_saved", {}, "it-IT"));
});
