// The renewals report (docs/rules.md#renewals-report), on a workspace of our
// own (today Nov 21): the bakery's Business Basic under new commerce with a
// batch still in its 7-day window and a next term, beside legacy subscriptions
// that renew or end on their period's end.
import { test, expect, openWith, stored } from "./fixtures.js";
import { ownWorkspace } from "./workspaces.js";
import { msg } from "./helpers.js";

/**
 * Our workspace: bb-1 under new commerce with 5 licences added Nov 18, 10:00
 * and a next term of 12; P1Y to Feb 15 2027, or (`lockSoon`) P1M to Nov 24,
 * so its change locks on Nov 23. na-1 (legacy) has auto-renew off: it ends Dec 1.
 */
function book({ lockSoon = false } = {}) {
  const workspace = ownWorkspace();
  const [termStart, termEnd, term] = lockSoon ? ["2026-10-24", "2026-11-24", "P1M"] : ["2026-02-15", "2027-02-15", "P1Y"];
  Object.assign(workspace.customers[0].subscriptions[0], {
    commerce: "nce", termDuration: term, termStart, termEnd,
    periodStart: lockSoon ? "2026-10-24" : "2026-11-15", periodEnd: lockSoon ? "2026-11-24" : "2026-12-15",
    seatBatches: [{ quantity: 15, addedAt: `${termStart}T00:00:00Z` }, { quantity: 5, addedAt: "2026-11-18T10:00:00Z" }],
    nextTerm: { quantity: 12 },
  });
  workspace.customers[0].companyName = "Beijing Bakery, Ltd";
  workspace.customers.find((c) => c.id === "no-access").subscriptions[0].autoRenew = false;
  return workspace;
}

const rows = (page) => page.getByTestId("renewal-row");
const row = (page, subscription, event) =>
  page.locator(`[data-testid="renewal-row"][data-subscription-id="${subscription}"][data-event="${event}"]`);

test("every kind of event is a row, soonest first, with when in words and what renews", async ({ page }) => {
  await openWith(page, "renewals", book({ lockSoon: true }));
  await expect(rows(page).first()).toBeVisible();
  // The window closes Nov 25 10:00; the change locks Nov 23 00:00; the term renews Nov 24.
  const window = row(page, "bb-1", "window_closes");
  await expect(window).toHaveAttribute("data-at", "2026-11-25T10:00:00Z");
  await expect(window).toContainText(msg("window_licenses", { count: 5 }));
  await expect(row(page, "bb-1", "change_locks")).toHaveAttribute("data-at", "2026-11-23T00:00:00Z");
  const renews = row(page, "bb-1", "renews");
  await expect(renews).toHaveAttribute("data-at", "2026-11-24T00:00:00Z");
  await expect(renews).toContainText(msg("renewals_next", { count: 12, offer: "Microsoft 365 Business Basic" }));
  // A legacy subscription with auto-renew off ends on its period's end.
  await expect(row(page, "na-1", "ends")).toHaveAttribute("data-at", "2026-12-01T00:00:00Z");
  await expect(row(page, "na-1", "ends")).toContainText(msg("renewals_nothing_renews"));
  // One page holds them all: the pager says so, and Next is disabled.
  const pager = page.getByRole("navigation", { name: msg("opp_pages_label") });
  await expect(pager.getByRole("button")).toHaveText([msg("opp_previous"), msg("opp_next")]);
  await expect(pager.getByRole("button", { name: msg("opp_next"), exact: true })).toBeDisabled();
  await expect(pager.getByRole("button", { name: msg("opp_previous"), exact: true })).toBeDisabled();
  const ats = await rows(page).evaluateAll((all) => all.map((r) => r.dataset.at));
  expect([...ats].sort()).toEqual(ats);
  // Relative time: plural hours under 48 hours, days after.
  await expect(row(page, "bb-1", "change_locks")).toContainText(/in \d+ hours?/);
  await expect(window).toContainText(/in \d+ days?/);
});

test("the horizon, the search and the event filter narrow the rows", async ({ page }) => {
  await openWith(page, "renewals", book());
  await expect(page.getByTestId("renewals-horizon")).toHaveValue("30");
  await expect(row(page, "bb-1", "renews")).toHaveCount(0);
  // Feb 15 2027 is 86 days after Nov 21: within 90, not 60.
  await page.getByTestId("renewals-horizon").selectOption("60");
  await expect(row(page, "bb-1", "renews")).toHaveCount(0);
  await page.getByTestId("renewals-horizon").selectOption("90");
  await expect(row(page, "bb-1", "renews")).toHaveCount(1);
  await page.getByTestId("renewals-event").selectOption("window_closes");
  await expect(rows(page)).toHaveCount(1);
  await page.getByTestId("renewals-event").selectOption("");
  // Sweden: Ålesund's subscription alone (it renews Feb 1 2027).
  await page.getByTestId("renewals-market").selectOption("SE");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toHaveAttribute("data-customer-id", "alesund");
  await page.getByTestId("renewals-market").selectOption("");
  await page.getByTestId("renewals-search").pressSequentially("bakery");
  await expect(page.getByTestId("renewals-search")).toHaveValue("bakery");
  for (const id of await rows(page).evaluateAll((all) => all.map((r) => r.dataset.customerId))) expect(id).toBe("beijing-bakery");
  await page.getByTestId("renewals-search").fill("nobody at all");
  await expect(page.getByTestId("renewals-none")).toHaveText(msg("renewals_none"));
});

test("a row links to the tab where the partner acts", async ({ page }) => {
  await openWith(page, "renewals", book());
  await row(page, "bb-1", "window_closes").getByRole("link").click();
  await expect(page).toHaveURL(/customers\/beijing-bakery\/subscriptions\/bb-1\?tab=licenses$/);
  await expect(page.getByTestId("nce-window")).toHaveAttribute("data-quantity", "5");
});

test("the export has the BOM, the fixed header and a quoted name with a comma", async ({ page }) => {
  await openWith(page, "renewals", book());
  await page.getByTestId("renewals-event").selectOption("window_closes");
  const download = page.waitForEvent("download");
  await page.getByTestId("renewals-export").click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, first] = text.slice(1).split("\r\n");
  expect(header).toBe("customer_id,customer_name,subscription_id,offer_id,commerce,term,billing_cycle,quantity,event,at,next_quantity,next_offer_id,currency,next_period_charge,next_period_charge_minor");
  expect(first).toBe('beijing-bakery,"Beijing Bakery, Ltd",bb-1,m365-business-basic,nce,P1Y,monthly,20,window_closes,2026-11-25T10:00:00Z,,,USD,,');
});

test("/customers counts the windows closing in 48 hours and the renewals in 7 days, with a link", async ({ page }) => {
  const workspace = book();
  workspace.today = "2026-11-24";
  await openWith(page, "customers", workspace);
  const summary = page.getByTestId("renewals-summary");
  await expect(summary).toHaveAttribute("data-windows", "1");
  // A closing window warns: the bar that said "counting" turns to a warning in place.
  await expect(page.locator(".message-bar", { has: summary })).toHaveClass(/message-warning/);
  await expect(summary).toContainText(msg("customers_windows_closing", { count: 1 }));
  const renewing = await summary.getAttribute("data-renewals");
  await expect(summary).toContainText(msg("customers_renewing", { count: Number(renewing) }));
  await summary.getByRole("link").click();
  await expect(page).toHaveURL(/\/renewals$/);
  await expect(rows(page).first()).toBeVisible();
});

test("the page follows the language, with Italian plurals and dates", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("upgrade-center.locale", "it-IT"));
  await openWith(page, "renewals", book({ lockSoon: true }));
  await expect(page.getByRole("heading", { level: 1, name: msg("renewals_title", {}, "it-IT") })).toBeVisible();
  await expect(row(page, "bb-1", "window_closes")).toContainText(msg("event_window_closes", {}, "it-IT"));
  await expect(row(page, "bb-1", "window_closes")).toContainText(/tra \d+ giorn[oi]/);
  expect((await stored(page)).customers.length).toBeGreaterThan(0);
});
