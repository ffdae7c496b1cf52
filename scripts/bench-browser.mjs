// Page timings in headless Chromium against dist/ served on localhost:
// time to the first interactive customer list (demo), and load, search and
// save with a workspace of 1,000 customers and 10,000 subscriptions.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const port = 4199;
const base = `http://127.0.0.1:${port}/upgrade-center/`;
const server = spawn("node", ["scripts/static-server.mjs", "dist", String(port), "/upgrade-center/"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
});
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const firstPaint = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.newPage();
    const t0 = Date.now();
    await page.goto(`${base}customers`);
    await page.getByTestId("customer-row").first().waitFor();
    firstPaint.push(Date.now() - t0);
    await page.close();
  }
  console.log(`first interactive customer list (demo): median ${median(firstPaint)} ms of ${firstPaint.join(", ")}`);

  const demo = JSON.parse(readFileSync("src/store/demo/worldwide.json", "utf8"));
  const template = demo.customers[0];
  const customers = [];
  for (let c = 0; c < 1000; c++) {
    const id = `c${c}`;
    const subscriptions = [];
    for (let s = 0; s < 10; s++) {
      subscriptions.push({ ...template.subscriptions[0], id: `${id}-s${s}`, offerId: s % 2 ? "m365-business-basic" : "o365-e1", friendlyName: `Sub ${s}` });
    }
    const users = Array.from({ length: 5 }, (_, u) => ({ id: `${id}-u${u}`, displayName: `User ${u}`, userPrincipalName: `u${u}@${id}.example`, usageLocation: "US", licenses: [`${id}-s${u}`] }));
    customers.push({ ...template, id, companyName: `Customer ${c} Holdings`, domain: `customer${c}.example`, subscriptions, users });
  }
  const big = JSON.stringify({ ...demo, customers, orders: [], audit: [] });
  console.log(`large workspace: ${customers.length} customers, ${customers.length * 10} subscriptions, ${(big.length / 1e6).toFixed(2)} MB of JSON`);

  const page = await browser.newPage();
  await page.addInitScript((text) => { if (!sessionStorage.getItem("s")) { localStorage.setItem("upgrade-center.workspace", text); sessionStorage.setItem("s", "1"); } }, big);
  const t0 = Date.now();
  await page.goto(`${base}customers`);
  await page.getByTestId("customer-row").first().waitFor();
  console.log(`large workspace: customer list interactive after ${Date.now() - t0} ms`);

  const search = page.getByPlaceholder("Search by name or domain");
  const searches = [];
  for (const q of ["customer 99", "customer7", "holdings", "nothing-here"]) {
    const took = await page.evaluate(async (q) => {
      const input = document.querySelector('input[type="search"]');
      const t = performance.now();
      input.value = q;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - t;
    }, q);
    searches.push(Math.round(took));
  }
  console.log(`large workspace: search keystroke to next frame ${searches.join(", ")} ms`);
  await search.fill("");

  await page.goto(`${base}settings`);
  await page.getByTestId("role-select").waitFor();
  const save = await page.evaluate(async () => {
    const select = document.querySelector('[data-testid="role-select"]');
    const t = performance.now();
    select.value = "sales_agent";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => r()));
    return performance.now() - t;
  });
  console.log(`large workspace: one change saved and shown in ${Math.round(save)} ms`);
} finally {
  await browser.close();
  server.kill();
}
