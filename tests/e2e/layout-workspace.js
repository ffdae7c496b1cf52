// The workspace the layout tests (and their screenshots) run on: the demo,
// plus a customer and a subscription named with 120 unbroken characters, a
// customer named in Chinese, a cart for the long-named customer and an order
// of theirs, so every page shows the longest text a partner may type.
import { readFile } from "node:fs/promises";

export const LONG = "Contoso" + "x".repeat(113); // 120 characters, no break opportunity
export const LONG_ID = "long-name-customer";
export const LONG_SUB = "sub-long-1";
export const CHINESE_ID = "chinese-customer";
export const CHINESE_NAME = "上海长江数据科技有限公司华东区域云服务与数字化转型业务部";

const period = { periodStart: "2026-11-01", periodEnd: "2026-12-01", autoRenew: true };

export async function layoutWorkspace() {
  const doc = JSON.parse(await readFile(new URL("../../src/store/demo/worldwide.json", import.meta.url), "utf8"));
  const address = (name, extra = {}) => ({ name, address: ["1 Main St"], city: "Seattle", postalCode: "98101", country: "US", ...extra });
  doc.customers.push({
    id: LONG_ID,
    companyName: LONG,
    domain: `${"y".repeat(60)}.example`,
    market: "US",
    delegatedAdmin: { granted: true, services: null },
    soldTo: address(LONG, { address: ["Z".repeat(100)] }),
    billTo: address(LONG, { email: `${"accounts".repeat(10)}@contoso.example` }),
    subscriptions: [
      { id: LONG_SUB, offerId: "m365-business-basic", friendlyName: "M".repeat(120), status: "active", quantity: 25,
        billingCycle: "monthly", channel: "partner", parentSubscriptionId: null, ...period },
      { id: "sub-long-2", offerId: "addon-defender-office-p1", friendlyName: "N".repeat(120), status: "active", quantity: 25,
        billingCycle: "monthly", channel: "partner", parentSubscriptionId: LONG_SUB, ...period },
    ],
    users: [
      { id: "u-long-1", displayName: "D".repeat(120), userPrincipalName: `${"u".repeat(100)}@contoso.example`,
        usageLocation: "US", licenses: [LONG_SUB, "sub-long-2"] },
      { id: "u-long-2", displayName: "Ana Ruiz", userPrincipalName: "ana@long.example", usageLocation: "US", licenses: [LONG_SUB] },
    ],
  });
  doc.customers.push({
    id: CHINESE_ID,
    companyName: CHINESE_NAME,
    domain: "changjiang.example",
    market: "US",
    delegatedAdmin: { granted: true, services: null },
    soldTo: address(CHINESE_NAME),
    billTo: address(CHINESE_NAME, { email: "ap@changjiang.example" }),
    subscriptions: [
      { id: "sub-chinese-1", offerId: "m365-business-standard", friendlyName: "华东区域办公与协作订阅（全部员工）", status: "active", quantity: 40,
        billingCycle: "annual", channel: "partner", parentSubscriptionId: null, ...period },
    ],
    users: [{ id: "u-chinese-1", displayName: "王小明", userPrincipalName: "wang@changjiang.example", usageLocation: "US", licenses: ["sub-chinese-1"] }],
  });
  doc.cart = [{ customerId: LONG_ID, sourceSubscriptionId: LONG_SUB, targetOfferId: "o365-e3", quantity: 25, billingCycle: "monthly" }];
  doc.orders.push({
    ...doc.orders[0],
    id: "ord-1002",
    key: "layout-order-1002",
    customerId: LONG_ID,
    status: "failed",
    failureReason: "R".repeat(120),
    lines: [{ sourceSubscriptionId: LONG_SUB, targetOfferId: "o365-e3", quantity: 25, billingCycle: "monthly", newSubscriptionId: null, addons: [] }],
    events: [
      { status: "credit_check", at: "2026-11-20T15:42:00.000Z" },
      { status: "provisioning", at: "2026-11-20T16:42:00.000Z" },
      { status: "failed", at: "2026-11-20T16:43:00.000Z" },
    ],
    soldTo: address(LONG),
    billTo: address(LONG, { email: `${"accounts".repeat(10)}@contoso.example` }),
  });
  return doc;
}

/** Every route, with a name for reports. */
export const ROUTES = [
  ["customers", "customers"],
  ["subscriptions", `customers/${LONG_ID}/subscriptions`],
  ["subscriptions-chinese", `customers/${CHINESE_ID}/subscriptions`],
  ["overview", `customers/${LONG_ID}/subscriptions/${LONG_SUB}`],
  ["upgrade", `customers/${LONG_ID}/subscriptions/${LONG_SUB}/upgrade`],
  ["licenses", `customers/${LONG_ID}/subscriptions/${LONG_SUB}?tab=licenses`],
  ["history", `customers/${LONG_ID}/subscriptions/${LONG_SUB}?tab=history`],
  ["manual-upgrade", `customers/${LONG_ID}/subscriptions/${LONG_SUB}/manual-upgrade`],
  ["cart", "cart"],
  ["checkout", "checkout"],
  ["orders", "orders"],
  ["order", "orders/ord-1002"],
  ["order-pending", "orders/ord-1001"],
  ["settings", "settings"],
  ["opportunities", "opportunities"],
  ["not-found", "no-such-page"],
];
