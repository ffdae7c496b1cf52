// Import from Partner Center (docs/rules.md#partner-center-import): a
// customer and its subscriptions as Partner Center's API returns them,
// previewed, imported after a confirmation, then upgraded like any other.
import { test, expect, openWith, stored, storedText } from "./fixtures.js";
import { ownWorkspace } from "./workspaces.js";
import { msg, msgPattern } from "./helpers.js";

const CUSTOMER = "6a1f3c2e-8b4d-4e7a-9c0d-1e2f3a4b5c6d";

const customer = {
  id: CUSTOMER,
  companyProfile: { tenantId: CUSTOMER, domain: "northwindsouth.onmicrosoft.com", companyName: "Northwind Süd, GmbH",
    address: { country: "US", city: "Redmond", state: "WA", addressLine1: "1 Microsoft Way", postalCode: "98052" } },
  billingProfile: { firstName: "Jana", lastName: "Novák", email: "ap@northwindsouth.example",
    defaultAddress: { country: "US", city: "Redmond", addressLine1: "1 Microsoft Way", postalCode: "98052" } },
  relationshipToPartner: "reseller",
  attributes: { objectType: "Customer" },
};

const subscription = (id, offerId, extra = {}) => ({
  id, offerId, friendlyName: `${id} plan`, quantity: 10, status: "Active", autoRenewEnabled: true, billingCycle: "Monthly",
  effectiveStartDate: "2026-03-01T00:00:00Z", commitmentEndDate: "2027-02-28T00:00:00Z",
  links: { self: { uri: `/customers/${CUSTOMER}/subscriptions/${id}` } }, attributes: { objectType: "Subscription" }, ...extra,
});

const subscriptions = {
  totalCount: 2,
  items: [
    subscription("pc-basic", "CFQ7TTC0LH18:0001:CFQ7TTC0K5DM", { termDuration: "P1Y" }),
    subscription("pc-azure", "DZH318Z0BPS6:0001:DZH318Z0BFZ6", { billingCycle: "None" }),
  ],
  attributes: { objectType: "Collection" },
};

const file = (name, value) => ({ name, mimeType: "application/json", buffer: Buffer.from(typeof value === "string" ? value : JSON.stringify(value)) });

test("a customer and its subscriptions are previewed, imported after a confirmation, and upgraded like any other", async ({ page }) => {
  await openWith(page, "settings", ownWorkspace());
  await page.getByTestId("import-partner-center").setInputFiles([file("customer.json", customer), file("subscriptions.json", subscriptions)]);
  const preview = page.getByTestId("pc-preview");
  const row = preview.locator(`[data-testid="pc-customer"][data-customer-id="${CUSTOMER}"]`);
  await expect(row).toHaveAttribute("data-change", "added");
  await expect(row).toContainText("Northwind Süd, GmbH");
  await expect(row.locator('[data-testid="pc-subscription"][data-subscription-id="pc-basic"]')).toHaveAttribute("data-change", "added");
  const skipped = page.getByTestId("pc-skipped-item");
  await expect(skipped).toHaveCount(1);
  await expect(skipped).toContainText("subscriptions.json · items[1].offerId");
  await expect(skipped).toContainText(msg("problem_usage_based"));
  // Nothing changed yet.
  expect((await stored(page)).customers.some((c) => c.id === CUSTOMER)).toBe(false);

  await page.getByTestId("pc-import").click();
  await expect(page.getByTestId("confirm-dialog")).toContainText(msg("pc_confirm_title", { customers: 1, subscriptions: 1 }));
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByText(msg("pc_done", { count: 1 }))).toBeVisible();
  const w = await stored(page);
  const imported = w.customers.find((c) => c.id === CUSTOMER);
  const basic = imported.subscriptions.find((s) => s.id === "pc-basic");
  expect([basic.offerId, basic.commerce, basic.termStart, basic.termEnd, basic.quantity]).toEqual(["m365-business-basic", "nce", "2026-03-01", "2027-03-01", 10]);
  expect(w.audit.at(-1).action).toBe("partner_center_imported");

  // Its users are not in Partner Center's resources: the list says so.
  await page.goto(`customers/${CUSTOMER}/subscriptions`);
  await expect(page.locator('[data-testid="subscription-row"][data-subscription-id="pc-basic"] [data-col="assigned"]')).toHaveText(msg("users_not_imported"));

  // Upgraded like any other: all 10 to Business Standard now, co-terminously.
  await page.goto(`customers/${CUSTOMER}/subscriptions/pc-basic/upgrade`);
  const card = page.locator('[data-testid="upgrade-target"][data-offer-id="m365-business-standard"]');
  await expect(card).toHaveAttribute("data-eligible", "true");
  await card.getByTestId("add-to-cart").click();
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("payment-card").check();
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 20000 });
  const after = (await stored(page)).customers.find((c) => c.id === CUSTOMER).subscriptions.find((s) => s.id === "pc-basic");
  expect(after.offerId).toBe("m365-business-standard");
});

test("a file that is not Partner Center JSON changes nothing and says what it expected", async ({ page }) => {
  await openWith(page, "settings", ownWorkspace());
  const before = await storedText(page);
  await page.getByTestId("import-partner-center").setInputFiles([file("customer.json", customer), file("package.json", { name: "app", version: "1.0.0" })]);
  await expect(page.getByText(msg("pc_refused"))).toBeVisible();
  await expect(page.getByTestId("problem")).toContainText(msgPattern("problem_not_partner_center"));
  await expect(page.getByTestId("problem")).toContainText("package.json");
  await expect(page.getByTestId("pc-preview")).toHaveCount(0);
  expect(await storedText(page)).toBe(before);
});
