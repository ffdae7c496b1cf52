// Licences and the manual upgrade path: buy, verify, reassign at most 20 users
// at a time, cancel the old subscription.
import { test, expect, openWith, demoWorkspace, STORAGE_KEY, stored, storedText } from "./fixtures.js";
import { msg, msgPattern, dateText, subscriptionsPage, subscriptionPage, upgradeTab, manualUpgrade, subscriptionRow, cell } from "./helpers.js";


test("licence counts change within the assigned users and the seat maximum", async ({ page }) => {
  await page.goto(subscriptionPage("contoso", "sub-contoso-1", "licenses"));
  const count = page.getByTestId("license-count");
  await expect(count).toHaveValue("25");
  await count.fill("301");
  await page.getByTestId("license-save").click();
  await expect(page.getByTestId("error")).toContainText(msg("quantity_above", { max: 300 }));
  await count.fill("5");
  await page.getByTestId("license-save").click();
  await expect(page.getByTestId("error")).toContainText(msg("err_below_assigned", { count: 6 }));
  await count.fill("40");
  await page.getByTestId("license-save").click();
  // The price comes first: 15 added × USD 6.00 × 10 of 30 days, then USD 90.00 a month more.
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText(msg("confirm_count_title", { old: 25, new: 40 }));
  await expect(dialog).toContainText(msg("confirm_count_charged", { amount: "USD 30.00", date: dateText("2026-12-01"), days: 10, period: 30 }));
  await expect(dialog).toContainText(msg("confirm_count_more", { amount: "USD 90.00" }));
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByText(msg("licenses_saved", { count: 40 }))).toBeVisible();
  await page.goto(subscriptionsPage("contoso"));
  await expect(cell(subscriptionRow(page, "sub-contoso-1"), "quantity")).toHaveText("40");
});

test("users are assigned and unassigned", async ({ page }) => {
  const demo = await demoWorkspace(page);
  const contoso = demo.customers.find((c) => c.id === "contoso");
  contoso.users.push({ id: "u-new", displayName: "Nia Okafor", userPrincipalName: "nia@contoso.example", usageLocation: "US", licenses: [] });
  await openWith(page, subscriptionPage("contoso", "sub-contoso-1", "licenses"), demo);
  await page.getByRole("checkbox", { name: msg("select_user", { name: "Nia Okafor" }) }).check();
  await page.getByTestId("assign-licenses").click();
  await expect(page.getByText(msg("assigned_n", { count: 1 }))).toBeVisible();
  await expect(page.getByTestId("free-licenses")).toContainText("18");
  await page.getByRole("checkbox", { name: msg("select_user", { name: "Nia Okafor" }) }).check();
  await page.getByTestId("unassign-licenses").click();
  await expect(page.getByText(msg("unassigned_n", { count: 1 }))).toBeVisible();
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
  await openWith(page, upgradeTab("contoso", "sub-contoso-1"), demo);
  await page.getByTestId("manual-upgrade").click();
  await expect(page).toHaveURL(/manual-upgrade$/);
  await expect(page.getByTestId("manual-step")).toHaveCount(4);

  // Step 1: buy Office 365 E3 with fewer licences than needed, through the cart and checkout.
  const step1 = page.locator('[data-step="1"]');
  await step1.getByTestId("manual-offer").selectOption("o365-e3");
  await step1.getByTestId("quantity-input").fill("20");
  await step1.getByTestId("add-to-cart").click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByText(msg("buy_line_title", { offer: "Office 365 E3" }))).toBeVisible();
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", String(2300 * 20));
  // A purchase reads as one: nothing promises a cancellation or a licence move.
  await expect(page.getByText(msg("next_steps_purchase"))).toBeVisible();
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 15_000 });
  await expect(page.getByRole("heading", { name: msg("purchase_title") })).toBeVisible();
  await expect(page.getByText(msg("transfer_title"))).toHaveCount(0);
  await page.goto(subscriptionPage("contoso", "sub-contoso-1"));
  await expect(page.locator("code.mono")).toHaveText("sub-contoso-1");
  await expect(page.getByText(msgPattern("upgraded_to"))).toHaveCount(0);

  await page.goto(manualUpgrade("contoso", "sub-contoso-1"));
  // Step 2: verify; it has 20 licences for the old 30, so buy more.
  const step2 = page.locator('[data-step="2"]');
  await expect(step2).toContainText(msg("manual_verify_short", { count: 20, old: 30 }));
  // Buying spends: it asks first, with the price (10 more E3 licences at USD 23.00
  // for the whole first month, which started today).
  await step2.getByTestId("manual-buy-more").click();
  await expect(page.getByTestId("confirm-dialog")).toContainText("USD 230.00");
  await page.getByTestId("confirm-cancel").click();
  await expect(step2).toContainText(msg("manual_verify_short", { count: 20, old: 30 }));
  await step2.getByTestId("manual-buy-more").click();
  await page.getByTestId("confirm-accept").click();
  await expect(step2).toContainText(msg("manual_verify_ok", { count: 30, old: 30 }));

  // Step 4 waits while users hold the old licences: disabled, saying how many
  // (it used to open a dialog saying nobody held them).
  const cancelOld = page.locator('[data-step="4"]').getByTestId("manual-cancel-old");
  await expect(cancelOld).toBeDisabled();
  await expect(page.locator('[data-step="4"]').getByTestId("manual-cancel-reason")).toHaveText(msg("err_still_assigned", { count: 25 }));
  await expect(cancelOld).toHaveAccessibleDescription(msg("err_still_assigned", { count: 25 }));

  // Step 3: a 21st selection is refused.
  const step3 = page.locator('[data-step="3"]');
  const boxes = step3.locator("tbody").getByRole("checkbox");
  // The header's box selects at most 20 of the 25, and says so in its name.
  const all = step3.getByRole("checkbox", { name: msg("select_first_users", { max: 20 }) });
  const indeterminate = () => all.evaluate((box) => box.indeterminate);
  for (let i = 0; i < 20; i++) await boxes.nth(i).check();
  await expect(all).toBeChecked();
  await boxes.nth(20).click();
  await expect(boxes.nth(20)).not.toBeChecked();
  await expect(step3.getByTestId("error")).toContainText(msg("err_reassign_limit", { max: 20 }));
  // Full: the header's box clears the selection (Space, from the keyboard).
  await all.focus();
  await page.keyboard.press("Space");
  await expect(step3.locator("tbody input:checked")).toHaveCount(0);
  await expect(all).not.toBeChecked();
  expect(await indeterminate()).toBe(false);
  // Some: indeterminate; the header's box then tops the selection up to 20, in
  // the table's order, keeping the one chosen, and says why it stopped there.
  await boxes.nth(22).check();
  expect(await indeterminate()).toBe(true);
  await all.press("Space");
  await expect(step3.locator("tbody input:checked")).toHaveCount(20);
  await expect(boxes.nth(22)).toBeChecked();
  await expect(boxes.nth(19)).not.toBeChecked();
  expect(await indeterminate()).toBe(false);
  await expect(all).toBeChecked();
  await expect(step3.getByTestId("selected-first-users")).toHaveText(msg("selected_first_users", { max: 20, total: 25 }));
  await step3.getByTestId("manual-reassign").click();
  await expect(page.getByText(msg("manual_reassigned", { count: 20 }))).toBeVisible();
  const rest = page.locator('[data-step="3"] tbody').getByRole("checkbox");
  await expect(rest).toHaveCount(5);
  await expect(page.locator('[data-step="4"]').getByTestId("manual-cancel-reason")).toContainText(msg("err_still_assigned", { count: 5 }));
  await expect(cancelOld).toBeDisabled();
  // Five left: the header's box selects them all, under the limit.
  await page.locator('[data-step="3"]').getByRole("checkbox", { name: msg("select_all_users") }).check();
  await expect(page.locator('[data-step="3"] tbody input:checked')).toHaveCount(5);
  await expect(page.locator('[data-step="3"]').getByTestId("selected-first-users")).toHaveCount(0);
  await page.locator('[data-step="3"]').getByTestId("manual-reassign").click();
  await expect(page.getByText(msg("manual_all_moved"))).toBeVisible();

  // Step 4: cancel the old subscription; the dialog says where its add-on goes.
  await expect(page.locator('[data-step="4"]').getByTestId("manual-cancel-reason")).toHaveCount(0);
  await expect(cancelOld).toBeEnabled();
  await page.locator('[data-step="4"]').getByTestId("manual-cancel-old").click();
  await expect(page.getByTestId("confirm-dialog")).toContainText(msg("confirm_addon_moves", { addon: "Microsoft Defender for Office 365 (Plan 1)", target: "Office 365 E3" }));
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByText(msg("manual_cancelled")).first()).toBeVisible();
  const doc = await stored(page);
  const c = doc.customers.find((x) => x.id === "contoso");
  expect(c.subscriptions.find((s) => s.id === "sub-contoso-1").status).toBe("cancelled");
  const e3 = c.subscriptions.find((s) => s.offerId === "o365-e3");
  expect(c.users.every((u) => u.licenses.includes(e3.id) && !u.licenses.includes("sub-contoso-1"))).toBe(true);
  const defender = c.subscriptions.find((s) => s.id === "sub-contoso-2");
  expect([defender.status, defender.parentSubscriptionId, defender.periodEnd]).toEqual(["active", e3.id, e3.periodEnd]);
  expect(doc.audit.filter((a) => a.action === "addon_moved").map((a) => a.subscriptionId)).toEqual(["sub-contoso-2"]);
});

test("each list of users has a select-all box: tri-state, by keyboard, in every language", async ({ page }) => {
  const demo = await demoWorkspace(page);
  const contoso = demo.customers.find((c) => c.id === "contoso");
  contoso.users.push(
    { id: "u-new", displayName: "Nia Okafor", userPrincipalName: "nia@contoso.example", usageLocation: "US", licenses: [] },
    { id: "u-new-2", displayName: "Ola Berg", userPrincipalName: "ola@contoso.example", usageLocation: "SE", licenses: [] },
  );
  await openWith(page, subscriptionPage("contoso", "sub-contoso-1", "licenses"), demo);
  const all = page.getByRole("checkbox", { name: msg("select_all_users") });
  await expect(all).toHaveCount(2);
  const [holders, others] = [all.nth(0), all.nth(1)];
  const lists = page.locator(".table-card");
  // Some chosen: indeterminate, then every one.
  await page.getByRole("checkbox", { name: msg("select_user", { name: "Ben Carter" }) }).check();
  expect(await holders.evaluate((box) => box.indeterminate)).toBe(true);
  await expect(holders).not.toBeChecked();
  await holders.press("Space");
  await expect(lists.nth(0).locator("tbody input:checked")).toHaveCount(6);
  await expect(holders).toBeChecked();
  expect(await holders.evaluate((box) => box.indeterminate)).toBe(false);
  // A box unticked by hand makes it "some" again: the header's box selects all again.
  await page.getByRole("checkbox", { name: msg("select_user", { name: "Ana Ruiz" }) }).uncheck();
  expect(await holders.evaluate((box) => box.indeterminate)).toBe(true);
  await holders.check();
  await expect(lists.nth(0).locator("tbody input:checked")).toHaveCount(6);
  await holders.uncheck();
  await expect(lists.nth(0).locator("tbody input:checked")).toHaveCount(0);
  // Assign both, from the other list's header.
  await others.check();
  await page.getByTestId("assign-licenses").click();
  await expect(page.getByText(msg("assigned_n", { count: 2 }))).toBeVisible();
  await expect(page.getByTestId("free-licenses")).toContainText("17");
  const licensesOf = async (id) => (await stored(page)).customers.find((c) => c.id === "contoso").users.find((u) => u.id === id).licenses;
  await expect.poll(() => licensesOf("u-new-2")).toEqual(["sub-contoso-1"]);
  // Its name in each language.
  for (const locale of ["it-IT", "sv-SE", "zh-CN"]) {
    await page.getByTestId("locale-menu").selectOption(locale);
    await expect(page.getByRole("checkbox", { name: msg("select_all_users", {}, locale), exact: true })).toHaveCount(1);
  }
});

test("a link to one user opens the Licenses tab at that user's row, with focus on it", async ({ page }) => {
  await page.goto("customers/contoso/subscriptions/sub-contoso-1?tab=licenses&user=u-contoso-4");
  const box = page.getByRole("checkbox", { name: msg("select_user", { name: "Dev Patel" }) });
  await expect(box).toBeFocused();
  await expect(page.locator('tr[data-user-id="u-contoso-4"]')).toHaveClass(/row-target/);
  await page.keyboard.press("Space");
  await expect(box).toBeChecked();
  await expect(page.getByTestId("unassign-licenses")).toBeEnabled();
});

test("Assign refuses users without a usage location, naming them, in the partner's language", async ({ page }) => {
  const demo = await demoWorkspace(page);
  const contoso = demo.customers.find((c) => c.id === "contoso");
  contoso.users.push(
    { id: "u-new", displayName: "Nia Okafor", userPrincipalName: "nia@contoso.example", licenses: [] },
    { id: "u-new-2", displayName: "Ola Berg", userPrincipalName: "ola@contoso.example", usageLocation: "SE", licenses: [] },
  );
  await openWith(page, subscriptionPage("contoso", "sub-contoso-1", "licenses"), demo);
  const before = await storedText(page);
  await page.getByRole("checkbox", { name: msg("select_user", { name: "Nia Okafor" }) }).check();
  await page.getByTestId("assign-licenses").click();
  await expect(page.getByTestId("error")).toHaveText(msg("err_no_usage_location", { count: 1, users: "Nia Okafor" }));
  await expect(page.getByTestId("free-licenses")).toContainText("19");
  expect(await storedText(page)).toBe(before);
  // Both selected: still refused, naming only the one without a location.
  await page.getByRole("checkbox", { name: msg("select_user", { name: "Ola Berg" }) }).check();
  await page.getByTestId("assign-licenses").click();
  await expect(page.getByTestId("error")).toContainText(msg("err_no_usage_location", { count: 1, users: "Nia Okafor" }));
  expect(await storedText(page)).toBe(before);

  // In Italian, the same refusal in Italian.
  await page.getByTestId("locale-menu").selectOption("it-IT");
  await expect(page.getByTestId("assign-licenses")).toHaveText(msg("assign_button", {}, "it-IT"));
  const nia = page.locator('tr[data-user-id="u-new"]').getByRole("checkbox");
  await nia.uncheck();
  await nia.check();
  await page.getByTestId("assign-licenses").click();
  await expect(page.getByTestId("error")).toHaveText(msg("err_no_usage_location", { count: 1, users: "Nia Okafor" }, "it-IT"));
  // Ola Berg alone is assigned.
  await nia.uncheck();
  await page.getByTestId("assign-licenses").click();
  const licensesOf = async (id) => (await stored(page)).customers.find((c) => c.id === "contoso").users.find((u) => u.id === id).licenses;
  await expect.poll(() => licensesOf("u-new-2")).toEqual(["sub-contoso-1"]);
  expect(await licensesOf("u-new")).toEqual([]);
});

test("the manual wizard offers only this partner's subscriptions that keep the services, and names the old one", async ({ page }) => {
  // Wingtip: Business Basic through this partner, Apps for enterprise bought
  // directly from Microsoft (no Exchange). Step 2 used to choose the latter
  // and call it enough.
  const demo = await demoWorkspace(page);
  await openWith(page, manualUpgrade("wingtip", "sub-wingtip-1"), demo);
  const crumbs = page.getByRole("navigation", { name: msg("breadcrumb_label") });
  await expect(crumbs.getByRole("link", { name: "Microsoft 365 Business Basic" })).toBeVisible();
  await expect(crumbs).not.toContainText("sub-wingtip-1");
  const step2 = page.locator('[data-step="2"]');
  await expect(step2).toContainText(msg("manual_no_new"));
  await expect(step2).toContainText(msg("manual_partner_only"));
  await expect(step2.getByTestId("manual-new")).toHaveCount(0);
  await expect(step2).not.toContainText(msgPattern("manual_verify_ok"));

  // Through this partner: an Apps for enterprise (it would lose Exchange,
  // SharePoint and Teams) is offered with its losses, never chosen for the partner.
  const wingtip = demo.customers.find((c) => c.id === "wingtip");
  wingtip.subscriptions.push({ ...wingtip.subscriptions[1], id: "sub-wingtip-apps", channel: "partner" });
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [STORAGE_KEY, JSON.stringify(demo)]);
  await page.reload();
  const select = step2.getByTestId("manual-new");
  await expect(select).toHaveValue("");
  await expect(select.locator("option")).toHaveCount(2);
  await expect(select.locator('option[value="sub-wingtip-2"]')).toHaveCount(0);
  await expect(step2.locator(".message-bar")).toHaveCount(0);
  await select.selectOption("sub-wingtip-apps");
  await expect(step2.getByTestId("manual-lost-services")).toHaveText(msg("manual_loses_services", { services: "Exchange Online (Plan 1), SharePoint (Plan 1), Microsoft Teams" }));
  await expect(step2).not.toContainText(msgPattern("manual_verify_ok"));

  // An E3 through this partner keeps every service (Plan 2 gives Plan 1's): chosen, verified.
  wingtip.subscriptions.push({ ...wingtip.subscriptions[0], id: "sub-wingtip-e3", offerId: "o365-e3", quantity: 30 });
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [STORAGE_KEY, JSON.stringify(demo)]);
  await page.reload();
  await expect(select).toHaveValue("sub-wingtip-e3");
  await expect(step2).toContainText(msg("manual_verify_ok", { count: 30, old: 30 }));
  await expect(step2.getByTestId("manual-lost-services")).toHaveCount(0);
});
