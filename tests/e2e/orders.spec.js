// Cart, checkout and orders in the browser, with the numbers right
// (docs/rules.md#cart, docs/rules.md#checkout-and-orders).
import { test, expect, openWith, demoWorkspace, STORAGE_KEY, stored, storedText } from "./fixtures.js";
import { msg, dateText, target, addToCart, upgradeTab, subscriptionsPage, cell } from "./helpers.js";

test("card path: Business Basic to E3 with the exact proration, completed with licences moved", async ({ page }) => {
  await addToCart(page, "contoso", "sub-contoso-1", "o365-e3", 30, "monthly");
  // Credit 6.00 × 25 × 10/30 days = 50.00; charge 23.00 × 30 = 690.00; total 640.00.
  await expect(page.locator('tr[data-kind="credit"]')).toHaveAttribute("data-minor-units", "-5000");
  await expect(page.locator('tr[data-kind="credit"]')).toContainText(msg("credit_line", { count: 10, offer: "Microsoft 365 Business Basic", period: 30 }));
  await expect(page.locator('tr[data-kind="charge"]')).toHaveAttribute("data-minor-units", "69000");
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", "64000");
  await expect(page.getByTestId("cart-total")).toHaveText("USD 640.00");
  await expect(page.getByTestId("addon-line")).toHaveAttribute("data-disposition", "carried_over");
  await page.getByTestId("go-to-checkout").click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByText(msg("no_credit_check"))).toBeVisible();
  await page.getByTestId("payment-card").check();
  await page.getByTestId("place-order").click();
  await expect(page).toHaveURL(/\/orders\/ord-1002$/);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 15_000 });
  await expect(page.getByText(msg("affected_title"))).toBeVisible();

  await page.goto(subscriptionsPage("contoso"));
  await expect(page.locator('[data-subscription-id="sub-contoso-1"]')).toHaveAttribute("data-status", "cancelled");
  const created = page.locator('[data-testid="subscription-row"][data-offer-id="o365-e3"]');
  await expect(created).toHaveAttribute("data-status", "active");
  await expect(cell(created, "quantity")).toHaveText("30");
  await expect(cell(created, "assigned")).toHaveText("6");
  // The carried-over add-on now sits under the new subscription.
  const rows = page.getByTestId("subscription-row");
  const ids = await rows.evaluateAll((all) => all.map((r) => r.dataset.subscriptionId));
  expect(ids.indexOf("sub-contoso-2")).toBe(ids.indexOf("sub-1002-1") + 1);
  await page.goto("customers/contoso/subscriptions/sub-contoso-1");
  await expect(page.getByText(msg("upgraded_to", { target: "Office 365 E3", subscription: "sub-1002-1" }))).toBeVisible();
  // Cancelled by the upgrade: it renews no more, and its Upgrade tab sends the partner to the new one.
  const autoRenew = page.locator("dt", { hasText: msg("field_auto_renew") }).locator("xpath=following-sibling::dd[1]");
  await expect(autoRenew).toHaveText(msg("no"));
  await page.goto(upgradeTab("contoso", "sub-contoso-1"));
  await expect(page.getByTestId("upgraded-note")).toContainText(msg("upgrade_tab_upgraded", { target: "Office 365 E3" }));
  await expect(page.getByText(msg("remedy_status_not_active"))).toHaveCount(0);
  await page.getByTestId("new-subscription-upgrade").click();
  await expect(page).toHaveURL(/\/customers\/contoso\/subscriptions\/sub-1002-1\/upgrade$/);
  await page.goto("customers/contoso/subscriptions/sub-1002-1");
  await expect(page.getByText(msg("upgraded_from", { source: "Microsoft 365 Business Basic" }))).toBeVisible();
  await page.goto("customers/contoso/subscriptions/sub-1002-1?tab=history");
  const [basic, e3] = ["Microsoft 365 Business Basic (Contoso mail)", "Office 365 E3 (Contoso mail)"];
  await expect(page.getByRole("cell", { name: msg("audit_subscription_created", { subscription: e3, item: msg("order_line", { offer: "Office 365 E3", quantity: 30 }) }) })).toBeVisible();
  await expect(page.getByRole("cell", { name: msg("audit_licenses_moved", { count: 6, from: basic, to: e3 }) })).toBeVisible();
  await page.goto("orders");
  await expect(page.locator('[data-testid="order-row"][data-order-id="ord-1002"]')).toHaveAttribute("data-status", "completed");
});

test("invoice path: offered from the minimum, credit check with its date, completed from Settings", async ({ page }) => {
  await addToCart(page, "contoso", "sub-contoso-1", "o365-e1", 25, "monthly");
  await page.getByTestId("go-to-checkout").click();
  // USD 250.00 of charges: under the USD 500.00 invoice minimum.
  await expect(page.getByTestId("payment-invoice")).toBeDisabled();
  await expect(page.getByText(msg("invoice_unavailable", { minimum: "USD 500.00" }))).toBeVisible();
  await page.getByRole("link", { name: msg("change") }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await page.getByTestId("billing-frequency").selectOption("annual");
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", String(1000 * 25 * 12 - 5000));
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("payment-invoice").check();
  await expect(page.getByText(msg("credit_check_needed", { date: dateText("2026-11-24") }))).toBeVisible();
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "credit_check");
  await page.goto(upgradeTab("contoso", "sub-contoso-1"));
  await expect(target(page, "o365-e3").locator('[data-code="concurrency_conflicts"]')).toBeVisible();
  await page.goto("settings");
  await page.getByTestId("complete-credit-checks").click();
  await expect(page.getByText(msg("credit_checks_done", { count: 2 }))).toBeVisible();
  await page.goto("orders/ord-1002");
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 15_000 });
  const doc = await stored(page);
  expect(doc.orders.find((o) => o.id === "ord-1002").payment).toBe("invoice");
});

test("every kind of bad licence count in the cart is an inline error that blocks checkout", async ({ page }) => {
  await addToCart(page, "contoso", "sub-contoso-1", "o365-e3");
  const quantity = page.getByTestId("quantity-input");
  const checkout = page.getByTestId("go-to-checkout");
  for (const [text, message] of [
    ["", msg("quantity_empty")],
    ["twelve", msg("quantity_not_number")],
    ["25.5", msg("quantity_fractional")],
    ["-3", msg("quantity_below", { min: 25 })],
    ["10", msg("quantity_below", { min: 25 })],
    ["1000001", msg("quantity_above", { max: 1_000_000 })],
    ["1e309", msg("quantity_not_number")],
    ["99999999999999999999999999", msg("quantity_above", { max: 1_000_000 })],
  ]) {
    await quantity.fill(text);
    await expect(page.locator(".cart-line").getByTestId("error")).toContainText(message);
    await expect(checkout).toBeDisabled();
  }
  await quantity.fill("40");
  await expect(checkout).toBeEnabled();
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", String(2300 * 40 - 5000));
  // Stored once the partner settles on it: here, leaving the box.
  await quantity.press("Tab");
  await expect.poll(async () => (await stored(page)).cart[0].quantity).toBe(40);
});

test("a double click on Place order makes one order", async ({ page }) => {
  await addToCart(page, "contoso", "sub-contoso-1", "o365-e3");
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("place-order").dblclick();
  await expect(page).toHaveURL(/\/orders\/ord-1002$/);
  const doc = await stored(page);
  expect(doc.orders.map((o) => o.id)).toEqual(["ord-1001", "ord-1002"]);
});

test("a reload at checkout keeps the order key, and a reload while upgrading finishes the upgrade", async ({ page }) => {
  await addToCart(page, "contoso", "sub-contoso-1", "o365-e3");
  await page.getByTestId("go-to-checkout").click();
  await expect(page.getByTestId("place-order")).toBeEnabled();
  const key = (await stored(page)).checkout.key;
  await page.reload();
  await expect(page.getByTestId("place-order")).toBeEnabled();
  expect((await stored(page)).checkout.key).toBe(key);
  await page.getByTestId("place-order").click();
  await expect(page).toHaveURL(/\/orders\/ord-1002$/);
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 15_000 });
  const doc = await stored(page);
  expect(doc.orders.filter((o) => o.key === key)).toHaveLength(1);
});

test("the same checkout in two tabs creates one order and one upgrade", async ({ page, context, watch }) => {
  await addToCart(page, "contoso", "sub-contoso-1", "o365-e3");
  await page.getByTestId("go-to-checkout").click();
  await expect(page.getByTestId("place-order")).toBeEnabled();
  const second = watch(await context.newPage());
  await second.goto("checkout");
  await expect(second.getByTestId("place-order")).toBeEnabled();
  await page.getByTestId("place-order").click();
  await expect(page).toHaveURL(/\/orders\/ord-1002$/);
  // The second tab follows the first to the order its checkout became.
  await expect(second).toHaveURL(/\/orders\/ord-1002$/);
  await expect(second.getByTestId("order-status")).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 15_000 });
  const doc = await stored(page);
  expect(doc.orders).toHaveLength(2);
  const contoso = doc.customers.find((c) => c.id === "contoso");
  expect(contoso.subscriptions.filter((s) => s.offerId === "o365-e3")).toHaveLength(1);
  await second.close();
});

test("a stale tab that missed the other tab's order still places nothing twice", async ({ page, context, watch }) => {
  await addToCart(page, "contoso", "sub-contoso-1", "o365-e3");
  await page.getByTestId("go-to-checkout").click();
  await expect(page.getByTestId("place-order")).toBeEnabled();
  const stale = watch(await context.newPage());
  // This tab never hears of the other tab's changes.
  await stale.addInitScript(() => window.addEventListener("storage", (e) => e.stopImmediatePropagation(), true));
  await stale.goto("checkout");
  await expect(stale.getByTestId("place-order")).toBeEnabled();
  await page.getByTestId("place-order").click();
  await expect(page).toHaveURL(/\/orders\/ord-1002$/);
  await stale.getByTestId("place-order").click();
  await expect(stale).toHaveURL(/\/orders\/ord-1002$/);
  const doc = await stored(page);
  expect(doc.orders.map((o) => o.id)).toEqual(["ord-1001", "ord-1002"]);
  await stale.close();
});

test("the E4 upgrade removes Audio Conferencing, carries storage over and lists users without usage location", async ({ page }) => {
  await addToCart(page, "blue-yonder", "sub-blueyonder-1", "o365-e5", 12, "monthly");
  await expect(page.locator('[data-testid="addon-line"][data-offer-id="addon-audio-conferencing"]')).toHaveAttribute("data-disposition", "removed");
  await expect(page.locator('[data-testid="addon-line"][data-offer-id="addon-extra-file-storage"]')).toHaveAttribute("data-disposition", "carried_over");
  // Credits: E4 22.00 × 12 × 12 months × 192/365 and Audio 4.00 × 12 × 12 × 192/365; charge 38.00 × 12.
  await expect(page.locator('tr[data-kind="credit"]').nth(0)).toHaveAttribute("data-minor-units", "-166645");
  await expect(page.locator('tr[data-kind="credit"]').nth(1)).toHaveAttribute("data-minor-units", "-30299");
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", String(45600 - 166645 - 30299));
  await expect(page.getByText(msg("total_credit_note"))).toBeVisible();
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 15_000 });
  await expect(page.getByTestId("affected-account")).toHaveCount(2);
  const first = page.getByTestId("affected-account").first();
  await expect(first).toContainText(msg("affected_usage_location"));
  // Without the new licence, every service of the new plan needs the work;
  // the user's name leads to their row on the new subscription's Licenses tab.
  await expect(first.getByTestId("affected-service")).toHaveText(msg("affected_all_services", { offer: "Office 365 E5" }));
  await expect(first).toHaveAttribute("data-user-id", "u-blue-yonder-3");
  await first.getByRole("link").click();
  await expect(page).toHaveURL(/\/customers\/blue-yonder\/subscriptions\/sub-[^/?]+\?tab=licenses&user=u-blue-yonder-3$/);
  await expect(page.locator('tr[data-user-id="u-blue-yonder-3"]').getByRole("checkbox")).toBeFocused();
  await page.goto(subscriptionsPage("blue-yonder"));
  await expect(page.locator('[data-subscription-id="sub-blueyonder-3"]')).toHaveAttribute("data-status", "cancelled");
  await expect(page.locator('[data-subscription-id="sub-blueyonder-2"]')).toHaveAttribute("data-status", "active");
});

// Change opens the card's form and, once drawn, puts focus in its first field
// (the app's own behaviour): typing before that would land in the wrong field.
async function change(card) {
  await card.getByRole("button", { name: msg("change") }).click();
  await expect(card.getByLabel(msg("field_name"), { exact: true })).toBeFocused();
}

test("Sold to and Bill to are edited in place and validated", async ({ page }) => {
  await addToCart(page, "contoso", "sub-contoso-1", "o365-e3");
  await page.getByTestId("go-to-checkout").click();
  const billTo = page.locator(".contact-card").nth(1);
  await change(billTo);
  await billTo.getByLabel(msg("field_email")).fill("not-an-email");
  await billTo.getByLabel(msg("field_country")).fill("usa");
  await billTo.getByRole("button", { name: msg("save") }).click();
  await expect(billTo.getByTestId("error")).toHaveCount(2);
  // The first field in error takes focus a frame later: typing in Country
  // before that move would send the text into Billing email.
  await expect(billTo.getByLabel(msg("field_email"))).toBeFocused();
  await expect(page.getByTestId("place-order")).toBeDisabled();
  await billTo.getByLabel(msg("field_email")).fill("billing@contoso.example");
  await billTo.getByLabel(msg("field_country")).fill("US");
  await billTo.getByRole("button", { name: msg("save") }).click();
  await expect(billTo).toContainText("billing@contoso.example");
  await page.getByTestId("place-order").click();
  await expect(page).toHaveURL(/\/orders\/ord-1002$/);
  const doc = await stored(page);
  expect(doc.orders.find((o) => o.id === "ord-1002").billTo.email).toBe("billing@contoso.example");
});

test("Sold to and Bill to write the city and postal code in their country's order, and the country by name", async ({ page }) => {
  await addToCart(page, "contoso", "sub-contoso-1", "o365-e3");
  await page.getByTestId("go-to-checkout").click();
  const [soldTo, billTo] = [page.locator(".contact-card").nth(0), page.locator(".contact-card").nth(1)];
  // The United States: city, then ZIP code.
  await expect(soldTo.locator("address")).toContainText("Seattle 98101");
  await expect(soldTo.locator("address")).not.toContainText("98101 Seattle");
  // Sweden: postal code, then city; the United Kingdom: the postcode on a line of its own.
  await change(billTo);
  await billTo.getByLabel(msg("field_city")).fill("Stockholm");
  await billTo.getByLabel(msg("field_postal")).fill("111 51");
  await billTo.getByLabel(msg("field_country")).fill("SE");
  await billTo.getByRole("button", { name: msg("save") }).click();
  await expect(billTo.locator("address")).toContainText("111 51 Stockholm");
  await change(billTo);
  await billTo.getByLabel(msg("field_city")).fill("London");
  await billTo.getByLabel(msg("field_postal")).fill("SW1A 1AA");
  await billTo.getByLabel(msg("field_country")).fill("GB");
  await billTo.getByRole("button", { name: msg("save") }).click();
  const lastLines = async () => (await billTo.locator("address").innerText()).split("\n").map((l) => l.trim()).slice(-3);
  await expect.poll(lastLines).toEqual(["London", "SW1A 1AA", "United Kingdom"]);
  // The country by its name in the partner's language, not its code.
  await expect(soldTo.locator("address")).toContainText("United States");
  await page.getByTestId("locale-menu").selectOption("it-IT");
  await expect(soldTo.locator("address")).toContainText("Stati Uniti");
  await expect(billTo.locator("address")).toContainText("Regno Unito");
});

test("a billing admin cannot go to checkout", async ({ page }) => {
  const demo = await demoWorkspace(page);
  demo.cart = [{ customerId: "contoso", sourceSubscriptionId: "sub-contoso-1", targetOfferId: "o365-e3", quantity: 25, billingCycle: "monthly" }];
  demo.partner.user.role = "billing_admin";
  await openWith(page, "cart", demo);
  await expect(page.getByTestId("go-to-checkout")).toBeDisabled();
  await expect(page.getByTestId("go-to-checkout")).toHaveAttribute("title", msg("read_only_action"));
  await expect(page.locator('[data-code="role_not_permitted"]')).toBeVisible();
});

test("one cart per customer: a second customer's upgrade drops nothing, and each cart checks out on its own", async ({ page }) => {
  await addToCart(page, "contoso", "sub-contoso-1", "o365-e3", 30);
  await addToCart(page, "blue-yonder", "sub-blueyonder-1", "o365-e5");
  const groups = page.getByTestId("cart-customer");
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(0)).toHaveAttribute("data-customer-id", "contoso");
  await expect(page.getByRole("banner")).toContainText(msg("cart_button", { count: 2 }));
  const blue = page.locator('[data-testid="cart-customer"][data-customer-id="blue-yonder"]');
  await blue.getByTestId("go-to-checkout").click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByText("Blue Yonder Airlines").first()).toBeVisible();
  await page.getByTestId("payment-card").check();
  await page.getByTestId("place-order").click();
  await expect(page).toHaveURL(/\/orders\/ord-1002$/);
  const doc = await stored(page);
  expect(doc.orders.find((o) => o.id === "ord-1002").customerId).toBe("blue-yonder");
  expect(doc.cart.map((l) => l.customerId)).toEqual(["contoso"]);
  await page.goto("cart");
  await expect(page.getByTestId("cart-customer")).toHaveCount(1);
  await expect(page.getByTestId("cart-customer")).toHaveAttribute("data-customer-id", "contoso");
});

test("removing a cart line asks first: focus moves into the dialog, Escape keeps the line, accept removes it", async ({ page }) => {
  await addToCart(page, "contoso", "sub-contoso-1", "o365-e3", 30);
  const remove = page.locator(".cart-line").getByRole("button", { name: msg("remove") });
  await remove.click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(msg("confirm_remove_body", { line: "Microsoft 365 Business Basic → Office 365 E3" }));
  await expect(dialog.getByTestId("confirm-cancel")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();
  await expect(page.getByTestId("cart-customer")).toHaveCount(1);
  await remove.click();
  await dialog.getByTestId("confirm-accept").click();
  await expect(page.getByTestId("cart-customer")).toHaveCount(0);
  expect((await stored(page)).cart).toEqual([]);
});

test("a service received twice is named, and its user leads to the other subscription's licences", async ({ page }) => {
  // Wingtip's users also hold Apps for enterprise (bought direct), which has OneDrive, as E1 does.
  await addToCart(page, "wingtip", "sub-wingtip-1", "o365-e1", 30, "monthly");
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 15_000 });
  const row = page.locator('[data-testid="affected-account"][data-issue="duplicate_service"]').first();
  await expect(row.getByTestId("affected-service")).toHaveText("OneDrive");
  await expect(row).toContainText(msg("affected_duplicate", { offer: "Microsoft 365 Apps for enterprise (Apps bought from Microsoft)" }));
  const user = await row.getAttribute("data-user-id");
  await row.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/customers/wingtip/subscriptions/sub-wingtip-2\\?tab=licenses&user=${user}$`));
  await expect(page.locator(`tr[data-user-id="${user}"]`).getByRole("checkbox")).toBeFocused();
});
