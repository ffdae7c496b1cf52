// The opportunities report (docs/rules.md#opportunities-report) on a workspace of our own: rows and
// amounts against values computed here by hand, the filters, the totals per
// currency, the CSV parsed back, the link to the Upgrade tab, the summary on
// /customers, every locale, axe, and a phone's width.
import AxeBuilder from "@axe-core/playwright";
import { readFile } from "node:fs/promises";
import { test, expect, openWith } from "./fixtures.js";
import { ownWorkspace, PRICES } from "./workspaces.js";
import { msg, target as targetCard } from "./helpers.js";

// By hand: (target − current) × licences, a month.
const usd = (target, n) => (PRICES.USD[target] - PRICES.USD["m365-business-basic"]) * n;
const sek = (target, n) => (PRICES.SEK[target] - PRICES.SEK["m365-apps-business"]) * n;
// Rows of different currencies compare by the change in the catalog's USD
// prices (SPEC 9.1), largest first; ties by customer name, then subscription.
const SOURCE = { "al-1": ["m365-apps-business", 7, "Ålesund Fisk AB"], "bb-1": ["m365-business-basic", 20, "北京烘焙, Ltd"] };
const inUsd = ([, sub, target]) => (PRICES.USD[target] - PRICES.USD[SOURCE[sub][0]]) * SOURCE[sub][1];
const byName = (a, b) => (SOURCE[a[1]][2] < SOURCE[b[1]][2] ? -1 : SOURCE[a[1]][2] > SOURCE[b[1]][2] ? 1 : 0);
const ELIGIBLE = [
  ["alesund", "al-1", "o365-e5", sek("o365-e5", 7), "SEK"],
  ["alesund", "al-1", "o365-e3", sek("o365-e3", 7), "SEK"],
  ["beijing-bakery", "bb-1", "o365-e5", usd("o365-e5", 20), "USD"],
  ["beijing-bakery", "bb-1", "o365-e3", usd("o365-e3", 20), "USD"],
  ["alesund", "al-1", "m365-business-standard", sek("m365-business-standard", 7), "SEK"],
  ["alesund", "al-1", "m365-apps-enterprise", sek("m365-apps-enterprise", 7), "SEK"],
  ["beijing-bakery", "bb-1", "m365-business-standard", usd("m365-business-standard", 20), "USD"],
  ["beijing-bakery", "bb-1", "o365-e1", usd("o365-e1", 20), "USD"],
].sort((a, b) => inUsd(b) - inUsd(a) || byName(a, b));

const rows = (page) => page.getByTestId("opportunity-row");

// By hand: each subscription's largest change among `facts`, summed.
function largestPerSubscription(facts) {
  const largest = new Map();
  for (const [customer, subscription, , minor] of facts) {
    const key = `${customer}/${subscription}`;
    largest.set(key, Math.max(largest.get(key) ?? -Infinity, minor));
  }
  return [...largest.values()].reduce((a, b) => a + b, 0);
}

async function rowFacts(page) {
  return rows(page).evaluateAll((trs) => trs.map((tr) => [
    tr.dataset.customerId, tr.dataset.subscriptionId, tr.dataset.targetOfferId, Number(tr.dataset.monthlyMinorUnits), tr.dataset.currency,
  ]));
}

test("every eligible row, largest monthly change first, with totals per currency", async ({ page }) => {
  await openWith(page, "opportunities", ownWorkspace());
  await expect(page.getByTestId("opportunities-eligible-only")).toBeChecked();
  await expect(rows(page)).toHaveCount(ELIGIBLE.length);
  expect(await rowFacts(page)).toEqual(ELIGIBLE);
  // The cancelled Business Standard has no row; the blocked customer no eligible one.
  await expect(page.locator('[data-subscription-id="bb-2"]')).toHaveCount(0);
  const total = (currency) => page.locator(`[data-testid="opportunities-total"][data-currency="${currency}"]`);
  // Each subscription once, with its largest eligible change: its targets
  // exclude each other (a regression: this used to add them all, USD 1,190.00).
  const sum = (currency) => largestPerSubscription(ELIGIBLE.filter((r) => r[4] === currency));
  await expect(total("USD")).toHaveAttribute("data-minor-units", String(sum("USD")));
  await expect(total("SEK")).toHaveAttribute("data-minor-units", String(sum("SEK")));
  await expect(total("USD")).toHaveText("USD 640.00");

  // Every row, blocked ones with their codes.
  await page.getByTestId("opportunities-eligible-only").uncheck();
  await expect(rows(page)).toHaveCount(12);
  const blocked = page.locator('[data-testid="opportunity-row"][data-customer-id="no-access"]');
  await expect(blocked).toHaveCount(4);
  for (const row of await blocked.all()) {
    await expect(row).toHaveAttribute("data-eligible", "false");
    await expect(row.locator('[data-code="delegated_admin_permissions_disabled"]')).toHaveCount(1);
  }
  // Totals still sum only eligible rows.
  await expect(total("USD")).toHaveAttribute("data-minor-units", String(sum("USD")));

  // Filters: text over names (any case), market, target, reason.
  await page.getByRole("searchbox").fill("ålesund");
  await expect(rows(page)).toHaveCount(4);
  await page.getByRole("searchbox").fill("office 365 business premium"); // Business Standard's legacy name: bb-2 is cancelled
  await expect(rows(page)).toHaveCount(0);
  await page.getByRole("searchbox").fill("");
  await page.getByRole("combobox", { name: msg("opp_market_label"), exact: true }).selectOption("SE");
  await expect(rows(page)).toHaveCount(4);
  await page.getByRole("combobox", { name: msg("opp_market_label"), exact: true }).selectOption("");
  await page.getByRole("combobox", { name: msg("opp_target_label"), exact: true }).selectOption("o365-e3");
  await expect(rows(page)).toHaveCount(3);
  await page.getByRole("combobox", { name: msg("opp_target_label"), exact: true }).selectOption("");
  await page.getByRole("combobox", { name: msg("opp_reason_label"), exact: true }).selectOption("delegated_admin_permissions_disabled");
  await expect(rows(page)).toHaveCount(4);
  await expect(page.locator('[data-testid="opportunity-row"][data-customer-id="no-access"]')).toHaveCount(4);
});

test("a new-commerce row is priced on its term and billing at both ends and says so", async ({ page }) => {
  // The bakery's 20 Business Basic under new commerce, 1 year billed monthly.
  const workspace = ownWorkspace();
  Object.assign(workspace.customers[0].subscriptions[0], {
    commerce: "nce", termDuration: "P1Y", termStart: "2026-03-01", termEnd: "2027-03-01",
    seatBatches: [{ quantity: 20, addedAt: "2026-03-01T00:00:00Z" }],
  });
  await openWith(page, "opportunities", workspace);
  // By hand: each price × 1.05 (a year billed monthly), rounded half-up to the cent.
  const nce = (offer) => Math.round((PRICES.USD[offer] * 105) / 100);
  const change = (offer) => (nce(offer) - nce("m365-business-basic")) * 20;
  expect(change("m365-business-standard")).toBe(13660); // 20 × (13.13 − 6.30)
  const bakery = page.locator('[data-testid="opportunity-row"][data-customer-id="beijing-bakery"]');
  await expect(bakery).toHaveCount(4);
  const facts = (await rowFacts(page)).filter(([customer]) => customer === "beijing-bakery");
  expect(facts).toEqual(["o365-e5", "o365-e3", "m365-business-standard", "o365-e1"].map((t) => ["beijing-bakery", "bb-1", t, change(t), "USD"]));
  const terms = msg("nce_terms", { term: msg("term_p1y"), billing: msg("billed_monthly") });
  for (const row of await bakery.all()) await expect(row.getByTestId("nce-terms")).toHaveText(terms);
  // The legacy subscription beside it: the catalog's prices, and no such line.
  await expect(page.locator('[data-testid="opportunity-row"][data-customer-id="alesund"] [data-testid="nce-terms"]')).toHaveCount(0);
  const sweden = (await rowFacts(page)).filter(([customer]) => customer === "alesund");
  expect(sweden).toEqual(ELIGIBLE.filter(([customer]) => customer === "alesund"));
  const total = page.locator('[data-testid="opportunities-total"][data-currency="USD"]');
  await expect(total).toHaveAttribute("data-minor-units", String(change("o365-e5")));
});

test("the total counts each subscription once, with its largest upgrade among the rows shown, and says so", async ({ page }) => {
  await openWith(page, "opportunities", ownWorkspace());
  const card = page.getByTestId("opportunities-totals");
  const total = (currency) => page.locator(`[data-testid="opportunities-total"][data-currency="${currency}"]`);
  await expect(card).toContainText(msg("opp_totals_label"));
  await expect(card).toContainText(msg("opp_totals_note", { count: 2 }));
  // bb-1: E5, E3, Business Standard and E1 are options, not a sum: E5's 20 × (38.00 − 6.00).
  await expect(total("USD")).toHaveAttribute("data-minor-units", String(usd("o365-e5", 20)));
  await expect(total("USD")).toHaveAttribute("data-subscriptions", "1");
  await expect(total("SEK")).toHaveAttribute("data-minor-units", String(sek("o365-e5", 7)));
  // The largest among the rows that pass the filters: with E3 chosen, E3's.
  await page.getByRole("combobox", { name: msg("opp_target_label"), exact: true }).selectOption("o365-e3");
  await expect(rows(page)).toHaveCount(2);
  await expect(total("USD")).toHaveAttribute("data-minor-units", String(usd("o365-e3", 20)));
  await expect(total("USD")).toHaveText("USD 340.00");
  await expect(card).toContainText(msg("opp_totals_note", { count: 2 }));
  // The US alone: one subscription, one currency.
  await page.getByRole("combobox", { name: msg("opp_target_label"), exact: true }).selectOption("");
  await page.getByRole("combobox", { name: msg("opp_market_label"), exact: true }).selectOption("US");
  await expect(total("SEK")).toHaveCount(0);
  await expect(card).toContainText(msg("opp_totals_note", { count: 1 }));

  // No eligible row shown: a sentence, never an empty card.
  await page.getByRole("combobox", { name: msg("opp_market_label"), exact: true }).selectOption("");
  await page.getByRole("combobox", { name: msg("opp_reason_label"), exact: true }).selectOption("delegated_admin_permissions_disabled");
  await expect(rows(page)).toHaveCount(4);
  await expect(total("USD")).toHaveCount(0);
  await expect(page.getByTestId("opportunities-totals-none")).toHaveText(msg("opp_totals_none"));
  await expect(card.getByRole("heading")).toHaveCount(0);
});

for (const locale of ["it-IT", "sv-SE", "zh-CN"]) {
  test(`the total says what it counts in ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem("upgrade-center.locale", l), locale);
    await openWith(page, "opportunities", ownWorkspace());
    await expect(page.getByTestId("opportunities-totals").getByRole("heading")).toHaveText(msg("opp_totals_label", {}, locale));
    await expect(page.locator('[data-testid="opportunities-total"][data-currency="USD"]')).toHaveAttribute("data-minor-units", String(usd("o365-e5", 20)));
  });
}

test("the CSV holds the rows shown, with the specified header first", async ({ page }) => {
  await openWith(page, "opportunities", ownWorkspace());
  await page.getByTestId("opportunities-eligible-only").uncheck();
  await expect(rows(page)).toHaveCount(12);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("opportunities-export").click()]);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  // The specified header (docs/rules.md#opportunities-csv), then the names beside the ids
  // and the annual change as a decimal.
  expect(lines[0]).toBe(
    "customer_id,customer_name,market,subscription_id,offer_id,quantity,target_offer_id,eligible,reason_codes,currency,monthly_change,monthly_change_minor,annual_change_minor," +
      "subscription_name,offer_name,target_offer_name,annual_change",
  );
  expect(lines.at(-1)).toBe("");
  const data = lines.slice(1, -1);
  expect(data).toHaveLength(12);
  // The rows in the report's order; Ålesund's E5 is 7 × (410.00 − 89.00) SEK.
  // The file holds the rows in the page's order (fields split outside quotes).
  const fields = (line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const pageOrder = await rows(page).evaluateAll((trs) => trs.map((tr) => `${tr.dataset.subscriptionId}/${tr.dataset.targetOfferId}`));
  expect(data.map((l) => `${fields(l)[3]}/${fields(l)[6]}`)).toEqual(pageOrder);
  const e5 = sek("o365-e5", 7);
  expect(data.find((l) => l.startsWith("alesund,") && l.includes(",o365-e5,"))).toBe(
    `alesund,Ålesund Fisk AB,SE,al-1,m365-apps-business,7,o365-e5,true,,SEK,${(e5 / 100).toFixed(2)},${e5},${12 * e5},` +
      `al-1 plan,Microsoft 365 Apps for business,Office 365 E5,${((12 * e5) / 100).toFixed(2)}`,
  );
  // A comma in a name is quoted (RFC 4180).
  const bakery = data.find((l) => l.startsWith("beijing-bakery,"));
  expect(bakery.startsWith('beijing-bakery,"北京烘焙, Ltd",US,bb-1,m365-business-basic,20,')).toBe(true);
  const blocked = data.find((l) => l.startsWith("no-access,") && l.includes(",o365-e3,"));
  const e3 = usd("o365-e3", 3);
  expect(blocked).toBe(
    `no-access,No Access GmbH,US,na-1,m365-business-basic,3,o365-e3,false,delegated_admin_permissions_disabled,USD,${(e3 / 100).toFixed(2)},${e3},${12 * e3},` +
      `na-1 plan,Microsoft 365 Business Basic,Office 365 E3,${((12 * e3) / 100).toFixed(2)}`,
  );

  // Only what is shown: filtered to Sweden, the file has Sweden's four rows.
  await page.getByRole("combobox", { name: msg("opp_market_label"), exact: true }).selectOption("SE");
  await expect(rows(page)).toHaveCount(4);
  const [sweden] = await Promise.all([page.waitForEvent("download"), page.getByTestId("opportunities-export").click()]);
  const swedish = (await readFile(await sweden.path(), "utf8")).split("\r\n").filter((l) => l && !l.startsWith("\ufeff"));
  expect(swedish).toHaveLength(4);
});

test("an export of thousands of rows, written a part at a time, is one file: one BOM, one header, every row once", async ({ page }) => {
  // 700 customers with Business Basic: 2,800 rows, more than one part of the export.
  const workspace = ownWorkspace();
  const template = workspace.customers[0];
  workspace.customers = Array.from({ length: 700 }, (_, c) => ({
    ...template,
    id: `big-${c}`,
    companyName: `Großkunde ${c}, 北方`,
    subscriptions: [{ ...template.subscriptions[0], id: `big-${c}-s` }],
    users: [],
  }));
  await openWith(page, "opportunities", workspace);
  await page.getByTestId("opportunities-eligible-only").uncheck();
  await expect(page.locator(".pager")).toContainText("2,800");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("opportunities-export").click()]);
  const text = await readFile(await download.path(), "utf8");
  expect(text.startsWith("\ufeffcustomer_id,")).toBe(true);
  expect(text.match(/\ufeff/g)).toHaveLength(1);
  expect(text.slice(1).match(/^customer_id,/gm)).toHaveLength(1);
  const data = text.slice(1).split("\r\n").slice(1, -1);
  expect(data).toHaveLength(2800);
  expect(new Set(data).size).toBe(2800);
  expect(data.every((l) => /^big-\d+,"Großkunde \d+, 北方",US,big-\d+-s,m365-business-basic,20,/.test(l))).toBe(true);
});

test("an eligible row links to the Upgrade tab with its target chosen, and /customers sums them up", async ({ page }) => {
  await openWith(page, "customers", ownWorkspace());
  const summary = page.getByTestId("opportunities-summary");
  await expect(summary).toHaveAttribute("data-count", "2");
  await expect(summary).toContainText(msg("customers_opportunities", { count: 2 }));
  await summary.getByRole("link").click();
  await expect(page).toHaveURL(/\/upgrade-center\/opportunities$/);
  const row = page.locator('[data-testid="opportunity-row"][data-subscription-id="bb-1"][data-target-offer-id="o365-e3"]');
  await row.getByRole("link", { name: msg("opp_upgrade") }).click();
  await expect(page).toHaveURL(/\/customers\/beijing-bakery\/subscriptions\/bb-1\/upgrade\?target=o365-e3$/);
  const target = targetCard(page, "o365-e3");
  await expect(target).toHaveClass(/target-chosen/);
  await expect(target).toBeFocused();
  await expect(page.locator(".target-chosen")).toHaveCount(1);
});

test("/customers keeps the summary's place while it counts, so nothing moves under the pointer; none upgradable says so", async ({ page }) => {
  // The report's rows come from its chunk: hold every chunk until the page is measured.
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route(/\/(split|chunk)_[^/]*-[0-9a-f]{16}\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  await openWith(page, "customers", ownWorkspace());
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  await expect(page.getByText(msg("customers_opportunities_counting"))).toBeVisible();
  const search = page.getByRole("searchbox");
  const top = async () => ({ search: (await search.boundingBox()).y, row: (await page.getByTestId("customer-row").first().boundingBox()).y });
  const before = await top();
  release();
  await expect(page.getByTestId("opportunities-summary")).toHaveAttribute("data-count", "2");
  await expect(page.getByText(msg("customers_opportunities_counting"))).toHaveCount(0);
  expect(await top()).toEqual(before);

  // A billing admin can upgrade nothing: the bar says so and still leads to the reasons.
  const readOnly = ownWorkspace();
  readOnly.partner.user.role = "billing_admin";
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), ["upgrade-center.workspace", JSON.stringify(readOnly)]);
  await page.reload();
  const none = page.getByTestId("opportunities-summary");
  await expect(none).toHaveAttribute("data-count", "0");
  await expect(none).toContainText(msg("customers_opportunities_none"));
  await none.getByRole("link", { name: msg("nav_opportunities") }).click();
  await expect(page).toHaveURL(/\/upgrade-center\/opportunities$/);
});

for (const locale of ["en-US", "it-IT", "sv-SE", "zh-CN"]) {
  test(`the report reads in ${locale} and has no accessibility violations`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem("upgrade-center.locale", l), locale);
    await openWith(page, "opportunities", ownWorkspace());
    await expect(page.getByRole("heading", { level: 1, name: msg("opportunities_title", {}, locale) })).toBeVisible();
    await expect(page.getByText(msg("opp_eligible_only", {}, locale))).toBeVisible();
    await expect(rows(page)).toHaveCount(ELIGIBLE.length);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
}

for (const locale of ["en-US", "it-IT"]) {
  test(`at 390 px the report does not scroll sideways in ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem("upgrade-center.locale", l), locale);
    await page.setViewportSize({ width: 390, height: 800 });
    // An Indian customer adds the longest product names to the target filter.
    const ws = ownWorkspace();
    const mumbai = structuredClone(ws.customers[2]);
    Object.assign(mumbai, { id: "mumbai", companyName: "Mumbai Traders", market: "IN", delegatedAdmin: { granted: true, services: null } });
    mumbai.subscriptions = [{ ...mumbai.subscriptions[0], id: "mu-1", offerId: "m365-business-basic-in" }];
    ws.customers.push(mumbai);
    await openWith(page, "opportunities", ws);
    await expect(page.locator('[data-testid="opportunity-row"][data-customer-id="mumbai"]').first()).toBeVisible();
    await expect(page.getByRole("combobox", { name: msg("opp_target_label", {}, locale) })).toContainText("Microsoft 365 Business Standard India");
    // Italian's longer labels beside a select of long product names.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
}
