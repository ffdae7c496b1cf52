// Licences and the manual upgrade path: buy, verify, reassign at most 20 users
// at a time, cancel the old subscription.
import { test, expect, openWith, demoWorkspace, STORAGE_KEY, stored, storedText } from "./fixtures.js";


test("licence counts change within the assigned users and the seat maximum", async ({ page }) => {
  await page.goto("customers/contoso/subscriptions/sub-contoso-1?tab=licenses");
  const count = page.getByTestId("license-count");
  await expect(count).toHaveValue("25");
  await count.fill("301");
  await page.getByTestId("license-save").click();
  await expect(page.getByTestId("error")).toContainText("Enter at most 300");
  await count.fill("5");
  await page.getByTestId("license-save").click();
  await expect(page.getByTestId("error")).toContainText("6 users hold licenses");
  await count.fill("40");
  await page.getByTestId("license-save").click();
  // The price comes first: 15 added × USD 6.00 × 10 of 30 days, then USD 90.00 a month more.
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("Change the license count from 25 to 40?");
  await expect(dialog).toContainText("Charged now: USD 30.00 for the days until Dec 1, 2026 (10 of 30 days).");
  await expect(dialog).toContainText("USD 90.00 more a month");
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByText("The subscription now has 40 licenses.")).toBeVisible();
  await page.goto("customers/contoso/subscriptions");
  await expect(page.locator('[data-subscription-id="sub-contoso-1"] td').nth(2)).toHaveText("40");
});

test("users are assigned and unassigned", async ({ page }) => {
  const demo = await demoWorkspace(page);
  const contoso = demo.customers.find((c) => c.id === "contoso");
  contoso.users.push({ id: "u-new", displayName: "Nia Okafor", userPrincipalName: "nia@contoso.example", usageLocation: "US", licenses: [] });
  await openWith(page, "customers/contoso/subscriptions/sub-contoso-1?tab=licenses", demo);
  await page.getByRole("checkbox", { name: "Select Nia Okafor" }).check();
  await page.getByTestId("assign-licenses").click();
  await expect(page.getByText("Licenses assigned: 1.")).toBeVisible();
  await expect(page.getByTestId("free-licenses")).toContainText("18");
  await page.getByRole("checkbox", { name: "Select Nia Okafor" }).check();
  await page.getByTestId("unassign-licenses").click();
  await expect(page.getByText("Licenses unassigned: 1.")).toBeVisible();
  const doc = await stored(page);
  expect(doc.customers.find((c) => c.id === "contoso").users.find((u) => u.id === "u-new").licenses).toEqual([]);
});

test("the manual path: buy, verify, reassign 20 at a time, cancel", async ({ page }) => {
  const demo = await demoWorkspace(page);
  const contoso = demo.customers.find((c) => c.id === "contoso");
  contoso.subscriptions[0].quantity = 30;
  contoso.users = Array.from({ length: 25 }, (_, i) => ({
    id: `u-${i}`, displayName: `User ${String(i).padStart(2, "0")}`, userPrincipalName: `user${i}@contoso.example`, usageLocation: "US", licenses: ["sub-contoso-1"],
  }));
  await openWith(page, "customers/contoso/subscriptions/sub-contoso-1/upgrade", demo);
  await page.getByTestId("manual-upgrade").click();
  await expect(page).toHaveURL(/manual-upgrade$/);
  await expect(page.getByTestId("manual-step")).toHaveCount(4);

  // Step 1: buy Office 365 E3 with fewer licences than needed, through the cart and checkout.
  const step1 = page.locator('[data-step="1"]');
  await step1.getByTestId("manual-offer").selectOption("o365-e3");
  await step1.getByTestId("quantity-input").fill("20");
  await step1.getByTestId("add-to-cart").click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByText("Buy Office 365 E3")).toBeVisible();
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", String(2300 * 20));
  // A purchase reads as one: nothing promises a cancellation or a licence move.
  await expect(page.getByText("the existing ones don't change")).toBeVisible();
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 15_000 });
  await expect(page.getByRole("heading", { name: "New subscriptions" })).toBeVisible();
  await expect(page.getByText("License transfer")).toHaveCount(0);
  await page.goto("customers/contoso/subscriptions/sub-contoso-1");
  await expect(page.locator("code.mono")).toHaveText("sub-contoso-1");
  await expect(page.getByText("Upgraded to")).toHaveCount(0);

  await page.goto("customers/contoso/subscriptions/sub-contoso-1/manual-upgrade");
  // Step 2: verify; it has 20 licences for the old 30, so buy more.
  const step2 = page.locator('[data-step="2"]');
  await expect(step2).toContainText("It has 20 licenses, but the old subscription has 30.");
  // Buying spends: it asks first, with the price (10 more E3 licences at USD 23.00
  // for the whole first month, which started today).
  await step2.getByTestId("manual-buy-more").click();
  await expect(page.getByTestId("confirm-dialog")).toContainText("USD 230.00");
  await page.getByTestId("confirm-cancel").click();
  await expect(step2).toContainText("It has 20 licenses");
  await step2.getByTestId("manual-buy-more").click();
  await page.getByTestId("confirm-accept").click();
  await expect(step2).toContainText("Active with 30 licenses");

  // Step 4 is refused while users hold the old licences.
  await page.locator('[data-step="4"]').getByTestId("manual-cancel-old").click();
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByTestId("error").last()).toContainText("25 users still hold licenses");

  // Step 3: a 21st selection is refused.
  const step3 = page.locator('[data-step="3"]');
  const boxes = step3.getByRole("checkbox");
  for (let i = 0; i < 20; i++) await boxes.nth(i).check();
  await boxes.nth(20).click();
  await expect(boxes.nth(20)).not.toBeChecked();
  await expect(step3.getByTestId("error")).toContainText("at most 20 users at a time");
  await step3.getByTestId("manual-reassign").click();
  await expect(page.getByText("20 users moved to the new subscription.")).toBeVisible();
  const rest = page.locator('[data-step="3"]').getByRole("checkbox");
  await expect(rest).toHaveCount(5);
  for (let i = 0; i < 5; i++) await rest.nth(i).check();
  await page.locator('[data-step="3"]').getByTestId("manual-reassign").click();
  await expect(page.getByText("Nobody holds a license of the old subscription any more.")).toBeVisible();

  // Step 4: cancel the old subscription; the dialog says where its add-on goes.
  await page.locator('[data-step="4"]').getByTestId("manual-cancel-old").click();
  await expect(page.getByTestId("confirm-dialog")).toContainText(
    "The add-on Microsoft Defender for Office 365 (Plan 1) moves to Office 365 E3 and follows its term.",
  );
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByText("The old subscription is cancelled: the manual upgrade is done.").first()).toBeVisible();
  const doc = await stored(page);
  const c = doc.customers.find((x) => x.id === "contoso");
  expect(c.subscriptions.find((s) => s.id === "sub-contoso-1").status).toBe("cancelled");
  const e3 = c.subscriptions.find((s) => s.offerId === "o365-e3");
  expect(c.users.every((u) => u.licenses.includes(e3.id) && !u.licenses.includes("sub-contoso-1"))).toBe(true);
  const defender = c.subscriptions.find((s) => s.id === "sub-contoso-2");
  expect([defender.status, defender.parentSubscriptionId, defender.periodEnd]).toEqual(["active", e3.id, e3.periodEnd]);
  expect(doc.audit.filter((a) => a.action === "addon_moved").map((a) => a.subscriptionId)).toEqual(["sub-contoso-2"]);
});
