// New-commerce licences, cancellation and scheduled changes
// (docs/rules.md#new-commerce-licences, docs/rules.md#new-commerce-scheduled-changes),
// on a workspace of our own (today Nov 21): the bakery's Business Basic under
// new commerce, P1Y billed monthly (USD 6.30), 20 licences in batches of 15
// (Mar 1) and 5 (Nov 18, 10:00), period Nov 1 – Dec 1 (10 of 30 days left).
import { test, expect, openWith, stored } from "./fixtures.js";
import { ownWorkspace } from "./workspaces.js";
import { msg, dateText, subscriptionPage } from "./helpers.js";

function withNce(changes = {}) {
  const workspace = ownWorkspace();
  Object.assign(workspace.customers[0].subscriptions[0], {
    commerce: "nce", termDuration: "P1Y", termStart: "2026-03-01", termEnd: "2027-03-01",
    seatBatches: [{ quantity: 15, addedAt: "2026-03-01T00:00:00Z" }, { quantity: 5, addedAt: "2026-11-18T10:00:00Z" }],
    ...changes,
  });
  return workspace;
}

const usd = (amount, locale = "en-US") =>
  new Intl.NumberFormat(locale, { style: "currency", currency: "USD", currencyDisplay: "code" }).format(amount);
const instant = (iso, locale = "en-US") =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));
const licencesTab = subscriptionPage("beijing-bakery", "bb-1", "licenses");

test("removing licences in their window, typed key by key in Italian, shows the refund and takes them off the newest batch", async ({ page }) => {
  const it = "it-IT";
  await page.addInitScript((l) => localStorage.setItem("upgrade-center.locale", l), it);
  await openWith(page, licencesTab, withNce());
  const window = page.getByTestId("nce-window");
  await expect(window).toHaveCount(1);
  await expect(window).toHaveAttribute("data-quantity", "5");
  await expect(window).toHaveAttribute("data-until", "2026-11-25T10:00:00Z");
  await expect(window).toHaveText(msg("nce_window", { count: 5, until: instant("2026-11-25T10:00:00Z", it) }, it));

  const box = page.getByTestId("license-count");
  await box.press("ControlOrMeta+a");
  await box.press("Backspace");
  await expect(box).toHaveValue("");
  for (const [key, shown] of [["1", "1"], ["7", "17"]]) {
    await box.pressSequentially(key);
    await expect(box).toHaveValue(shown);
  }
  // 17 would take 3 off: all from the batch of Nov 18. 6,30 × 3 × 10/30 = 6,30 back.
  await page.getByTestId("license-save").click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText(msg("confirm_count_refunded", { amount: usd(6.3, it), days: 10, period: 30 }, it));
  await dialog.getByTestId("confirm-accept").click();
  await expect.poll(async () => (await stored(page)).customers[0].subscriptions[0].seatBatches.map((b) => b.quantity)).toEqual([15, 2]);
  await expect(page.getByTestId("nce-window")).toHaveAttribute("data-quantity", "2");

  // Licences added in March can come off only at renewal: the rules say so, nothing is asked.
  await box.fill("10");
  await page.getByTestId("license-save").click();
  await expect(page.getByText(msg("err_outside_window", { count: 2 }, it))).toBeVisible();
  await expect(dialog).not.toBeVisible();
  expect((await stored(page)).customers[0].subscriptions[0].quantity).toBe(17);
});

test("the next term's licences are scheduled, shown, and removed by an immediate change after a confirmation naming them", async ({ page }) => {
  await openWith(page, licencesTab, withNce());
  const next = page.getByTestId("next-term-quantity");
  await expect(next).toHaveValue("20");
  await next.fill("12");
  await page.getByTestId("next-term-save").click();
  const scheduled = page.locator('[data-testid="scheduled-change"][data-kind="next_term"]');
  await expect(scheduled).toContainText(msg("scheduled_next_term_body", { date: dateText("2027-03-01"), count: 12 }));
  expect((await stored(page)).customers[0].subscriptions[0].nextTerm).toEqual({ quantity: 12 });

  // More licences now: 6.30 × 2 × 10/30 = 4.20, and the scheduled change goes.
  await page.getByTestId("license-count").fill("22");
  await page.getByTestId("license-save").click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText(msg("confirm_count_charged", { amount: usd(4.2), date: dateText("2026-12-01"), days: 10, period: 30 }));
  await expect(dialog).toContainText(msg("confirm_removes_scheduled", { changes: msg("scheduled_next_term_count", { count: 12 }) }));
  await dialog.getByTestId("confirm-accept").click();
  await expect(scheduled).toHaveCount(0);
  const s = (await stored(page)).customers[0].subscriptions[0];
  expect(s.nextTerm).toBeUndefined();
  expect(s.seatBatches.map((b) => b.quantity)).toEqual([15, 5, 2]);
});

test("cancelling within the window refunds the unused days and takes the licences back", async ({ page }) => {
  const fresh = withNce({ seatBatches: [{ quantity: 20, addedAt: "2026-11-18T10:00:00Z" }] });
  await openWith(page, subscriptionPage("beijing-bakery", "bb-1"), fresh);
  const cancel = page.getByTestId("cancel-subscription");
  await expect(page.getByTestId("cancel-subscription-help")).toHaveText(msg("cancel_nce_until", { until: instant("2026-11-25T10:00:00Z") }));
  await cancel.click();
  const dialog = page.getByTestId("confirm-dialog");
  // 6.30 × 20 × 10/30 = 42.00.
  await expect(dialog).toContainText(msg("confirm_cancel_nce_refund", { amount: usd(42) }));
  await dialog.getByTestId("confirm-accept").click();
  await expect.poll(async () => (await stored(page)).customers[0].subscriptions[0].status).toBe("cancelled");
  expect((await stored(page)).customers[0].users.some((u) => u.licenses.includes("bb-1"))).toBe(false);
});

test("after the window the cancel button is disabled and says why, and auto-renew is the way to end it", async ({ page }) => {
  await openWith(page, subscriptionPage("beijing-bakery", "bb-1"), withNce());
  await expect(page.getByTestId("cancel-subscription")).toBeDisabled();
  await expect(page.getByTestId("cancel-subscription-help")).toHaveText(
    msg("err_cancel_window_closed", { closed: instant("2026-03-08T00:00:00Z"), date: dateText("2027-03-01") }));
  await expect(page.getByTestId("auto-renew")).toBeEnabled();
});

test("in the last 24 hours the scheduled changes are locked, with the time the lock started", async ({ page }) => {
  const lamna = withNce({
    termDuration: "P1M", termStart: "2026-10-22", termEnd: "2026-11-22", periodStart: "2026-10-22", periodEnd: "2026-11-22",
    seatBatches: [{ quantity: 20, addedAt: "2026-10-22T00:00:00Z" }], nextTerm: { quantity: 6 },
  });
  await openWith(page, licencesTab, lamna);
  const scheduled = page.locator('[data-testid="scheduled-change"][data-kind="next_term"]');
  const locked = msg("scheduled_locked", { since: instant("2026-11-21T00:00:00Z") });
  await expect(scheduled.getByTestId("scheduled-locked")).toHaveText(locked);
  await expect(scheduled.getByTestId("cancel-scheduled-change")).toBeDisabled();
  await expect(page.getByTestId("next-term-save")).toBeDisabled();
  await expect(page.getByTestId("next-term-why")).toHaveText(msg("err_scheduled_locked", { since: instant("2026-11-21T00:00:00Z") }));
});

async function setSimulatedDate(page, iso) {
  await page.goto("settings");
  await page.getByTestId("simulated-date").fill(iso);
  await page.getByTestId("simulated-date").press("Enter");
}

test("the simulated date reaching the term's end renews it with the next term's licences, in a new window", async ({ page }) => {
  const monthly = withNce({
    termDuration: "P1M", termStart: "2026-10-22", termEnd: "2026-11-22", periodStart: "2026-10-22", periodEnd: "2026-11-22",
    seatBatches: [{ quantity: 20, addedAt: "2026-10-22T00:00:00Z" }], nextTerm: { quantity: 6 },
  });
  await openWith(page, "customers", monthly);
  await setSimulatedDate(page, "2026-11-22");
  await expect.poll(async () => (await stored(page)).customers[0].subscriptions[0].termEnd).toBe("2026-12-22");
  const s = (await stored(page)).customers[0].subscriptions[0];
  expect([s.quantity, s.termStart, s.periodStart, s.periodEnd, s.nextTerm]).toEqual([6, "2026-11-22", "2026-11-22", "2026-12-22", undefined]);
  expect(s.seatBatches).toEqual([{ quantity: 6, addedAt: "2026-11-22T00:00:00Z" }]);
  await page.goto(licencesTab);
  const window = page.getByTestId("nce-window");
  await expect(window).toHaveAttribute("data-quantity", "6");
  await expect(window).toHaveAttribute("data-until", "2026-11-29T00:00:00Z");
  await page.goto(subscriptionPage("beijing-bakery", "bb-1", "history"));
  await expect(page.locator("main")).toContainText(msg("audit_term_renewed", {
    subscription: "Microsoft 365 Business Basic (bb-1 plan)", start: dateText("2026-11-22"), end: dateText("2026-12-21"),
  }));
});

test("an NCE upgrade at renewal runs at the term's end with the licences scheduled, as a new subscription", async ({ page }) => {
  await openWith(page, "customers/beijing-bakery/subscriptions/bb-1/upgrade", withNce());
  const card = page.locator('[data-testid="upgrade-target"][data-offer-id="m365-business-standard"]');
  await card.getByTestId("upgrade-timing").selectOption("at_renewal");
  // Two users hold a licence: at least 2 can be scheduled.
  const box = card.getByTestId("quantity-input");
  await box.fill("1");
  await expect(card.getByTestId("add-to-cart")).toBeDisabled();
  await box.fill("8");
  await card.getByTestId("add-to-cart").click();
  // USD 12.50 × 1.05 = 13.13 a licence, first month billed on Mar 1 2027.
  await expect(page.getByTestId("later-charge")).toHaveAttribute("data-minor-units", String(1313 * 8));
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("payment-card").check();
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "scheduled");
  await page.goto(subscriptionPage("beijing-bakery", "bb-1"));
  await expect(page.locator('[data-testid="scheduled-change"][data-kind="upgrade"]')).toBeVisible();

  await setSimulatedDate(page, "2027-03-01");
  await expect.poll(async () => (await stored(page)).orders[0].status, { timeout: 20_000 }).toBe("completed");
  const w = await stored(page);
  const bakery = w.customers[0];
  const source = bakery.subscriptions.find((s) => s.id === "bb-1");
  const madeId = w.orders[0].lines[0].newSubscriptionId;
  expect(madeId).not.toBe("bb-1");
  const made = bakery.subscriptions.find((s) => s.id === madeId);
  expect(made.offerId).toBe("m365-business-standard");
  expect(source.status).toBe("expired");
  expect([made.quantity, made.commerce, made.termStart, made.termEnd, made.billingCycle]).toEqual([8, "nce", "2027-03-01", "2028-03-01", "monthly"]);
  expect(bakery.users.filter((u) => u.licenses.includes(made.id))).toHaveLength(2);
});

/** The bakery's NCE subscription once nobody holds its licences (the manual path's step 3 done). */
function unassigned(changes) {
  const workspace = withNce(changes);
  for (const user of workspace.customers[0].users) user.licenses = user.licenses.filter((l) => l !== "bb-1");
  return workspace;
}

test("the manual path's last step cancels an NCE source within its window with the refund named", async ({ page }) => {
  await openWith(page, "customers/beijing-bakery/subscriptions/bb-1/manual-upgrade",
    unassigned({ seatBatches: [{ quantity: 20, addedAt: "2026-11-18T10:00:00Z" }] }));
  const step = page.locator('[data-testid="manual-step"][data-step="4"]');
  await step.getByTestId("manual-cancel-old").click();
  await expect(page.getByTestId("confirm-dialog")).toContainText(msg("confirm_cancel_nce_refund", { amount: usd(42) }));
  await page.getByTestId("confirm-accept").click();
  await expect.poll(async () => (await stored(page)).customers[0].subscriptions[0].status).toBe("cancelled");
});

test("past its window the manual path's last step says why and offers auto-renew off instead", async ({ page }) => {
  await openWith(page, "customers/beijing-bakery/subscriptions/bb-1/manual-upgrade", unassigned());
  const step = page.locator('[data-testid="manual-step"][data-step="4"]');
  await expect(step.getByTestId("manual-cancel-old")).toBeDisabled();
  await expect(step.getByTestId("manual-cancel-reason")).toHaveText(
    msg("err_cancel_window_closed", { closed: instant("2026-03-08T00:00:00Z"), date: dateText("2027-03-01") }));
  // The box stays on until the partner confirms.
  await step.getByTestId("auto-renew").click();
  await page.getByTestId("confirm-accept").click();
  await expect.poll(async () => (await stored(page)).customers[0].subscriptions[0].autoRenew).toBe(false);
});
