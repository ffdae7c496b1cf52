// Layout from phone to desktop (docs/rules.md#layout-and-accessibility): no page scrolls
// sideways at 390, 768, 1024 or 1366 px, with a 120-character unbroken name
// and a Chinese name in the workspace; the phone header's menu; checkout's
// cards keep keyboard focus where the partner is, and its payment choice
// comes before Place order; a billing admin sees checkout, read-only, with
// the role sentence said once.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, openWith } from "./fixtures.js";
import { layoutWorkspace, ROUTES, LONG, LONG_ID, LONG_SUB, CHINESE_NAME } from "./layout-workspace.js";
import { msg, subscriptionRow, cell } from "./helpers.js";

const WIDTHS = [390, 768, 1024, 1366];
const READ_ONLY_NOTE = msg("read_only_note");

/** The layout workspace with a checkout in progress for the long-named customer. */
async function withCheckout() {
  const doc = await layoutWorkspace();
  const customer = doc.customers.find((c) => c.id === LONG_ID);
  doc.checkout = { key: "layout-checkout", customerId: LONG_ID, payment: "credit_card", soldTo: customer.soldTo, billTo: customer.billTo };
  return doc;
}

/** Waits until the page at `name` shows what it is about. */
async function shown(page, name, { readOnly = false } = {}) {
  const h1 = page.getByRole("heading", { level: 1 });
  const expected = {
    customers: msg("customers_title"),
    subscriptions: LONG,
    "subscriptions-chinese": CHINESE_NAME,
    overview: "Microsoft 365 Business Basic",
    upgrade: "Microsoft 365 Business Basic",
    licenses: "Microsoft 365 Business Basic",
    history: "Microsoft 365 Business Basic",
    "manual-upgrade": msg("manual_upgrade_title"),
    cart: msg("cart_title"),
    checkout: msg("checkout_title"),
    orders: msg("orders_title"),
    order: msg("order_title", { id: "ord-1002" }),
    "order-pending": msg("order_title", { id: "ord-1001" }),
    settings: msg("settings_title"),
    opportunities: msg("opportunities_title"),
    "not-found": msg("not_found_title"),
  }[name];
  await expect(h1).toHaveText(expected);
  const content = {
    customers: page.locator(`[data-testid="customer-row"][data-customer-id="${LONG_ID}"]`),
    subscriptions: page.getByTestId("subscription-row").first(),
    "subscriptions-chinese": page.getByTestId("subscription-row").first(),
    upgrade: page.getByTestId("upgrade-target").first(),
    licenses: page.getByTestId("license-count"),
    history: page.getByRole("tab", { name: msg("tab_history"), selected: true }),
    overview: page.getByRole("tab", { name: msg("tab_overview"), selected: true }),
    "manual-upgrade": page.getByTestId("manual-step").first(),
    cart: page.getByTestId("cart-total"),
    checkout: page.getByTestId("place-order"),
    orders: page.getByTestId("order-row").first(),
    order: page.getByTestId("order-status"),
    "order-pending": page.getByTestId("order-status"),
    settings: page.getByTestId("role-select"),
    opportunities: page.getByTestId("opportunities-eligible-only"),
  }[name];
  // A read-only role's cart is checked by its own spec; here its title is enough.
  if (content && !(readOnly && name === "cart")) await expect(content).toBeVisible();
}

async function pageWidth(page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
}

for (const width of WIDTHS) {
  test(`no page scrolls sideways at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await openWith(page, "customers", await withCheckout());
    const wide = [];
    for (const [name, path] of ROUTES) {
      await page.goto(path);
      await shown(page, name);
      const { scroll, inner } = await pageWidth(page);
      if (scroll > inner) wide.push(`${name}: ${scroll} px wide in a ${inner} px window`);
    }
    expect(wide).toEqual([]);
  });
}

test("the Chinese interface does not scroll sideways on a phone either", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openWith(page, "customers", await withCheckout());
  await page.getByTestId("menu-button").click();
  await page.getByTestId("locale-menu").selectOption("zh-CN");
  for (const path of ["customers", `customers/${LONG_ID}/subscriptions`, "checkout", "orders/ord-1002", "settings"]) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const { scroll, inner } = await pageWidth(page);
    expect(scroll, path).toBeLessThanOrEqual(inner);
  }
});

// Italian and Swedish labels run longest: Settings' "Completa le verifiche del
// credito in sospeso" pushed the page to 400 px at 390.
for (const locale of ["it-IT", "sv-SE"]) {
  test(`the ${locale} interface does not scroll sideways at 390 px`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await openWith(page, "customers", await withCheckout());
    await page.getByTestId("menu-button").click();
    await page.getByTestId("locale-menu").selectOption(locale);
    for (const path of ["customers", `customers/${LONG_ID}/subscriptions`, "cart", "checkout", "orders/ord-1002", "opportunities", "settings"]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // The rows too: a report builds them after its first paint.
      await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
      const { scroll, inner } = await pageWidth(page);
      expect(scroll, path).toBeLessThanOrEqual(inner);
    }
  });
}

test("a long name wraps inside its table instead of hiding the columns after it", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await openWith(page, `customers/${LONG_ID}/subscriptions`, await layoutWorkspace());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LONG);
  const renews = page.getByRole("columnheader", { name: msg("col_renewal") });
  await expect(renews).toBeInViewport({ ratio: 1 });
  const row = subscriptionRow(page, LONG_SUB);
  await expect(cell(row, "renewal")).toBeInViewport({ ratio: 1 });
  // The table's card holds it all: nothing spills past the card's edge.
  const overflow = await page.locator(".table-card").first().evaluate((card) => card.scrollWidth - card.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("at 390 px the menu button opens the navigation and shows the signed-in user", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await openWith(page, "customers", await layoutWorkspace());
  const button = page.getByRole("button", { name: msg("menu_button") });
  const nav = page.getByRole("navigation", { name: msg("nav_label") });
  const user = page.getByTestId("signed-in-user");
  await expect(button).toBeVisible();
  await expect(button).toHaveAttribute("aria-controls", "app-menu");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await expect(user).toBeHidden();
  // The cart stays in the header, menu open or not.
  const cart = page.getByRole("banner").getByRole("link", { name: msg("cart_button", { count: 1 }) });
  await expect(cart).toBeInViewport();

  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator("#app-menu")).toBeVisible();
  await expect(nav).toBeInViewport();
  await expect(user).toBeInViewport();
  await expect(user).toContainText(msg("signed_in_as", { name: "Avery Howard", role: msg("role_admin_agent") }));
  await expect(page.getByTestId("locale-menu")).toBeInViewport();
  await expect(cart).toBeInViewport();
  expect((await pageWidth(page)).scroll).toBeLessThanOrEqual(390);

  // Escape closes it and gives focus back to the button.
  await page.keyboard.press("Escape");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await expect(button).toBeFocused();

  // A link in the menu opens its page and closes the menu.
  await button.click();
  await nav.getByRole("link", { name: msg("nav_orders") }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(msg("orders_title"));
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();

  // The language menu works from the menu.
  await button.click();
  await page.getByTestId("locale-menu").selectOption("sv-SE");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(msg("orders_title", {}, "sv-SE"));
  await expect(page.getByRole("button", { name: msg("menu_button", {}, "sv-SE") })).toBeVisible();
});

test("from 768 px the header shows navigation, language and user without a menu button", async ({ page }) => {
  for (const width of [768, 1366]) {
    await page.setViewportSize({ width, height: 800 });
    await openWith(page, "customers", await layoutWorkspace());
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(msg("customers_title"));
    await expect(page.getByTestId("menu-button")).toBeHidden();
    await expect(page.getByRole("navigation", { name: msg("nav_label") })).toBeInViewport();
    await expect(page.getByTestId("locale-menu")).toBeInViewport();
    await expect(page.getByTestId("signed-in-user")).toBeInViewport();
    await expect(page.getByRole("banner").getByRole("link", { name: msg("cart_button", { count: 1 }) })).toBeInViewport();
  }
});

test("checkout: Change moves focus into the card, Escape closes it and focus returns to Change", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openWith(page, "checkout", await withCheckout());
  const soldTo = page.getByTestId("contact-card-1");
  const billTo = page.getByTestId("contact-card-2");
  const soldChange = soldTo.getByRole("button", { name: msg("change") });
  await soldChange.click();
  await expect(soldTo.getByLabel(msg("field_name"))).toBeFocused();
  await page.keyboard.type(" renamed");
  await page.keyboard.press("Escape");
  await expect(soldTo.locator("form")).toHaveCount(0);
  await expect(soldChange).toBeFocused();
  await expect(soldTo.locator("address")).not.toContainText("renamed");

  // By keyboard alone, the Bill to card behaves the same; Cancel as Escape.
  const billChange = billTo.getByRole("button", { name: msg("change") });
  await billChange.focus();
  await page.keyboard.press("Enter");
  await expect(billTo.getByLabel(msg("field_name"))).toBeFocused();
  await billTo.getByRole("button", { name: msg("cancel") }).click();
  await expect(billTo.locator("form")).toHaveCount(0);
  await expect(billChange).toBeFocused();

  // A saved change also hands focus back to Change, and is shown.
  await billChange.click();
  await expect(billTo.getByLabel(msg("field_name"))).toBeFocused();
  await billTo.getByLabel(msg("field_city")).fill("Redmond");
  await billTo.getByRole("button", { name: msg("save") }).click();
  await expect(billTo.locator("address")).toContainText("Redmond");
  await expect(billChange).toBeFocused();
});

test("checkout: the payment choice comes before Place order, in reading order and on screen", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openWith(page, "checkout", await withCheckout());
  const place = page.getByTestId("place-order");
  await expect(place).toBeEnabled();
  for (const id of ["payment-card", "payment-invoice"]) {
    const radio = page.getByTestId(id);
    // Reading order: the radio precedes Place order in the document.
    const before = await radio.evaluate((el, other) => Boolean(el.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING), await place.elementHandle());
    expect(before, `${id} comes before place-order in the document`).toBe(true);
    // On screen: above it, and both seen without scrolling at 1366x768.
    const [r, p] = [await radio.boundingBox(), await place.boundingBox()];
    expect(r.y + r.height).toBeLessThanOrEqual(p.y);
    await expect(radio).toBeInViewport({ ratio: 1 });
  }
  await expect(place).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test("a billing admin sees checkout's contents, read-only, with the role sentence once", async ({ page }) => {
  const doc = await layoutWorkspace(); // no checkout in progress: a billing admin cannot open one
  doc.partner.user.role = "billing_admin";
  await page.setViewportSize({ width: 1366, height: 768 });
  await openWith(page, "checkout", doc);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(msg("checkout_title"));
  const soldTo = page.getByTestId("contact-card-1");
  const billTo = page.getByTestId("contact-card-2");
  await expect(soldTo.getByRole("heading", { name: msg("sold_to") })).toBeVisible();
  await expect(soldTo.locator("address")).toContainText(LONG);
  await expect(billTo.getByRole("heading", { name: msg("bill_to") })).toBeVisible();
  await expect(billTo.locator("address")).toContainText(`${"accounts".repeat(10)}@contoso.example`);
  await expect(soldTo.getByRole("button", { name: msg("change") })).toBeDisabled();
  await expect(billTo.getByRole("button", { name: msg("change") })).toBeDisabled();
  await expect(page.getByRole("heading", { name: msg("items_title") })).toBeVisible();
  await expect(page.getByText(`${msg("cart_line_title", { source: "Microsoft 365 Business Basic", target: msg("order_line", { offer: "Office 365 E3", quantity: 25 }) })} · ${msg("billing_monthly")}`)).toBeVisible();
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", /^-?\d+$/);
  await expect(page.getByTestId("payment-card")).toBeChecked();
  await expect(page.getByTestId("payment-card")).toBeDisabled();
  await expect(page.getByTestId("payment-invoice")).toBeDisabled();
  const place = page.getByTestId("place-order");
  await expect(place).toBeDisabled();
  await expect(place).toHaveAccessibleDescription(msg("read_only_place_order"));
  await expect(page.getByText(READ_ONLY_NOTE)).toHaveCount(1);
});

test("a billing admin chosen in Settings reads the role sentence once on every page", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await openWith(page, "settings", await layoutWorkspace());
  await page.getByTestId("role-select").selectOption("billing_admin");
  await expect(page.getByText(READ_ONLY_NOTE)).toHaveCount(1);
  for (const [name, path] of ROUTES) {
    if (name === "not-found") continue;
    await page.goto(path);
    await shown(page, name, { readOnly: true });
    await expect(page.getByText(READ_ONLY_NOTE), name).toHaveCount(1);
    const { scroll, inner } = await pageWidth(page);
    expect(scroll, name).toBeLessThanOrEqual(inner);
  }
});

for (const [name, path] of ROUTES) {
  test(`the ${name} page has no accessibility violations at 390 px`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await openWith(page, path, await withCheckout());
    await shown(page, name);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`)).toEqual([]);
  });
}

test("the open phone menu has no accessibility violations", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await openWith(page, "customers", await layoutWorkspace());
  await page.getByRole("button", { name: msg("menu_button") }).click();
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

/** How many lines of text `locator`'s box holds: its content height over its line height. */
function lines(locator) {
  return locator.evaluate((el) => {
    const style = getComputedStyle(el);
    const px = (name) => parseFloat(style[name]) || 0;
    const content = el.getBoundingClientRect().height - px("paddingTop") - px("paddingBottom") - px("borderTopWidth") - px("borderBottomWidth");
    return content / px("lineHeight");
  });
}

/** Where `locator` sits across the window: its left and right edges. */
async function across(locator) {
  const box = await locator.boundingBox();
  return { left: box.x, right: box.x + box.width };
}

// An amount never breaks inside ("3502,56 U / SD", "USD 16,270.5 / 6"): the
// Italian cart's summary at 1366 px, with a seven-digit total, now and at renewal.
for (const timing of ["now", "at_renewal"]) {
  test(`every amount in the Italian cart summary is one line at 1366 px (${timing})`, async ({ page }) => {
    const doc = await layoutWorkspace();
    doc.cart = [{ ...doc.cart[0], quantity: 5000, billingCycle: "annual", ...(timing === "now" ? {} : { timing }) }];
    await page.setViewportSize({ width: 1366, height: 800 });
    await openWith(page, "cart", doc);
    await page.getByTestId("locale-menu").selectOption("it-IT");
    await expect(page.locator("html")).toHaveAttribute("lang", "it-IT");
    const summary = page.locator(".summary-card");
    const amounts = summary.locator("dd");
    // Charges, credits, the total, and the first charge at renewal.
    await expect(amounts).toHaveCount(timing === "now" ? 3 : 4);
    // Seven digits before the decimals, written the Italian way.
    const big = page.getByTestId(timing === "now" ? "cart-total" : "later-charge");
    await expect(big).toHaveText(/^\d\.\d{3}\.\d{3},\d{2}\sUSD$/);
    for (const amount of await amounts.all()) {
      expect(await lines(amount), await amount.textContent()).toBeCloseTo(1, 1);
      // Inside its card, not pushed past the edge.
      const [a, card] = [await across(amount), await across(summary)];
      expect(a.left).toBeGreaterThanOrEqual(card.left);
      expect(a.right).toBeLessThanOrEqual(card.right);
    }
  });
}

test("at 390 px each customer's counts are on screen and a domain keeps its word", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const workspace = await layoutWorkspace();
  await openWith(page, "customers", workspace);
  const rows = page.getByTestId("customer-row");
  await expect(rows).toHaveCount(workspace.customers.length);
  for (const row of await rows.all()) {
    const id = await row.getAttribute("data-customer-id");
    // Subscriptions and upgradable, each within the window's width.
    for (const count of [cell(row, "subscriptions"), cell(row, "upgradable")]) {
      const { left, right } = await across(count);
      expect(left, id).toBeGreaterThanOrEqual(0);
      expect(right, id).toBeLessThanOrEqual(390);
    }
    // A domain of ordinary length is one line: it is not cut mid-word.
    if (id !== LONG_ID) expect(await lines(cell(row, "domain")), id).toBeCloseTo(1, 1);
  }
  // With their labels, since the header row is not shown.
  await expect(cell(rows.first(), "subscriptions")).toHaveAttribute("data-label", msg("col_subscriptions"));
});

test("at 390 px the audit log says what happened across the card, rows a few lines high", async ({ page }) => {
  const doc = await layoutWorkspace();
  // The demo's one entry, placed six times an hour apart.
  doc.audit = [0, 1, 2, 3, 4, 5].map((hour) => ({ ...doc.audit[0], at: `2026-11-20T1${hour}:42:00.000Z` }));
  await page.setViewportSize({ width: 390, height: 800 });
  await openWith(page, "orders", doc);
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(6);
  const card = await across(page.locator(".table-card").filter({ has: rows.first() }));
  for (const row of await rows.all()) {
    const what = await across(row.locator(".audit-what"));
    expect(what.left).toBeGreaterThanOrEqual(0);
    expect(what.right).toBeLessThanOrEqual(390);
    // The sentence has the card's width, not a narrow column's.
    expect(what.right - what.left).toBeGreaterThan((card.right - card.left) * 0.75);
    expect(await lines(row.locator(".audit-what"))).toBeLessThanOrEqual(4);
  }
});

test("at 390 px the Italian subscription tabs show that they scroll, and only while they do", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await openWith(page, `customers/${LONG_ID}/subscriptions/${LONG_SUB}`, await layoutWorkspace());
  await page.getByTestId("menu-button").click();
  await page.getByTestId("locale-menu").selectOption("it-IT");
  await page.keyboard.press("Escape");
  const tabs = page.getByRole("tablist");
  await expect(tabs.getByRole("tab")).toHaveCount(4);
  const fades = () => tabs.evaluate((el) => ({
    overflow: el.scrollWidth - el.clientWidth,
    before: Number(getComputedStyle(el, "::before").opacity),
    after: Number(getComputedStyle(el, "::after").opacity),
  }));
  // At the start: more to the right, so the right edge fades; the left does not.
  await expect.poll(fades).toMatchObject({ before: 0, after: 1 });
  expect((await fades()).overflow).toBeGreaterThan(0);
  // At the end: the other way round.
  await tabs.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect.poll(fades).toMatchObject({ before: 1, after: 0 });
  // The last tab can be reached and read in full.
  await expect(tabs.getByRole("tab").last()).toBeInViewport({ ratio: 0.99 });

  // Where the tabs fit, no edge fades.
  await page.setViewportSize({ width: 1366, height: 800 });
  await expect.poll(fades).toMatchObject({ overflow: 0, before: 0, after: 0 });
});
