// The foundation (docs/rules.md#routes-and-test-ids, docs/architecture.md#storage-protocol):
// the demo loads under a sub-path, search, navigation, deep links,
// language memory, storage recovery.
import { test, expect, openWith, STORAGE_KEY, demoWorkspace } from "./fixtures.js";
import { msg, dateText, subscriptionsPage, subscriptionPage, subscriptionRow, cell } from "./helpers.js";

test("the root redirects to the customer list of the demo workspace", async ({ page }) => {
  await page.goto("./");
  await expect(page).toHaveURL(/\/upgrade-center\/customers$/);
  await expect(page.getByRole("heading", { level: 1, name: msg("customers_title") })).toBeVisible();
  const demo = await demoWorkspace(page);
  await expect(page.getByTestId("customer-row")).toHaveCount(demo.customers.length);
  const names = await cell(page.getByTestId("customer-row"), "name").allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  expect(names[0]).toBe("Adventure Works");
  await expect(page.getByRole("banner")).toContainText("Adatum Cloud Partners");
  await expect(page.getByRole("banner")).toContainText(msg("signed_in_as", { name: "Avery Howard", role: msg("role_admin_agent") }));
});

test("search matches company names and domains, and says when nothing matches", async ({ page }) => {
  const demo = await demoWorkspace(page);
  await page.goto("customers");
  const search = page.getByPlaceholder(msg("search_placeholder"));
  await search.fill("fabri");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await expect(page.getByTestId("customer-row")).toHaveAttribute("data-customer-id", "fabrikam");
  await search.fill("ALPINESKIHOUSE.example");
  await expect(page.getByTestId("customer-row")).toHaveAttribute("data-customer-id", "alpine-ski");
  await search.fill("zzz-nobody");
  await expect(page.getByTestId("customer-row")).toHaveCount(0);
  await expect(page.getByText(msg("no_customers_match", { query: "zzz-nobody" }))).toBeVisible();
  await page.getByRole("button", { name: msg("clear_search") }).click();
  await expect(page.getByTestId("customer-row")).toHaveCount(demo.customers.length);
});

test("the market filter narrows the list", async ({ page }) => {
  await page.goto("customers");
  await page.getByLabel(msg("filter_market")).selectOption("IN");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await expect(page.getByTestId("customer-row")).toHaveAttribute("data-customer-id", "relecloud");
});

test("a customer's subscriptions list add-ons under their base with every column", async ({ page }) => {
  await page.goto("customers");
  await page.getByRole("link", { name: "Blue Yonder Airlines" }).click();
  await expect(page).toHaveURL(/customers\/blue-yonder\/subscriptions$/);
  const rows = page.getByTestId("subscription-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-offer-id", "o365-e4");
  await expect(rows.nth(1)).toHaveAttribute("data-offer-id", "addon-extra-file-storage");
  await expect(rows.nth(2)).toHaveAttribute("data-offer-id", "addon-audio-conferencing");
  const base = rows.nth(0);
  await expect(base).toHaveAttribute("data-status", "active");
  await expect(base).toContainText("Office 365 E4");
  await expect(base).toContainText("Office 365 Enterprise E4");
  await expect(base).toContainText(msg("billing_annual"));
  await expect(cell(base, "channel")).toHaveText(msg("channel_partner"));
  await expect(base).toContainText(dateText("2027-06-01"));
  await expect(cell(base, "quantity")).toHaveText("12");
  await expect(cell(base, "assigned")).toHaveText("9");
  await page.getByRole("navigation", { name: msg("breadcrumb_label") }).getByRole("link", { name: msg("customers_title") }).click();
  await expect(page).toHaveURL(/\/customers$/);
});

test("after a navigation, focus moves to the new page's main area", async ({ page }) => {
  await page.goto("customers");
  await page.getByRole("link", { name: "Contoso Ltd" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/contoso\/subscriptions$/);
  await expect(page.locator("main#main")).toBeFocused();
});

test("channels and statuses read as words", async ({ page }) => {
  await page.goto(subscriptionsPage("wingtip"));
  await expect(subscriptionRow(page, "sub-wingtip-2")).toContainText(msg("channel_direct"));
  await page.goto(subscriptionsPage("northwind"));
  await expect(page.locator('[data-subscription-id="sub-northwind-1"]')).toHaveAttribute("data-status", "suspended");
  await expect(subscriptionRow(page, "sub-northwind-1")).toContainText(msg("status_suspended"));
});

test("a deep link renders on load and on reload", async ({ page }) => {
  await page.goto(subscriptionPage("contoso", "sub-contoso-1"));
  await expect(page.getByRole("heading", { level: 1, name: "Microsoft 365 Business Basic" })).toBeVisible();
  await expect(page.getByText("sub-contoso-1", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Microsoft 365 Business Basic" })).toBeVisible();
  await page.goto("orders/ord-1001");
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "credit_check");
});

test("an unknown customer and an unknown route say so", async ({ page }) => {
  await page.goto(subscriptionsPage("nobody"));
  await expect(page.getByTestId("error")).toContainText(msg("customer_not_found", { id: "nobody" }));
  await page.goto("no/such/page");
  await expect(page.getByRole("heading", { name: msg("not_found_title") })).toBeVisible();
});

test("the language switch translates the page and is remembered", async ({ page }) => {
  await page.goto("customers");
  await page.getByRole("combobox", { name: msg("language") }).selectOption("it-IT");
  await expect(page.getByRole("heading", { level: 1, name: msg("customers_title", {}, "it-IT") })).toBeVisible();
  await expect(page.getByPlaceholder(msg("search_placeholder", {}, "it-IT"))).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: msg("customers_title", {}, "it-IT") })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "it-IT");
  await page.goto(subscriptionsPage("blue-yonder"));
  await expect(page.locator('[data-subscription-id="sub-blueyonder-1"]')).toContainText(dateText("2027-06-01", "it-IT"));
});

for (const tag of ["sv-SE", "zh-CN"]) {
  test(`the app speaks ${tag}, with its dates`, async ({ page }) => {
    await page.goto("settings");
    await page.getByTestId("locale-select").selectOption(tag);
    await page.goto("customers");
    await expect(page.getByRole("heading", { level: 1, name: msg("customers_title", {}, tag) })).toBeVisible();
    await page.goto(subscriptionsPage("blue-yonder"));
    await expect(page.locator('[data-subscription-id="sub-blueyonder-1"]')).toContainText(dateText("2027-06-01", tag));
  });
}

test("a stored workspace is what the app shows, and changes survive a reload", async ({ page }) => {
  const demo = await demoWorkspace(page);
  demo.customers = demo.customers.slice(0, 2);
  demo.orders = [];
  demo.audit = [];
  demo.customers[0].companyName = "<b>Injected</b> Ltd";
  await openWith(page, "settings", demo);
  await page.getByTestId("role-select").selectOption("billing_admin");
  await expect(page.getByText(msg("read_only_note"))).toBeVisible();
  await page.goto("customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(2);
  // Customer text is text, never HTML.
  await expect(page.getByRole("link", { name: "<b>Injected</b> Ltd" })).toBeVisible();
  await expect(page.locator("td b")).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("banner")).toContainText(`(${msg("role_billing_admin")})`);
  const stored = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY));
  expect(stored.partner.user.role).toBe("billing_admin");
  expect(stored.revision).toBeGreaterThan(0);
});

for (const [name, text, message] of [
  ["not JSON", '{"format": "upgrade-center.workspace", "customers": [', msg("recovery_not_json")],
  ["a newer version", JSON.stringify({ format: "upgrade-center.workspace", version: 99 }), msg("recovery_newer_version")],
  ["an invalid field", null, "customers[0].subscriptions[0].status"],
]) {
  test(`a stored document with ${name} opens the recovery screen and is kept`, async ({ page }) => {
    let raw = text;
    if (raw === null) {
      const demo = await demoWorkspace(page);
      demo.customers[0].subscriptions[0].status = "frozen";
      raw = JSON.stringify(demo);
    }
    await openWith(page, "customers", raw);
    await expect(page.getByTestId("error").first()).toContainText(message);
    await expect(page.getByTestId("customer-row")).toHaveCount(0);
    // Reloading changes nothing: the document is never overwritten.
    await page.reload();
    await expect(page.getByTestId("recovery-start-fresh")).toBeVisible();
    expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBe(raw);

    const download = page.waitForEvent("download");
    await page.getByTestId("recovery-download").click();
    const file = await download;
    const { readFile } = await import("node:fs/promises");
    expect(await readFile(await file.path(), "utf8")).toBe(raw);

    await page.getByTestId("recovery-start-fresh").click();
    await expect(page.getByTestId("customer-row")).toHaveCount((await demoWorkspace(page)).customers.length);
    expect(await page.evaluate(() => localStorage.getItem("upgrade-center.workspace.corrupt"))).toBe(raw);
  });
}

test("the page runs under a Content-Security-Policy without unsafe-inline or unsafe-eval", async ({ page }) => {
  await page.goto("customers");
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toMatch(/'unsafe-eval'/);
});

test("a bad catalog is a readable error page", async ({ page }) => {
  await page.route("**/catalog.json", (route) =>
    route.fulfill({ contentType: "application/json", body: JSON.stringify({ version: 1, services: [], offers: [], markets: {}, upgradeMatrix: {} }) }),
  );
  await page.goto("customers");
  await expect(page.getByRole("heading", { name: msg("error_catalog_title") })).toBeVisible();
  await expect(page.getByTestId("error")).toContainText('the market "*" is missing');
});
