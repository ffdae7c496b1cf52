// An axe-core scan of every page (WCAG 2.1 A and AA rules): no violations.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, openWith, demoWorkspace } from "./fixtures.js";
import { msg, subscriptionsPage, subscriptionPage, upgradeTab, manualUpgrade } from "./helpers.js";

async function expectNoViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  expect(summary).toEqual([]);
}

const pages = [
  ["customers", "customers", msg("customers_title")],
  ["subscriptions", subscriptionsPage("blue-yonder"), "Blue Yonder Airlines"],
  ["subscription overview", subscriptionPage("contoso", "sub-contoso-1"), "Microsoft 365 Business Basic"],
  ["upgrade tab", upgradeTab("wingtip", "sub-wingtip-1"), "Microsoft 365 Business Basic"],
  ["licenses tab", subscriptionPage("blue-yonder", "sub-blueyonder-1", "licenses"), "Office 365 E4"],
  ["history tab", subscriptionPage("margie-travel", "sub-margie-1", "history"), "Microsoft 365 Business Standard"],
  ["manual upgrade", manualUpgrade("contoso", "sub-contoso-1"), msg("manual_upgrade_title")],
  ["orders", "orders", msg("orders_title")],
  ["order", "orders/ord-1001", msg("order_title", { id: "ord-1001" })],
  ["settings", "settings", msg("settings_title")],
  ["opportunities", "opportunities", msg("opportunities_title")],
  ["not found", "nowhere", msg("not_found_title")],
];

for (const [name, path, heading] of pages) {
  test(`the ${name} page has no accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoViolations(page);
  });
}

test("cart and checkout have no accessibility violations", async ({ page }) => {
  const demo = await demoWorkspace(page);
  demo.cart = [{ customerId: "blue-yonder", sourceSubscriptionId: "sub-blueyonder-1", targetOfferId: "o365-e5", quantity: 12, billingCycle: "monthly" }];
  await openWith(page, "cart", demo);
  await expect(page.getByTestId("cart-total")).toBeVisible();
  await expectNoViolations(page);
  await page.getByTestId("go-to-checkout").click();
  await expect(page.getByTestId("place-order")).toBeEnabled();
  await expectNoViolations(page);
});

test("the ⓘ callout and the recovery screen have no accessibility violations", async ({ page }) => {
  await page.goto(subscriptionsPage("contoso"));
  await page.getByTestId("upgrade-info").first().focus();
  await expect(page.getByRole("tooltip").first()).toBeVisible();
  await expectNoViolations(page);
  await openWith(page, "customers", "{broken");
  await expect(page.getByTestId("recovery-start-fresh")).toBeVisible();
  await expectNoViolations(page);
});
