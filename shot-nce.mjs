import { chromium } from "playwright";
import { ownWorkspace } from "./tests/e2e/workspaces.js";
const base = "http://localhost:4181/upgrade-center/";
const ws = ownWorkspace();
Object.assign(ws.customers[0].subscriptions[0], {
  commerce: "nce", termDuration: "P1Y", termStart: "2026-03-01", termEnd: "2027-03-01",
  seatBatches: [{ quantity: 15, addedAt: "2026-03-01T00:00:00Z" }, { quantity: 5, addedAt: "2026-11-18T10:00:00Z" }],
  nextTerm: { quantity: 12 },
});
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const locale of ["en-US", "it-IT"]) for (const width of [1366, 390]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.addInitScript(([w, l]) => { if (!sessionStorage.getItem("x")) { localStorage.setItem("upgrade-center.workspace", w); localStorage.setItem("upgrade-center.locale", l); sessionStorage.setItem("x", "1"); } }, [JSON.stringify(ws), locale]);
  for (const [name, path] of [["licences", "customers/beijing-bakery/subscriptions/bb-1?tab=licenses"], ["overview", "customers/beijing-bakery/subscriptions/bb-1"]]) {
    await page.goto(base + path);
    await page.waitForSelector('[data-testid="scheduled-change"]');
    await page.screenshot({ path: `/tmp/shots/${name}-${locale}-${width}.png`, fullPage: true });
  }
  await page.close();
}
await browser.close();
