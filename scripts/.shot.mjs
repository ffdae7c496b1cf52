import { chromium } from "playwright-core";
const [url, out, w = "1280", h = "800"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-dev-shm-usage","--disable-background-networking","--disable-component-update","--disable-sync","--disable-quic"] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
page.on("console", m => console.log("console", m.type(), m.text()));
page.on("pageerror", e => console.log("pageerror", e.message));
const t0 = Date.now();
await page.goto(url);
await page.waitForSelector("main h1, [data-testid=error]");
console.log("ready ms", Date.now() - t0);
if (process.env.HOVER) { await page.hover(process.env.HOVER); await page.waitForTimeout(200); }
await page.screenshot({ path: out, fullPage: true });
await browser.close();
