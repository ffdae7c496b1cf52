// What a partner's day found on screens that worked but misled: raw ids where
// names belong, links that went nowhere under a sub-path.
import { test, expect } from "./fixtures.js";
import { msg, reason as reasonOf, upgradeTab, subscriptionPage } from "./helpers.js";

test("an add-on names its base subscription and links to it under the app's path", async ({ page }) => {
  await page.goto(subscriptionPage("contoso", "sub-contoso-2"));
  const base = page.locator("dt", { hasText: msg("field_base_subscription") }).locator("xpath=following-sibling::dd[1]");
  await expect(base).toHaveText("Microsoft 365 Business Basic (Contoso mail)");
  await base.getByRole("link").click();
  await expect(page).toHaveURL(/\/upgrade-center\/customers\/contoso\/subscriptions\/sub-contoso-1$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Business Basic");
});

test("a target blocked by the customer's own E3 advises upgrading that E3, not adding to it", async ({ page }) => {
  await page.goto(upgradeTab("adventure-works", "sub-adventure-1"));
  const reason = reasonOf(page, "o365-e5", "conflicting_service_types");
  await expect(reason).toHaveCount(1);
  await expect(reason).toContainText(msg("remedy_conflict_partner", { offer: "Office 365 E3", target: "Office 365 E5" }));
  await expect(reason).not.toContainText(msg("remedy_partner_owned"));
});

test("Settings: language and role in their own sections, the role's help follows the role chosen", async ({ page }) => {
  await page.goto("settings");
  await expect(page.getByTestId("locale-select")).toHaveAccessibleName(msg("language"));
  await expect(page.getByRole("heading", { name: msg("settings_user_title") })).toBeVisible();
  await expect(page.getByTestId("role-help")).toHaveText(msg("settings_role_help_acting"));
  await page.getByTestId("role-select").selectOption("billing_admin");
  await expect(page.getByTestId("role-help")).toHaveText(msg("settings_role_help"));
  await expect(page.getByText(msg("read_only_note"))).toBeVisible();
  await page.getByTestId("locale-select").selectOption("it-IT");
  await expect(page.locator("html")).toHaveAttribute("lang", "it-IT");
  // "Lingua" once, as the section's heading (the page header's menu has its own label).
  await expect(page.locator("main").getByText(msg("language", {}, "it-IT"), { exact: true })).toHaveCount(1);
});

test("Upgrade manually keeps its distance from the last target card", async ({ page }) => {
  await page.goto(upgradeTab("contoso", "sub-contoso-1"));
  const last = page.getByTestId("upgrade-target").last();
  const link = page.getByTestId("manual-upgrade");
  await expect(link).toBeVisible();
  const [card, text] = [await last.boundingBox(), await link.boundingBox()];
  expect(text.y - (card.y + card.height)).toBeGreaterThanOrEqual(12);
});

test("an audit date range typed backwards says so instead of 'No entries match'", async ({ page }) => {
  await page.goto("orders");
  const from = page.getByLabel(msg("audit_filter_from"), { exact: true });
  const to = page.getByLabel(msg("audit_filter_to"), { exact: true });
  await from.fill("2026-11-20");
  await from.dispatchEvent("change");
  await to.fill("2026-11-10");
  await to.dispatchEvent("change");
  await expect(page.getByTestId("audit-row")).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: msg("audit_range_inverted") })).toBeVisible();
  await expect(page.getByText(msg("audit_no_match"))).toHaveCount(0);
  // Put right, the log shows its entries again and the message goes.
  await to.fill("2026-12-31");
  await to.dispatchEvent("change");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await expect(page.getByText(msg("audit_range_inverted"))).toHaveCount(0);
});
