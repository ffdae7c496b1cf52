// Workspaces of our own for the opportunities and renewal tests
// (docs/rules.md#opportunities-report, docs/rules.md#upgrade-at-renewal): a Chinese-named bakery in the
// US, a Swedish fishmonger, and a customer who never granted admin access.
// Prices (catalog.json, minor units a licence a month) are written here so
// the tests compute every amount by hand.

export const PRICES = {
  USD: { "m365-business-basic": 600, "m365-business-standard": 1250, "o365-e1": 1000, "o365-e3": 2300, "o365-e5": 3800, "m365-apps-business": 825, "m365-apps-enterprise": 1200 },
  SEK: { "m365-apps-business": 8900, "m365-business-standard": 13500, "m365-apps-enterprise": 13000, "o365-e3": 24800, "o365-e5": 41000 },
};

const address = (name, country) => ({ name, address: ["1 Harbour Road"], city: "Port", postalCode: "12345", country });

function subscription(id, offerId, quantity, extra = {}) {
  return {
    id, offerId, friendlyName: `${id} plan`, status: "active", quantity, billingCycle: "monthly", channel: "partner",
    parentSubscriptionId: null, periodStart: "2026-11-01", periodEnd: "2026-12-01", autoRenew: true, ...extra,
  };
}

function customer(id, companyName, market, subscriptions, users, granted = true) {
  return {
    id, companyName, domain: `${id}.example`, market,
    delegatedAdmin: { granted, services: null },
    soldTo: address(companyName, market),
    billTo: { ...address(`${companyName} Accounts`, market), email: `ap@${id}.example` },
    subscriptions, users,
  };
}

const user = (id, licenses) => ({ id, displayName: `User ${id}`, userPrincipalName: `${id}@example.test`, usageLocation: "US", licenses });

export function ownWorkspace() {
  return {
    format: "upgrade-center.workspace",
    version: 1,
    revision: 3,
    today: "2026-11-21",
    partner: { name: "Nordlys & 北方 Partners", cloud: "worldwide", user: { name: "Ida Berg", email: "ida@nordlys.example", role: "admin_agent" } },
    customers: [
      customer("beijing-bakery", "北京烘焙, Ltd", "US", [
        subscription("bb-1", "m365-business-basic", 20),
        subscription("bb-2", "m365-business-standard", 5, { status: "cancelled" }),
      ], [user("bb-u1", ["bb-1"]), user("bb-u2", ["bb-1"])]),
      customer("alesund", "Ålesund Fisk AB", "SE", [
        subscription("al-1", "m365-apps-business", 7, { periodEnd: "2027-02-01" }),
      ], [user("al-u1", ["al-1"])]),
      customer("no-access", "No Access GmbH", "US", [subscription("na-1", "m365-business-basic", 3)], [], false),
    ],
    cart: [],
    checkout: null,
    orders: [],
    audit: [],
  };
}
