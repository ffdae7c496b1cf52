// Upgrades at renewal (docs/rules.md#upgrade-at-renewal) on a workspace of our own: nothing due
// today, a scheduled order, the change shown on the subscription and blocking
// a second upgrade, run by moving the simulated date (with the licences the
// subscription has by then), or cancelled after a confirmation.
import { test, expect, openWith, stored } from "./fixtures.js";
import { ownWorkspace, PRICES } from "./workspaces.js";
import { msg, msgPattern, dateText, target as targetCard, upgradeTab, subscriptionsPage, subscriptionPage, subscriptionRow, openOrderId } from "./helpers.js";

/** Puts `source` → `target` at renewal in the cart and places it by card; returns the order id. */
async function scheduleUpgrade(page, customer, source, target) {
  await page.goto(upgradeTab(customer, source));
  const card = targetCard(page, target);
  await card.getByTestId("upgrade-timing").selectOption("at_renewal");
  await card.getByTestId("add-to-cart").click();
  await expect(page.getByTestId("cart-total")).toBeVisible();
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("payment-card").check();
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "scheduled");
  return openOrderId(page);
}

test("at renewal nothing is due today, and the cart shows the first charge with its date", async ({ page }) => {
  await openWith(page, "customers/beijing-bakery/subscriptions/bb-1/upgrade", ownWorkspace());
  const card = targetCard(page, "o365-e3");
  await expect(card.getByTestId("upgrade-timing")).toHaveValue("now");
  await card.getByTestId("upgrade-timing").selectOption("at_renewal");
  await expect(card).toContainText(msg("timing_help_at_renewal", { date: dateText("2026-12-01") }));
  await card.getByTestId("add-to-cart").click();
  // 20 × E3 at USD 23.00 for the first month, billed on Dec 1; no credit, 0 due today.
  const line = page.locator(".cart-line");
  await expect(line.getByTestId("upgrade-timing")).toHaveValue("at_renewal");
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", "0");
  await expect(page.getByTestId("later-charge")).toHaveAttribute("data-minor-units", String(PRICES.USD["o365-e3"] * 20));
  await expect(page.locator('tr[data-kind="credit"]')).toHaveCount(0);
  // What follows says so too: nothing today, the move when the term ends.
  const summary = page.locator(".summary-card");
  await expect(summary).toContainText(msg("next_steps_renewal"));
  // Back to now: the unused 10 of 30 days of Business Basic are credited.
  await line.getByTestId("upgrade-timing").selectOption("now");
  await expect(summary).toContainText(msg("next_steps"));
  await expect(summary).not.toContainText(msg("next_steps_renewal"));
  await expect(page.locator('tr[data-kind="credit"]')).toHaveAttribute("data-minor-units", String(-(600 * 20 * 10) / 30));
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", String(46_000 - 4_000));
  await expect(page.getByTestId("later-charge")).toHaveCount(0);
  expect((await stored(page)).cart[0].timing).toBeUndefined();
});

test("a scheduled upgrade shows on its subscription, blocks a second one, and runs when the date comes", async ({ page }) => {
  await openWith(page, "customers", ownWorkspace());
  const order = await scheduleUpgrade(page, "beijing-bakery", "bb-1", "o365-e3");

  await page.goto(subscriptionPage("beijing-bakery", "bb-1"));
  const change = page.getByTestId("scheduled-change");
  await expect(change).toHaveAttribute("data-order-id", order);
  await expect(change).toContainText(msg("scheduled_change", { target: "Office 365 E3", count: 20, date: dateText("2026-12-01"), order }));
  // The customer's list marks the row that will change, and only that one.
  await page.goto(subscriptionsPage("beijing-bakery"));
  await expect(page.getByTestId("scheduled-tag")).toHaveCount(1);
  await expect(subscriptionRow(page, "bb-1").getByTestId("scheduled-tag")).toHaveText(msg("scheduled_tag", { target: "Office 365 E3", date: dateText("2026-12-01") }));
  // Another upgrade of it is blocked, with the reason; the order is not "in progress".
  await page.goto(upgradeTab("beijing-bakery", "bb-1"));
  // all() takes the cards there now: wait for every one, or the loop may check none.
  await expect(page.getByTestId("upgrade-target")).toHaveCount(4);
  for (const target of await page.getByTestId("upgrade-target").all()) {
    await expect(target).toHaveAttribute("data-eligible", "false");
    await expect(target.locator('[data-testid="reason"][data-code="upgrade_already_scheduled"]')).toHaveCount(1);
    await expect(target.locator('[data-testid="reason"][data-code="concurrency_conflicts"]')).toHaveCount(0);
  }
  // The licences may still change while it waits: 24 instead of 20.
  await page.goto(subscriptionPage("beijing-bakery", "bb-1", "licenses"));
  await page.getByTestId("license-count").fill("24");
  await page.getByTestId("license-save").click();
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByTestId("free-licenses")).toContainText("22");

  // Moving the simulated date to Dec 1 runs it.
  await page.goto("settings");
  await page.getByTestId("simulated-date").fill("2026-12-01");
  await page.getByTestId("simulated-date").press("Enter");
  await page.goto(`orders/${order}`);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 20_000 });
  const w = await stored(page);
  const bakery = w.customers.find((c) => c.id === "beijing-bakery");
  expect(bakery.subscriptions.find((s) => s.id === "bb-1").status).toBe("cancelled");
  const e3 = bakery.subscriptions.find((s) => s.offerId === "o365-e3");
  // The larger of the 20 ordered and the 24 the subscription had then.
  expect([e3.quantity, e3.periodStart, e3.periodEnd]).toEqual([24, "2026-12-01", "2027-01-01"]);
  expect(bakery.users.every((u) => u.licenses.includes(e3.id))).toBe(true);
});

test("a scheduled upgrade can be cancelled after a confirmation, and nothing changes", async ({ page }) => {
  await openWith(page, "customers", ownWorkspace());
  const order = await scheduleUpgrade(page, "alesund", "al-1", "o365-e3");
  await page.goto(subscriptionPage("alesund", "al-1"));
  const cancel = page.getByTestId("cancel-scheduled-change");
  await cancel.click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText(dateText("2027-02-01"));
  // Escape keeps it; focus returns to the button. Focus is in the dialog first.
  await expect(dialog.getByTestId("confirm-cancel")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(cancel).toBeFocused();
  await cancel.click();
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByTestId("scheduled-change")).toHaveCount(0);
  await page.goto("orders");
  await expect(page.locator(`[data-testid="order-row"][data-order-id="${order}"]`)).toHaveAttribute("data-status", "cancelled");
  await page.goto(upgradeTab("alesund", "al-1"));
  await expect(targetCard(page, "o365-e3")).toHaveAttribute("data-eligible", "true");
  // Moving past the date runs nothing.
  await page.goto("settings");
  await page.getByTestId("simulated-date").fill("2027-02-02");
  await page.getByTestId("simulated-date").press("Enter");
  await page.goto(`orders/${order}`);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "cancelled");
  const w = await stored(page);
  expect(w.customers.find((c) => c.id === "alesund").subscriptions.map((s) => [s.id, s.status])).toEqual([["al-1", "active"]]);
});

for (const locale of ["it-IT", "sv-SE", "zh-CN"]) {
  test(`the scheduled change and its reason read in ${locale}`, async ({ page }) => {
    await openWith(page, "customers", ownWorkspace());
    const order = await scheduleUpgrade(page, "beijing-bakery", "bb-1", "o365-e5");
    await page.goto(subscriptionPage("beijing-bakery", "bb-1"));
    const change = page.getByTestId("scheduled-change");
    const scheduled = (tag) => msg("scheduled_change", { target: "Office 365 E5", count: 20, date: dateText("2026-12-01", tag), order }, tag);
    await expect(change).toContainText(scheduled("en-US"));
    const english = await change.innerText();
    await page.getByTestId("locale-menu").selectOption(locale);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    // Retried until the page has redrawn in the new language, not read once.
    await expect(change).not.toHaveText(english, { useInnerText: true });
    await expect(change).not.toContainText(msgPattern("scheduled_change", { count: 20 }), { useInnerText: true });
    await expect(change).toContainText(scheduled(locale), { useInnerText: true });
    await page.goto(upgradeTab("beijing-bakery", "bb-1"));
    const reason = page.locator('[data-code="upgrade_already_scheduled"]').first();
    await expect(reason).toBeVisible();
    await expect(reason).not.toContainText(msgPattern("reason_scheduled"), { useInnerText: true });
  });
}

test("the scheduled change and a renewal cart line have no accessibility violations, and fit a phone", async ({ page }) => {
  const axe = async () => {
    const { default: AxeBuilder } = await import("@axe-core/playwright");
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`)).toEqual([]);
  };
  await openWith(page, "customers", ownWorkspace());
  await scheduleUpgrade(page, "beijing-bakery", "bb-1", "o365-e3");
  await page.goto(subscriptionPage("beijing-bakery", "bb-1"));
  await expect(page.getByTestId("scheduled-change")).toBeVisible();
  await axe();
  // A stored cart line at renewal (as the document writes it) for Ålesund.
  await page.goto(upgradeTab("alesund", "al-1"));
  const card = targetCard(page, "o365-e3");
  await card.getByTestId("upgrade-timing").selectOption("at_renewal");
  await card.getByTestId("add-to-cart").click();
  await expect(page.getByTestId("later-charge")).toHaveAttribute("data-minor-units", String(PRICES.SEK["o365-e3"] * 7));
  expect((await stored(page)).cart[0].timing).toBe("at_renewal");
  await axe();
  await page.setViewportSize({ width: 390, height: 800 });
  for (const path of ["customers/beijing-bakery/subscriptions/bb-1", "cart"]) {
    await page.goto(path);
    await expect(page.locator("main h1")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
});

// Legacy subscriptions renew (or expire) on the simulated clock
// (docs/rules.md#renewal-on-the-clock).
test("a date typed in Settings past the period end renews a subscription with auto-renew and expires one without", async ({ page }) => {
  const doc = ownWorkspace();
  // No Access's Business Basic does not renew; its one user holds a licence.
  const noAccess = doc.customers.find((c) => c.id === "no-access");
  noAccess.subscriptions[0].autoRenew = false;
  noAccess.users = [{ id: "na-u1", displayName: "Nina Holm", userPrincipalName: "nina@no-access.example", usageLocation: "US", licenses: ["na-1"] }];
  await openWith(page, "settings", doc);

  // Typed into the date box, then settled with Enter.
  const date = page.getByTestId("simulated-date");
  await date.fill("2026-12-02");
  await date.press("Enter");
  await expect(page.getByTestId("effective-date")).toContainText(msg("settings_today_effective", { date: dateText("2026-12-02") }));

  // Business Basic of the bakery (Nov 1 – Dec 1, auto-renew) is in its next period.
  await page.goto(subscriptionsPage("beijing-bakery"));
  const bakery = page.locator('[data-testid="subscription-row"][data-subscription-id="bb-1"]');
  await expect(bakery).toHaveAttribute("data-status", "active");
  await expect(bakery).toContainText(dateText("2027-01-01"));
  await page.goto(subscriptionPage("beijing-bakery", "bb-1"));
  await expect(page.locator(".field-grid")).toContainText(`${dateText("2026-12-01")} – ${dateText("2026-12-31")}`);
  await expect(page.locator(".field-grid")).not.toContainText(dateText("2026-11-30"));
  await page.goto(subscriptionPage("beijing-bakery", "bb-1", "history"));
  const history = page.getByRole("tabpanel").locator("tbody tr");
  await expect(history).toHaveCount(1);
  await expect(history).toContainText(msg("audit_subscription_renewed", { subscription: "Microsoft 365 Business Basic (bb-1 plan)", start: dateText("2026-12-01"), end: dateText("2026-12-31") }));
  await expect(history.locator(".audit-who")).toHaveText("Upgrade Center");

  // No Access's has expired on Dec 1 and Nina lost her licence; both are in its history.
  await page.goto(subscriptionsPage("no-access"));
  await expect(page.locator('[data-testid="subscription-row"][data-subscription-id="na-1"]')).toHaveAttribute("data-status", "expired");
  await page.goto(subscriptionPage("no-access", "na-1", "history"));
  const rows = page.getByRole("tabpanel").locator("tbody tr .audit-what");
  // Newest first: the licence went with the expiry.
  const na1 = "Microsoft 365 Business Basic (na-1 plan)";
  await expect(rows).toHaveText([
    msg("audit_licenses_unassigned", { subscription: na1, users: "Nina Holm" }),
    msg("audit_subscription_expired", { subscription: na1, date: dateText("2026-12-01") }),
  ]);
  // The same entries read in Italian.
  await page.getByTestId("locale-menu").selectOption("it-IT");
  await expect(rows.last()).toContainText(msg("audit_subscription_expired", { subscription: na1, date: dateText("2026-12-01", "it-IT") }, "it-IT"), { useInnerText: true });
  // The full log names the actions.
  await page.goto("orders");
  await expect(page.locator('[data-testid="audit-row"][data-action="subscription_renewed"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="audit-row"][data-action="subscription_expired"]')).toHaveCount(1);

  // Stored as shown: the new period, the expiry, the licence gone.
  await expect.poll(async () => {
    const w = await stored(page);
    const subs = w.customers.flatMap((c) => c.subscriptions);
    const bb1 = subs.find((s) => s.id === "bb-1");
    const na1 = subs.find((s) => s.id === "na-1");
    const nina = w.customers.find((c) => c.id === "no-access").users[0];
    return [w.today, bb1.status, bb1.periodStart, bb1.periodEnd, na1.status, nina.licenses];
  }).toEqual(["2026-12-02", "active", "2026-12-01", "2027-01-01", "expired", []]);
});
