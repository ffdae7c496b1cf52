// New-commerce subscriptions shown as such (docs/rules.md#new-commerce), on a
// workspace of our own: the list and the Overview say "New commerce · 1 year,
// billed monthly", the term's dates, and the price with the term's factor;
// a legacy subscription beside it says Legacy; the words follow the language.
import { test, expect, openWith, stored } from "./fixtures.js";
import { ownWorkspace } from "./workspaces.js";
import { msg, dateText, subscriptionPage, subscriptionsPage, subscriptionRow } from "./helpers.js";

/** Our workspace with the bakery's Business Basic sold under new commerce. */
function withNce() {
  const workspace = ownWorkspace();
  Object.assign(workspace.customers[0].subscriptions[0], {
    commerce: "nce", termDuration: "P1Y", termStart: "2026-03-01", termEnd: "2027-03-01",
    seatBatches: [{ quantity: 15, addedAt: "2026-03-01T00:00:00Z" }, { quantity: 5, addedAt: "2026-11-18T10:00:00Z" }],
  });
  return workspace;
}

for (const locale of ["en-US", "it-IT"]) {
  test(`an NCE subscription says so with its term and billing, in ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem("upgrade-center.locale", l), locale);
    await openWith(page, subscriptionsPage("beijing-bakery"), withNce());
    const terms = msg("nce_terms", { term: msg("term_p1y", {}, locale), billing: msg("billed_monthly", {}, locale) }, locale);
    await expect(subscriptionRow(page, "bb-1").getByTestId("nce-terms")).toHaveText(terms);
    await expect(subscriptionRow(page, "bb-2").getByTestId("nce-terms")).toHaveCount(0);

    await page.goto(subscriptionPage("beijing-bakery", "bb-1"));
    await expect(page.getByTestId("commerce")).toHaveText(terms);
    await expect(page.getByTestId("commerce")).toHaveAttribute("data-commerce", "nce");
    const fields = page.locator(".field-grid");
    await expect(fields).toContainText(`${dateText("2026-03-01", locale)} – ${dateText("2027-02-28", locale)}`);
    // USD 6.00 a licence a month, × 1.05 for a year billed monthly.
    const price = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", currencyDisplay: "code" }).format(6.3);
    await expect(fields).toContainText(msg("per_license_month", { price }, locale));

    await page.goto(subscriptionPage("beijing-bakery", "bb-2"));
    await expect(page.getByTestId("commerce")).toHaveText(msg("commerce_legacy", {}, locale));
  });
}

test("a stored NCE subscription with a billing its term does not sell opens the recovery screen naming the field", async ({ page }) => {
  const workspace = withNce();
  workspace.customers[0].subscriptions[0].billingCycle = "triennial";
  await openWith(page, subscriptionsPage("beijing-bakery"), workspace);
  await expect(page.locator("main")).toContainText(`customers[0].subscriptions[0].billingCycle ${msg("problem_billing_not_offered", { term: "P1Y", billing: "triennial" })}`);
});

test("a partial NCE upgrade prices the licences typed, asks which users move, and completes with them", async ({ page }) => {
  const workspace = withNce();
  // Two users hold the 20 licences; three more make five holders.
  for (const id of ["bb-u3", "bb-u4", "bb-u5"]) {
    workspace.customers[0].users.push({ id, displayName: `User ${id}`, userPrincipalName: `${id}@example.test`, usageLocation: "US", licenses: ["bb-1"] });
  }
  await openWith(page, "customers/beijing-bakery/subscriptions/bb-1/upgrade", workspace);
  const card = page.locator('[data-testid="upgrade-target"][data-offer-id="m365-business-standard"]');
  await expect(card.getByTestId("billing-frequency")).toHaveCount(0);
  await card.getByTestId("add-to-cart").click();
  await expect(page.getByTestId("cart-total")).toBeVisible();
  // All 20: USD 6.30 -> 13.13 for 10 of 30 days: credit 42.00, charge 87.53, due 45.53.
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", "4553");
  await expect(page.getByTestId("moved-users")).toHaveCount(0);

  // 17 leaves 3 licences for 5 holders: at least 2 must move, at most 5.
  const box = page.getByTestId("quantity-input").first();
  await box.fill("17");
  await box.press("Enter");
  const users = page.getByTestId("moved-users");
  await expect(users).toContainText(msg("upgrade_users_hint", { min: 2, max: 5 }));
  await expect(page.getByTestId("go-to-checkout")).toBeDisabled();
  await users.locator('[data-user-id="bb-u1"]').check();
  await users.locator('[data-user-id="bb-u3"]').check();
  await expect(page.getByTestId("go-to-checkout")).toBeEnabled();
  await page.getByTestId("go-to-checkout").click();
  await expect(page.getByTestId("nce-final")).toHaveText(msg("nce_cannot_undo"));
  await page.getByTestId("payment-card").check();
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", /provisioning|completed/);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 20000 });
  const { customers } = await stored(page);
  const bakery = customers[0];
  const source = bakery.subscriptions.find((s) => s.id === "bb-1");
  const created = bakery.subscriptions.find((s) => s.offerId === "m365-business-standard" && s.id !== "bb-2");
  expect([source.quantity, created.quantity, created.termEnd, created.commerce]).toEqual([3, 17, "2027-03-01", "nce"]);
  const holders = (id) => bakery.users.filter((u) => u.licenses.includes(id)).map((u) => u.id).sort();
  expect(holders(created.id)).toEqual(["bb-u1", "bb-u3"]);
  expect(holders("bb-1")).toEqual(["bb-u2", "bb-u4", "bb-u5"]);
});

test("a legacy upgrade's checkout does not warn that it cannot be undone", async ({ page }) => {
  await openWith(page, "customers/beijing-bakery/subscriptions/bb-1/upgrade", ownWorkspace());
  await page.locator('[data-testid="upgrade-target"][data-offer-id="m365-business-standard"]').getByTestId("add-to-cart").click();
  await page.getByTestId("go-to-checkout").click();
  await expect(page.getByTestId("place-order")).toBeVisible();
  await expect(page.getByTestId("nce-final")).toHaveCount(0);
});

test("the PO number typed key by key is checked at each key, kept on the order and named in the history", async ({ page }) => {
  await openWith(page, "customers/beijing-bakery/subscriptions/bb-1/upgrade", ownWorkspace());
  await page.locator('[data-testid="upgrade-target"][data-offer-id="m365-business-standard"]').getByTestId("add-to-cart").click();
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("payment-card").check();
  const po = page.getByTestId("po-number");
  await expect(po).toHaveAccessibleName(msg("po_number_label"));
  // 40 characters are fine; the 41st is refused at once, and Backspace mends it.
  const forty = "PO-2026-".padEnd(40, "7");
  await po.pressSequentially(forty);
  await expect(po).toHaveValue(forty);
  await expect(page.getByTestId("po-number-error")).toHaveCount(0);
  await po.press("8");
  await expect(po).toHaveValue(`${forty}8`);
  await expect(page.getByTestId("po-number-error")).toHaveText(msg("po_number_too_long", { max: 40 }));
  await expect(page.getByTestId("place-order")).toBeDisabled();
  await po.press("Backspace");
  await expect(page.getByTestId("po-number-error")).toHaveCount(0);
  // Select all and type a short one, spaces around it.
  await po.press("ControlOrMeta+a");
  await po.pressSequentially("  4500012345 ");
  await expect(po).toHaveValue("  4500012345 ");
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("order-po-number")).toHaveText("4500012345");
  const order = (await stored(page)).orders.at(-1);
  expect(order.poNumber).toBe("4500012345");
  await page.goto(subscriptionPage("beijing-bakery", "bb-1", "history"));
  await expect(page.locator("main")).toContainText("(PO 4500012345)");
});

test("importing an NCE document with every kind of bad field lists each by its path and changes nothing", async ({ page }) => {
  await openWith(page, "settings", withNce());
  const before = (await stored(page)).customers[0].subscriptions[0];
  const broken = withNce();
  const subs = broken.customers[0].subscriptions;
  // The bakery's NCE subscription: a term its billing does not sell, a wrong end, batches that do not sum.
  Object.assign(subs[0], { termDuration: "P1M", billingCycle: "annual", termEnd: "2027-01-01",
    seatBatches: [{ quantity: 15, addedAt: "2026-03-01T00:00:00Z" }] });
  // A legacy subscription billed triennially, and one carrying a term.
  Object.assign(subs[1], { billingCycle: "triennial" });
  broken.customers[1].subscriptions[0].termDuration = "P1Y";
  await page.getByTestId("import-file").setInputFiles({ name: "nce.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  const problems = page.getByTestId("problem");
  const at = (path, text) => expect(problems.filter({ hasText: path }).filter({ hasText: text })).toHaveCount(1);
  await at("customers[0].subscriptions[0].billingCycle", msg("problem_billing_not_offered", { term: "P1M", billing: "annual" }));
  await at("customers[0].subscriptions[0].termEnd", msg("problem_term_end_is", { expected: "2026-04-01" }));
  await at("customers[0].subscriptions[0].seatBatches", msg("problem_batches_do_not_sum", { total: 15, quantity: 20 }));
  await at("customers[0].subscriptions[1].billingCycle", msg("problem_triennial_only_nce"));
  await at("customers[1].subscriptions[0].termDuration", msg("problem_nce_only"));
  expect((await stored(page)).customers[0].subscriptions[0]).toEqual(before);
});

test("an add-on the NCE target includes ends at its own term, not renewed, and says so before and after", async ({ page }) => {
  await page.goto("customers/woodgrove/subscriptions/sub-woodgrove-1/upgrade");
  const card = page.locator('[data-testid="upgrade-target"][data-offer-id="o365-e5"]');
  const included = msg("addon_included_ends", { target: "Office 365 E5", date: dateText("2027-03-01") });
  await expect(card.locator('[data-offer-id="addon-defender-office-p1"]')).toContainText(included);
  await card.getByTestId("add-to-cart").click();
  await expect(page.locator('[data-testid="addon-line"][data-offer-id="addon-defender-office-p1"]')).toContainText(included);
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("payment-card").check();
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 20000 });
  const woodgrove = (await stored(page)).customers.find((c) => c.id === "woodgrove");
  const [base, addon] = ["sub-woodgrove-1", "sub-woodgrove-2"].map((id) => woodgrove.subscriptions.find((s) => s.id === id));
  // The same subscription, now E5; the add-on runs to Mar 1 2027 and does not renew.
  expect([base.offerId, base.quantity]).toEqual(["o365-e5", 10]);
  expect([addon.status, addon.autoRenew, addon.termEnd]).toEqual(["active", false, "2027-03-01"]);
});
