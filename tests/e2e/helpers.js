// What the E2E specs share besides the fixtures (fixtures.js): the app's copy
// read from the locale files, its routes, locators for the things the specs
// point at, and page objects for the flows many specs walk through (add to
// the cart, check out). A spec imports what it needs from here and declares
// none of these itself.
import { readFileSync } from "node:fs";
import { expect } from "./fixtures.js";

// ---------------------------------------------------------------------------
// Copy: the sentences the app shows, from locales/<locale>.json

const tables = new Map();

/** The message table of `locale` (`locales/<locale>.json`), read once. */
export function messages(locale = "en-US") {
  if (!tables.has(locale)) {
    const url = new URL(`../../locales/${locale}.json`, import.meta.url);
    tables.set(locale, JSON.parse(readFileSync(url, "utf8")));
  }
  return tables.get(locale);
}

/** A value as the app writes it into a message: numbers in the locale's digits. */
function written(value, locale) {
  return typeof value === "number" ? new Intl.NumberFormat(locale).format(value) : String(value);
}

/**
 * The message `key` of `locale` with its `{{ name }}` placeholders filled from
 * `args`, as the app shows it: `msg("licenses_saved", { count: 40 })` is
 * "The subscription now has 40 licenses.". A plural message (`key_one` /
 * `key_other` in the file) is chosen by `args.count`, as the app chooses it;
 * a dotted key reads a nested table (`audit_actions.order_placed`). Numbers
 * are written as the locale writes them; pass text (amounts, dates, names) as
 * the page shows it. An unknown key or a placeholder without a value throws,
 * so a renamed message fails the test that uses it, by name.
 */
export function msg(key, args = {}, locale = "en-US") {
  const table = messages(locale);
  let text;
  if (`${key}_other` in table) {
    if (args.count === undefined) throw new Error(`${key} is a plural message: pass its count`);
    const category = new Intl.PluralRules(locale).select(Number(String(args.count).replace(/\D/g, "")));
    text = table[`${key}_${category}`] ?? table[`${key}_other`];
  } else {
    text = key.split(".").reduce((node, part) => (node == null ? undefined : node[part]), table);
  }
  if (typeof text !== "string") throw new Error(`no message ${key} in locales/${locale}.json`);
  return text.replace(/\{\{\s*([a-z_]+)\s*(?:,\s*[a-z]+\s*)?\}\}/g, (_, name) => {
    if (args[name] === undefined) throw new Error(`${key} needs a value for {{ ${name} }}`);
    return written(args[name], locale);
  });
}

/**
 * The message `key` as a pattern, for a sentence with a value the test cannot
 * know (a browser's own error text): placeholders given in `args` are filled
 * as `msg` fills them, the others match any text.
 */
export function msgPattern(key, args = {}, locale = "en-US") {
  const anything = "\u0000";
  const filled = { ...args };
  const text = messages(locale)[`${key}_other`] ?? messages(locale)[key] ?? "";
  for (const [, name] of text.matchAll(/\{\{\s*([a-z_]+)\s*(?:,\s*[a-z]+\s*)?\}\}/g)) if (filled[name] === undefined) filled[name] = anything;
  const escaped = msg(key, filled, locale).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(escaped.split(anything).join(".+?"));
}

/** A date (`YYYY-MM-DD`) as the app writes it in `locale`: "Dec 1, 2026" in en-US. */
export function dateText(iso, locale = "en-US") {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}

// ---------------------------------------------------------------------------
// Routes (relative to the app's base path)

export const customersPage = () => "customers";
export const subscriptionsPage = (customer) => `customers/${customer}/subscriptions`;
/** A subscription's details, on `tab` (overview, upgrade, licenses, history) when given. */
export const subscriptionPage = (customer, subscription, tab) =>
  `customers/${customer}/subscriptions/${subscription}${tab ? `?tab=${tab}` : ""}`;
export const upgradeTab = (customer, subscription) => `customers/${customer}/subscriptions/${subscription}/upgrade`;
export const manualUpgrade = (customer, subscription) =>
  `customers/${customer}/subscriptions/${subscription}/manual-upgrade`;

// ---------------------------------------------------------------------------
// Locators

/** A target's card on the Upgrade tab. */
export const target = (page, offer) => page.locator(`[data-testid="upgrade-target"][data-offer-id="${offer}"]`);

/** One reason (by its code) a target is blocked. */
export const reason = (page, offer, code) => target(page, offer).locator(`[data-testid="reason"][data-code="${code}"]`);

/** A subscription's row in a customer's subscriptions table. */
export const subscriptionRow = (page, subscription) =>
  page.locator(`[data-testid="subscription-row"][data-subscription-id="${subscription}"]`);

/** A customer's row on /customers. */
export const customerRow = (page, customer) =>
  page.locator(`[data-testid="customer-row"][data-customer-id="${customer}"]`);

/**
 * A row's cell by its column, never by position: `cell(row, "quantity")`.
 * Subscriptions: name, status, quantity, assigned, billing, channel, renewal;
 * customers: name, domain, market, subscriptions, upgradable, delegated-admin.
 */
export const cell = (row, column) => row.locator(`[data-col="${column}"]`);

// ---------------------------------------------------------------------------
// Page objects

/**
 * Opens the Upgrade tab of `subscription` and adds `offer` to the cart, with
 * `quantity` licences and `billing` ("monthly", "annual") when given; resolves
 * on the cart page.
 */
export async function addToCart(page, customer, subscription, offer, quantity, billing) {
  await page.goto(upgradeTab(customer, subscription));
  const card = target(page, offer);
  if (quantity !== undefined) await card.getByTestId("quantity-input").fill(String(quantity));
  if (billing) await card.getByTestId("billing-frequency").selectOption(billing);
  await card.getByTestId("add-to-cart").click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByRole("heading", { level: 1, name: msg("cart_title") })).toBeVisible();
}

/** The cart page. */
export function cartPage(page) {
  return {
    lines: page.locator(".cart-line"),
    /** The licence box of the cart's (first) line. */
    quantity: page.locator(".cart-line").getByTestId("quantity-input"),
    error: page.locator(".cart-line").getByTestId("error"),
    total: page.getByTestId("cart-total"),
    checkout: page.getByTestId("go-to-checkout"),
    goToCheckout: () => page.getByTestId("go-to-checkout").click(),
  };
}

/** The checkout page. */
export function checkoutPage(page) {
  return {
    card: page.getByTestId("payment-card"),
    invoice: page.getByTestId("payment-invoice"),
    placeOrder: page.getByTestId("place-order"),
    /** Pays by card and places the order; resolves on the order's page. */
    async placeByCard() {
      await page.getByTestId("payment-card").check();
      await page.getByTestId("place-order").click();
      await expect(page).toHaveURL(/\/orders\/[^/]+$/);
    },
  };
}

/** The id of the order whose page is open. */
export const openOrderId = (page) => decodeURIComponent(page.url().split("/orders/")[1]);
