// Data safety (docs/rules.md#validation, docs/rules.md#licence-counts-as-typed)
// as a partner meets it: a Chinese partner name,
// licences during a credit check, counts typed the way each language writes
// them, every import problem listed, read-only roles, cancelled subscriptions.
import { test, expect, openWith, demoWorkspace, STORAGE_KEY, stored, storedText } from "./fixtures.js";
import { readFile } from "node:fs/promises";
import { msg, target, upgradeTab, subscriptionsPage, subscriptionPage, subscriptionRow, cell } from "./helpers.js";

/** The import problem "should be a whole number of 0 or more, but is `found`" in `locale`. */
const notAWholeNumber = (found, locale = "en-US") =>
  msg("problem_wrong_value", { expected: msg("expected_whole_number", {}, locale), found }, locale);

async function chinaDemo() {
  return JSON.parse(await readFile(new URL("../../src/store/demo/china.json", import.meta.url), "utf8"));
}

test("a partner named in Chinese changes its role and places an order", async ({ page }) => {
  const doc = await chinaDemo();
  doc.partner.name = "世纪互联数据中心合作伙伴";
  // Two digits of revision put byte 120 of the stored text inside a character.
  doc.revision = 10;
  await openWith(page, "settings", doc);
  await page.getByTestId("role-select").selectOption("sales_agent");
  await expect.poll(async () => (await stored(page)).partner.user.role).toBe("sales_agent");
  await page.reload();
  await expect(page.getByTestId("role-select")).toHaveValue("sales_agent");
  await expect(page.getByRole("banner")).toContainText("世纪互联数据中心合作伙伴");

  await page.goto(upgradeTab("hengda", "sub-hengda-1"));
  await target(page, "o365-e3").getByTestId("add-to-cart").click();
  await expect(page).toHaveURL(/\/cart$/);
  await page.getByTestId("go-to-checkout").click();
  await page.getByTestId("payment-card").check();
  await page.getByTestId("place-order").click();
  await expect(page).toHaveURL(/\/orders\/ord-\d+$/);
  const doc2 = await stored(page);
  expect(doc2.partner.name).toBe("世纪互联数据中心合作伙伴");
  expect(doc2.orders).toHaveLength(1);
  expect(doc2.revision).toBeGreaterThan(10);
});

test("the licences tab during a credit check says which order holds it and changes nothing", async ({ page }) => {
  await page.goto(subscriptionPage("margie-travel", "sub-margie-1", "licenses"));
  const warning = page.getByText(msg("err_upgrade_in_progress", { order: "ord-1001" }));
  await expect(warning).toBeVisible();
  await expect(page.getByTestId("license-count")).toBeDisabled();
  await expect(page.getByTestId("license-save")).toBeDisabled();
  await expect(page.getByTestId("license-save")).toHaveAttribute("title", /ord-1001/);
  await expect(page.getByTestId("unassign-licenses")).toBeDisabled();
  // One box per user holding a licence (Margie's five; nobody left to assign) and the
  // list's select-all: all() takes the boxes there now, so count them first or the
  // loop may check none.
  await expect(page.getByRole("checkbox")).toHaveCount(6);
  for (const box of await page.getByRole("checkbox").all()) await expect(box).toBeDisabled();

  // Once the credit check is done and the order completes, the new plan holds the ordered 30.
  await page.goto("settings");
  await page.getByTestId("complete-credit-checks").click();
  await page.goto("orders/ord-1001");
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "completed", { timeout: 15_000 });
  const doc = await stored(page);
  const margie = doc.customers.find((c) => c.id === "margie-travel");
  const created = margie.subscriptions.find((s) => s.id === doc.orders[0].lines[0].newSubscriptionId);
  expect(created.quantity).toBe(30);
});

test("'1.000' typed in Italian is one thousand; in English it asks for a whole number", async ({ page }) => {
  await page.goto(upgradeTab("contoso", "sub-contoso-1"));
  const e3 = target(page, "o365-e3");
  await e3.getByTestId("quantity-input").fill("1.000");
  await expect(e3.getByTestId("error")).toHaveText(msg("quantity_fractional"));
  await expect(e3.getByTestId("add-to-cart")).toBeDisabled();

  await page.getByTestId("locale-menu").selectOption("it-IT");
  await expect(e3.getByTestId("error")).toHaveCount(0);
  await e3.getByTestId("add-to-cart").click();
  await expect(page).toHaveURL(/\/cart$/);
  expect((await stored(page)).cart[0].quantity).toBe(1000);
  // The cart reads its own field the same way.
  await page.getByTestId("quantity-input").fill("1.200");
  await expect.poll(async () => (await stored(page)).cart[0].quantity).toBe(1200);
  await page.getByTestId("quantity-input").fill("1.200,5");
  await expect(page.getByTestId("error").first()).toBeVisible();
  await expect(page.getByTestId("go-to-checkout")).toBeDisabled();
  expect((await stored(page)).cart[0].quantity).toBe(1200);
});

test("Swedish spaces and full-width digits are read as the partner meant", async ({ page }) => {
  await page.goto(subscriptionPage("contoso", "sub-contoso-1", "licenses"));
  await page.getByTestId("locale-menu").selectOption("sv-SE");
  // Swedish is fetched first: the count is read the Swedish way only once the page speaks it.
  await expect(page.locator("html")).toHaveAttribute("lang", "sv-SE");
  await page.getByTestId("license-count").fill("1 00");
  await page.getByTestId("license-save").click();
  await expect(page.getByTestId("error")).toBeVisible();
  await page.getByTestId("license-count").fill("１５０");
  await page.getByTestId("license-save").click();
  await page.getByTestId("confirm-accept").click();
  await expect.poll(async () => (await stored(page)).customers.find((c) => c.id === "contoso").subscriptions[0].quantity).toBe(150);
});

test("two lines to the same target for one customer: the second is blocked, naming the first", async ({ page }) => {
  const demo = await demoWorkspace(page);
  const contoso = demo.customers.find((c) => c.id === "contoso");
  contoso.subscriptions.push({ ...contoso.subscriptions[0], id: "sub-contoso-basic-2", friendlyName: "Contoso shop floor", quantity: 10 });
  demo.cart = [
    { customerId: "contoso", sourceSubscriptionId: "sub-contoso-1", targetOfferId: "o365-e3", quantity: 25, billingCycle: "monthly" },
    { customerId: "contoso", sourceSubscriptionId: "sub-contoso-basic-2", targetOfferId: "o365-e3", quantity: 10, billingCycle: "monthly" },
  ];
  await openWith(page, "cart", demo);
  const reason = page.locator('[data-testid="reason"][data-code="target_offer_already_owned"]');
  await expect(reason).toHaveCount(1);
  await expect(reason).toContainText("sub-contoso-1");
  await expect(page.getByTestId("go-to-checkout")).toBeDisabled();
  // Removing the first line lifts the block.
  await page.locator(".cart-line").first().getByRole("button", { name: msg("remove") }).click();
  await page.getByTestId("confirm-accept").click();
  await expect(reason).toHaveCount(0);
  await expect(page.getByTestId("go-to-checkout")).toBeEnabled();
});

test("an import with several problems lists each with its path, in plain words, and changes nothing", async ({ page }) => {
  await page.goto("settings");
  await page.getByTestId("role-select").selectOption("sales_agent");
  const before = await storedText(page);
  const demo = await demoWorkspace(page);
  // Two values of the wrong kind, and two that break the rules.
  demo.customers[1].subscriptions[0].quantity = -5;
  demo.customers[3].subscriptions[0].status = "frozen";
  demo.customers[0].subscriptions[0].quantity = 400;
  demo.customers[2].market = "CN";
  await page.getByTestId("import-file").setInputFiles({ name: "four.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(demo)) });
  const problems = page.getByTestId("problem");
  // Values of the wrong kind are reported first, all of them.
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText("customers[1].subscriptions[0].quantity");
  await expect(problems.nth(0)).toContainText(notAWholeNumber("-5"));
  await expect(problems.nth(1)).toContainText("customers[3].subscriptions[0].status");
  await expect(problems.nth(1)).toContainText(msg("problem_wrong_value", { expected: msg("expected_one_of", { values: "active, suspended, cancelled, expired, pending" }), found: '"frozen"' }));
  await expect(page.getByTestId("error")).not.toContainText("u32");
  expect(await storedText(page)).toBe(before);

  // With the kinds fixed, every rule that is broken is reported.
  demo.customers[1].subscriptions[0].quantity = 5;
  demo.customers[3].subscriptions[0].status = "active";
  await page.getByTestId("import-file").setInputFiles({ name: "rules.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(demo)) });
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText("customers[0].subscriptions[0].quantity");
  await expect(problems.nth(0)).toContainText(msg("problem_quantity_above_max", { max: 300, offer: "m365-business-basic" }));
  await expect(problems.nth(1)).toContainText("customers[2].market");
  await expect(problems.nth(1)).toContainText(msg("problem_worldwide_in_china", { market: "CN" }));
  expect(await storedText(page)).toBe(before);
});

test("a billing admin cannot complete credit checks", async ({ page }) => {
  const demo = await demoWorkspace(page);
  demo.partner.user.role = "billing_admin";
  await openWith(page, "settings", demo);
  await expect(page.getByTestId("complete-credit-checks")).toBeDisabled();
  await page.goto("orders");
  await expect(page.locator('[data-order-id="ord-1001"]')).toHaveAttribute("data-status", "credit_check");
});

test("a stored invalid billing e-mail blocks Place order, naming the field", async ({ page }) => {
  const demo = await demoWorkspace(page);
  const contoso = demo.customers.find((c) => c.id === "contoso");
  demo.cart = [{ customerId: "contoso", sourceSubscriptionId: "sub-contoso-1", targetOfferId: "o365-e3", quantity: 25, billingCycle: "monthly" }];
  demo.checkout = { key: "chk-e2e", customerId: "contoso", payment: "credit_card", soldTo: contoso.soldTo, billTo: { ...contoso.billTo, email: "ap@contoso" } };
  await openWith(page, "checkout", demo);
  await page.getByTestId("place-order").click();
  await expect(page.getByTestId("error")).toContainText(`${msg("bill_to")} › ${msg("field_email")}`);
  await expect(page).toHaveURL(/\/checkout$/);
  expect((await stored(page)).orders.map((o) => o.key)).not.toContain("chk-e2e");
});

test("a cancelled subscription shows no renewal date and its licences cannot change", async ({ page }) => {
  const demo = await demoWorkspace(page);
  const contoso = demo.customers.find((c) => c.id === "contoso");
  contoso.subscriptions[0].status = "cancelled";
  await openWith(page, subscriptionsPage("contoso"), demo);
  await expect(cell(subscriptionRow(page, "sub-contoso-1"), "renewal")).toHaveText(msg("no_renewal"));
  await page.goto(subscriptionPage("contoso", "sub-contoso-1", "licenses"));
  await expect(page.getByText(msg("licenses_closed", { status: msg("status_cancelled").toLowerCase() }))).toBeVisible();
  await expect(page.getByTestId("license-save")).toBeDisabled();
  await expect(page.getByTestId("unassign-licenses")).toBeDisabled();
});

test("ids with a space, a # or Chinese characters make working links and deep links", async ({ page }) => {
  const demo = await demoWorkspace(page);
  const contoso = demo.customers.find((c) => c.id === "contoso");
  const rename = (from, to) => {
    for (const s of contoso.subscriptions) {
      if (s.id === from) s.id = to;
      if (s.parentSubscriptionId === from) s.parentSubscriptionId = to;
    }
    for (const u of contoso.users) u.licenses = u.licenses.map((l) => (l === from ? to : l));
  };
  contoso.id = "客户 #1";
  rename("sub-contoso-1", "订阅 #1");
  await openWith(page, "customers", demo);
  await page.locator('[data-customer-id="客户 #1"] a').click();
  await expect(page.locator('[data-subscription-id="订阅 #1"]')).toBeVisible();
  await cell(subscriptionRow(page, "订阅 #1"), "name").getByRole("link").click();
  await expect(page.locator("code.mono")).toHaveText("订阅 #1");
  await page.getByRole("tab", { name: msg("tab_upgrade") }).click();
  await expect(page.locator('[data-testid="upgrade-target"]').first()).toBeVisible();
  // The address is a deep link that opens the same page.
  await page.reload();
  await expect(page.locator('[data-testid="upgrade-target"]').first()).toBeVisible();
  await expect(page.locator("code.mono")).toHaveText("订阅 #1");
});

test("import problems are listed in the partner's language, and follow a switch", async ({ page }) => {
  await page.goto("settings");
  await page.getByTestId("locale-menu").selectOption("it-IT");
  const demo = await demoWorkspace(page);
  demo.customers[1].subscriptions[0].quantity = -5;
  await page.getByTestId("import-file").setInputFiles({ name: "rotto.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(demo)) });
  const problem = page.getByTestId("problem");
  await expect(problem).toHaveText(`customers[1].subscriptions[0].quantity ${notAWholeNumber("-5", "it-IT")}`);
  await page.getByTestId("locale-menu").selectOption("sv-SE");
  await expect(problem).toHaveText(`customers[1].subscriptions[0].quantity ${notAWholeNumber("-5", "sv-SE")}`);
});
