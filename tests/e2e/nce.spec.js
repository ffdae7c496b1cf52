// New-commerce subscriptions shown as such (docs/rules.md#new-commerce), on a
// workspace of our own: the list and the Overview say "New commerce · 1 year,
// billed monthly", the term's dates, and the price with the term's factor;
// a legacy subscription beside it says Legacy; the words follow the language.
import { test, expect, openWith } from "./fixtures.js";
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
