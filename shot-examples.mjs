import { chromium } from "playwright";
const base = "http://localhost:4181/upgrade-center/";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const locale of ["en-US", "it-IT"]) for (const width of [1366, 390]) {
  const page = await browser.newPage({ viewport: { width, height: 1000 } });
  await page.addInitScript((l) => { if (!sessionStorage.getItem("x")) { localStorage.clear(); localStorage.setItem("upgrade-center.locale", l); sessionStorage.setItem("x", "1"); } }, locale);
  const add = async (customer, sub, target) => {
    await page.goto(`${base}customers/${customer}/subscriptions/${sub}/upgrade`);
    await page.locator(`[data-testid="upgrade-target"][data-offer-id="${target}"] [data-testid="add-to-cart"]`).click();
    await page.getByTestId("cart-total").first().waitFor();
  };
  await add("proseware", "sub-proseware-1", "m365-business-standard");
  await page.screenshot({ path: `/tmp/shots/ex-proseware-full-${locale}-${width}.png`, fullPage: true });
  const box = page.getByTestId("quantity-input").first();
  await box.fill("8"); await box.press("Enter");
  await page.getByTestId("moved-users").waitFor();
  for (const id of ["u-proseware-1", "u-proseware-2"]) await page.locator(`[data-testid="moved-users"] [data-user-id="${id}"]`).check();
  await page.waitForTimeout(500);
  console.log("partial", await page.$$eval('[data-testid="cart-total"]', (els) => els.map((e) => e.dataset.minorUnits + " " + e.textContent)));
  await page.screenshot({ path: `/tmp/shots/ex-proseware-partial-${locale}-${width}.png`, fullPage: true });
  await add("woodgrove", "sub-woodgrove-1", "o365-e3");
  await page.screenshot({ path: `/tmp/shots/ex-woodgrove-${locale}-${width}.png`, fullPage: true });
  const totals = await page.$$eval('[data-testid="cart-total"]', (els) => els.map((e) => e.dataset.minorUnits + " " + e.textContent));
  console.log(locale, width, totals);
  await page.goto(`${base}renewals`);
  await page.getByTestId("renewal-row").first().waitFor();
  await page.screenshot({ path: `/tmp/shots/renewals-${locale}-${width}.png`, fullPage: width > 400 });
  await page.goto(`${base}customers`);
  await page.getByTestId("renewals-summary").waitFor();
  await page.screenshot({ path: `/tmp/shots/customers-${locale}-${width}.png` });
  await page.close();
}
await browser.close();
