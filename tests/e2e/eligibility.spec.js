// Eligibility (docs/rules.md#eligibility): every reason code in the browser, the ⓘ button and its callout by
// mouse and keyboard, the Upgrade tab, both clouds and the read-only role.
import { test, expect, openWith, demoWorkspace } from "./fixtures.js";
import { msg, target, reason, upgradeTab, subscriptionsPage, subscriptionPage } from "./helpers.js";

const suspended = msg("status_suspended").toLowerCase();
const cases = [
  ["subscription_status_not_active", "northwind", "sub-northwind-1", "o365-e3", msg("reason_status_not_active", { status: suspended })],
  ["subscription_not_provisioned", "northwind", "sub-northwind-2", "o365-e1", msg("reason_not_provisioned")],
  ["delegated_admin_permissions_disabled", "litware", "sub-litware-1", "o365-e1", msg("reason_admin_disabled")],
  ["concurrency_conflicts", "margie-travel", "sub-margie-1", "o365-e3", msg("reason_concurrency", { order: "ord-1001" })],
  ["more_users_than_licenses", "alpine-ski", "sub-alpine-1", "o365-e1", msg("reason_more_users", { users: 4, licenses: 3 })],
  ["insufficient_granular_admin_permissions", "tailspin", "sub-tailspin-1", "o365-e3", msg("reason_granular", { services: "Exchange Online (Plan 2), SharePoint (Plan 2)" })],
  ["target_offer_already_owned", "adventure-works", "sub-adventure-1", "o365-e3", msg("reason_owned", { offer: "Office 365 E3", bought: msg("bought_partner") })],
  ["conflicting_service_types", "wingtip", "sub-wingtip-1", "o365-e3", msg("reason_conflict", { offer: "Microsoft 365 Apps for enterprise", bought: msg("bought_direct"), services: "Microsoft 365 apps" })],
  ["subscription_add_ons_present", "coho-winery", "sub-coho-1", "o365-e3", msg("reason_addon_not_movable", { addon: "Phone System", status: suspended })],
];

for (const [code, customer, subscription, offer, words] of cases) {
  test(`${code} blocks ${offer} with its facts and remedy`, async ({ page }) => {
    await page.goto(upgradeTab(customer, subscription));
    await expect(target(page, offer)).toHaveAttribute("data-eligible", "false");
    const item = reason(page, offer, code);
    await expect(item).toContainText(words);
    await expect(item).toContainText(msg("what_you_can_do"));
    await expect(item).toContainText(code);
    await expect(target(page, offer).getByTestId("add-to-cart")).toHaveCount(0);
  });
}

test("a pending order's reason links to Settings, where the demo completes credit checks", async ({ page }) => {
  await page.goto(upgradeTab("margie-travel", "sub-margie-1"));
  await reason(page, "o365-e3", "concurrency_conflicts").getByRole("link", { name: msg("settings_credit_hint") }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByTestId("complete-credit-checks")).toBeEnabled();
});

test("a subscription-level reason appears in every target", async ({ page }) => {
  await page.goto(upgradeTab("litware", "sub-litware-1"));
  await expect(page.getByTestId("upgrade-target")).toHaveCount(4);
  for (const card of await page.getByTestId("upgrade-target").all()) {
    await expect(card.locator('[data-code="delegated_admin_permissions_disabled"]')).toHaveCount(1);
  }
  await expect(page.getByText(msg("nothing_eligible"))).toBeVisible();
});

test("an offer with no upgrade path says so", async ({ page }) => {
  await page.goto(upgradeTab("adventure-works", "sub-adventure-2"));
  await expect(page.getByTestId("upgrade-target")).toHaveCount(0);
  await expect(page.locator('[data-code="subscription_does_not_have_any_upgrade_paths"]')).toContainText(msg("reason_no_path", { offer: "Office 365 E3" }));
});

test("an India target outside India is not available in the market", async ({ page }) => {
  const demo = await demoWorkspace(page);
  demo.customers.find((c) => c.id === "relecloud").market = "US";
  await openWith(page, upgradeTab("relecloud", "sub-relecloud-1"), demo);
  await expect(reason(page, "m365-business-standard-in", "offer_not_available_in_market")).toContainText(msg("reason_not_in_market", { target: "Microsoft 365 Business Standard India", market: "US" }));
  await expect(target(page, "o365-e3")).toHaveAttribute("data-eligible", "true");
  await expect(target(page, "m365-business-standard")).toHaveCount(0);
});

test("the India customer upgrades to Business Standard India, priced in rupees", async ({ page }) => {
  await page.goto(upgradeTab("relecloud", "sub-relecloud-1"));
  await expect(target(page, "m365-business-standard-in")).toHaveAttribute("data-eligible", "true");
  await expect(target(page, "m365-business-standard-in")).toContainText("INR");
});

test("add-ons show their fate on each target", async ({ page }) => {
  await page.goto(upgradeTab("blue-yonder", "sub-blueyonder-1"));
  const e5 = target(page, "o365-e5");
  await expect(e5).toHaveAttribute("data-eligible", "true");
  await expect(e5.locator('[data-offer-id="addon-audio-conferencing"]')).toHaveAttribute("data-disposition", "removed");
  await expect(e5.locator('[data-offer-id="addon-audio-conferencing"]')).toContainText(msg("addon_removed", { target: "Office 365 E5" }));
  await expect(e5.locator('[data-offer-id="addon-extra-file-storage"]')).toHaveAttribute("data-disposition", "carried_over");
});

test("the ⓘ button opens its callout on hover, and Upgrade now opens the Upgrade tab", async ({ page }) => {
  await page.goto(subscriptionsPage("contoso"));
  const row = page.locator('[data-subscription-id="sub-contoso-1"]');
  await expect(page.locator('[data-subscription-id="sub-contoso-2"] [data-testid="upgrade-info"]')).toHaveCount(0);
  const callout = row.getByRole("tooltip");
  await expect(callout).toBeHidden();
  await row.getByTestId("upgrade-info").hover();
  await expect(callout).toBeVisible();
  await expect(callout).toContainText(msg("eligible_for_upgrades", { count: 4 }));
  await callout.getByTestId("upgrade-now").click();
  await expect(page).toHaveURL(/customers\/contoso\/subscriptions\/sub-contoso-1\/upgrade$/);
  await expect(page.getByTestId("upgrade-target")).toHaveCount(4);
});

test("the ⓘ callout opens on keyboard focus and closes on Escape", async ({ page }) => {
  await page.goto(subscriptionsPage("contoso"));
  const row = page.locator('[data-subscription-id="sub-contoso-1"]');
  const button = row.getByTestId("upgrade-info");
  await row.getByRole("link").first().focus();
  await page.keyboard.press("Tab");
  await expect(button).toBeFocused();
  await expect(row.getByRole("tooltip")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(row.getByRole("tooltip")).toBeHidden();
  await expect(button).toBeFocused();
  // Enter or Space opens it again without leaving the button.
  await page.keyboard.press("Enter");
  await expect(row.getByRole("tooltip")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(row.getByRole("tooltip")).toBeHidden();
  await page.keyboard.press(" ");
  await expect(row.getByRole("tooltip")).toBeVisible();
  // Focus can move into the callout's link without closing it.
  await button.blur();
  await button.focus();
  await page.keyboard.press("Tab");
  await expect(row.getByTestId("upgrade-now")).toBeFocused();
  await expect(row.getByRole("tooltip")).toBeVisible();
});

test("blocked subscriptions have no ⓘ, and the customer list counts upgradable ones", async ({ page }) => {
  await page.goto(subscriptionsPage("coho-winery"));
  await expect(page.getByTestId("subscription-row").first()).toBeVisible();
  await expect(page.getByTestId("upgrade-info")).toHaveCount(0);
  await page.goto("customers");
  await expect(page.locator('[data-customer-id="contoso"] .count-badge')).toHaveText("1");
  await page.getByLabel(msg("filter_upgradable")).check();
  await expect(page.locator('[data-customer-id="coho-winery"]')).toHaveCount(0);
  await expect(page.locator('[data-customer-id="contoso"]')).toHaveCount(1);
});

test("the details page notes an upgradable subscription", async ({ page }) => {
  await page.goto(subscriptionPage("contoso", "sub-contoso-1"));
  await expect(page.getByText(msg("can_be_upgraded"))).toBeVisible();
  await page.getByTestId("upgrade-now").click();
  await expect(page).toHaveURL(/sub-contoso-1\/upgrade$/);
  // On the Upgrade tab itself the note has nowhere else to send the partner.
  await expect(page.getByTestId("upgrade-target").first()).toBeVisible();
  await expect(page.getByText(msg("can_be_upgraded"))).toHaveCount(0);
});

test("the licence count is validated inline and a valid choice goes to the cart", async ({ page }) => {
  await page.goto(upgradeTab("contoso", "sub-contoso-1"));
  const e3 = target(page, "o365-e3");
  const quantity = e3.getByTestId("quantity-input");
  const add = e3.getByTestId("add-to-cart");
  await expect(quantity).toHaveValue("25");
  for (const [text, message] of [
    ["", msg("quantity_empty")],
    ["abc", msg("quantity_not_number")],
    ["30.5", msg("quantity_fractional")],
    ["24", msg("quantity_below", { min: 25 })],
    ["99999999999999999999", msg("quantity_above", { max: 1_000_000 })],
  ]) {
    await quantity.fill(text);
    await expect(e3.getByTestId("error")).toContainText(message);
    await expect(add).toBeDisabled();
  }
  await quantity.fill("30");
  await expect(e3.getByTestId("error")).toHaveCount(0);
  await e3.getByTestId("billing-frequency").selectOption("annual");
  await add.click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByRole("banner")).toContainText(msg("cart_button", { count: 1 }));
});

test("a billing admin sees every target blocked by role, with one sentence why", async ({ page }) => {
  const demo = await demoWorkspace(page);
  demo.partner.user.role = "billing_admin";
  await openWith(page, upgradeTab("contoso", "sub-contoso-1"), demo);
  await expect(page.getByText(msg("read_only_note"))).toBeVisible();
  // all() takes the cards there now: wait for every one, or the loop may check none.
  await expect(page.getByTestId("upgrade-target")).toHaveCount(4);
  for (const card of await page.getByTestId("upgrade-target").all()) {
    await expect(card).toHaveAttribute("data-eligible", "false");
    await expect(card.locator('[data-code="role_not_permitted"]')).toContainText(msg("role_billing_admin"));
  }
  await page.goto(subscriptionsPage("contoso"));
  await expect(page.getByTestId("subscription-row").first()).toBeVisible();
  await expect(page.getByTestId("upgrade-info")).toHaveCount(0);
});

test("the 21Vianet demo uses the china matrix, CNY and the admin-center note", async ({ page }) => {
  await page.goto("settings");
  await page.getByTestId("reset-china-demo").click();
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByRole("banner")).toContainText(msg("cloud_china"));
  await page.goto(upgradeTab("hengda", "sub-hengda-1"));
  await expect(page.getByText(msg("china_note"))).toBeVisible();
  await expect(page.getByTestId("upgrade-target")).toHaveCount(3);
  await expect(target(page, "o365-e5")).toHaveCount(0);
  await expect(target(page, "o365-e3")).toContainText("CNY");
  await page.goto(upgradeTab("jinhui", "sub-jinhui-1"));
  await expect(page.getByTestId("upgrade-target")).toHaveCount(3);
});

test("reasons are translated in Italian", async ({ page }) => {
  await page.goto("settings");
  await page.getByTestId("locale-select").selectOption("it-IT");
  await page.goto(upgradeTab("litware", "sub-litware-1"));
  await expect(reason(page, "o365-e1", "delegated_admin_permissions_disabled")).toContainText(msg("what_you_can_do", {}, "it-IT"));
});
