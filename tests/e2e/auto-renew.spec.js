// Auto-renew on the Overview tab (docs/rules.md#renewal-on-the-clock), on a
// workspace of our own: turning it off asks first and names the day the
// subscription ends; Escape keeps it on; accepted, the renewal cell says it
// ends, the history has one entry, and the date crossing that day expires it.
import { test, expect, openWith, stored } from "./fixtures.js";
import { ownWorkspace } from "./workspaces.js";
import { msg, dateText, subscriptionPage } from "./helpers.js";

const NAME = "Microsoft 365 Business Basic (bb-1 plan)";

test("turning auto-renew off asks first, Escape keeps it, accepted it ends the subscription with its period", async ({ page }) => {
  await openWith(page, subscriptionPage("beijing-bakery", "bb-1"), ownWorkspace());
  const box = page.getByTestId("auto-renew");
  await expect(box).toBeChecked();
  await expect(box).toHaveAccessibleDescription(msg("auto_renew_help"));

  await box.click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText(msg("confirm_auto_renew_off_title", { subscription: NAME }));
  await expect(dialog).toContainText(msg("confirm_auto_renew_off_body", { date: dateText("2026-12-01") }));
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(box).toBeChecked();
  expect((await stored(page)).customers[0].subscriptions[0].autoRenew).toBe(true);

  await box.click();
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByTestId("auto-renew")).not.toBeChecked();
  await expect(page.locator(".field-grid")).toContainText(msg("ends_on", { date: dateText("2026-12-01") }));
  const document = await stored(page);
  expect(document.customers[0].subscriptions[0].autoRenew).toBe(false);
  expect(document.audit.filter((e) => e.action === "auto_renew_changed")).toEqual([
    expect.objectContaining({ customerId: "beijing-bakery", subscriptionId: "bb-1", oldValue: "on", newValue: "off" }),
  ]);

  await page.goto(subscriptionPage("beijing-bakery", "bb-1", "history"));
  await expect(page.locator("main")).toContainText(msg("audit_auto_renew_off", { subscription: NAME }));

  // Turned on again, in Italian: no question, one more entry, in Italian.
  await page.goto(subscriptionPage("beijing-bakery", "bb-1"));
  await page.getByTestId("locale-menu").selectOption("it-IT");
  await expect(page.locator("html")).toHaveAttribute("lang", "it-IT");
  await page.getByTestId("auto-renew").check();
  await expect(page.getByTestId("confirm-dialog")).toBeHidden();
  await expect(page.getByTestId("auto-renew")).toBeChecked();
  await page.goto(subscriptionPage("beijing-bakery", "bb-1", "history"));
  await expect(page.locator("main")).toContainText(msg("audit_auto_renew_on", { subscription: NAME }, "it-IT"));
});

test("a billing admin sees auto-renew but cannot change it, and an ended subscription has none to change", async ({ page }) => {
  const workspace = ownWorkspace();
  workspace.partner.user.role = "billing_admin";
  await openWith(page, subscriptionPage("beijing-bakery", "bb-1"), workspace);
  await expect(page.getByTestId("auto-renew")).toBeDisabled();
  await expect(page.getByTestId("auto-renew")).toBeChecked();
  await page.goto(subscriptionPage("beijing-bakery", "bb-2"));
  await expect(page.getByTestId("auto-renew")).toBeDisabled();
  await expect(page.getByTestId("auto-renew")).not.toBeChecked();
});
