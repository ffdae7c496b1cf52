// The language switch (`locale-menu`, docs/rules.md#languages) changes every string on the page
// at once, on every route: the page after the switch reads exactly as the same
// page loaded in that language.
import { test, expect, openWith, demoWorkspace } from "./fixtures.js";
import { msg, msgPattern } from "./helpers.js";

/** A demo with something on every page: a cart line and a checkout in progress. */
async function fullDemo(page) {
  const demo = await demoWorkspace(page);
  const contoso = demo.customers.find((c) => c.id === "contoso");
  demo.cart = [{ customerId: "contoso", sourceSubscriptionId: "sub-contoso-1", targetOfferId: "o365-e3", quantity: 1200, billingCycle: "annual" }];
  demo.checkout = { key: "chk-lang", customerId: "contoso", payment: "credit_card", soldTo: contoso.soldTo, billTo: contoso.billTo };
  return demo;
}

const routes = [
  "customers",
  "customers/contoso/subscriptions",
  "customers/contoso/subscriptions/sub-contoso-1",
  "customers/contoso/subscriptions/sub-contoso-1?tab=licenses",
  "customers/contoso/subscriptions/sub-contoso-1?tab=history",
  "customers/blue-yonder/subscriptions/sub-blueyonder-1/upgrade",
  "customers/contoso/subscriptions/sub-contoso-1/manual-upgrade",
  "cart",
  "checkout",
  "orders",
  "orders/ord-1001",
  "settings",
  "opportunities",
];

const text = (page) => page.locator("body").innerText();

// From English to each other language, and back to English from one loaded first.
const switches = [["en-US", "it-IT"], ["en-US", "sv-SE"], ["en-US", "zh-CN"], ["zh-CN", "en-US"]];

for (const route of routes) {
  for (const [from, locale] of switches) {
    test(`switching from ${from} to ${locale} on /${route} changes every string, as a reload would`, async ({ page }) => {
      await page.addInitScript((tag) => { if (!sessionStorage.getItem("seeded")) localStorage.setItem("upgrade-center.locale", tag); }, from);
      await openWith(page, route, await fullDemo(page));
      // The page is complete: /customers counts its two summaries after its list is painted,
      // and the reports build their rows after their first paint.
      const complete = async () => {
        await expect(page.locator("main h1")).toBeVisible();
        // Nothing still on its way: a page chunk, or a report's rows built after its first paint.
        await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
        if (route === "customers") {
          await expect(page.getByTestId("opportunities-summary")).toBeVisible();
          await expect(page.getByTestId("renewals-summary")).toBeVisible();
        }
      };
      await expect(page.locator("html")).toHaveAttribute("lang", from);
      await complete();
      const before = await text(page);
      await page.getByTestId("locale-menu").selectOption(locale);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      const switched = await text(page);
      const title = await page.title();
      await page.reload();
      await complete();
      expect(switched).toBe(await text(page));
      expect(title).toBe(await page.title());
      expect(switched).not.toBe(before);
    });
  }
}

// Only English ships in the first download; another language is fetched when
// chosen (docs/architecture.md#languages). One that cannot be fetched leaves the page as it was, says
// so, and can be chosen again once it is reachable.
test("a language that cannot be fetched keeps the page in its language and says why", async ({ page }) => {
  const fetched = [];
  page.on("request", (request) => { if (request.url().includes("/locales/")) fetched.push(new URL(request.url()).pathname); });
  await page.goto("customers");
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  expect(fetched, "nothing but English at first").toEqual([]);
  // A broken file (a 5xx would also log the browser's own console error).
  await page.route("**/locales/sv-SE.json*", (route) => route.fulfill({ contentType: "application/json", body: "<html>maintenance</html>" }));
  await page.getByTestId("locale-menu").selectOption("sv-SE");
  await expect(page.getByTestId("error")).toContainText(msgPattern("error_language_unavailable", { language: "Svenska" }));
  await expect(page.locator("html")).toHaveAttribute("lang", "en-US");
  await expect(page.getByTestId("locale-menu")).toHaveValue("en-US");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(msg("customers_title"));
  await page.unroute("**/locales/sv-SE.json*");
  await page.getByTestId("locale-menu").selectOption("sv-SE");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(msg("customers_title", {}, "sv-SE"));
  expect(fetched.filter((p) => p.endsWith("/locales/sv-SE.json"))).toHaveLength(2);
});
