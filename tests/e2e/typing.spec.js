// Fields typed as people type them: one key at a time, select-all, Backspace,
// a language's grouping separator. After every key the box must show what was
// typed and the total must be the total for that box (tests that set whole
// values with `fill` never saw a box showing one number and pricing another).
import { test, expect, stored } from "./fixtures.js";
import { msg, dateText, target, upgradeTab } from "./helpers.js";

// Contoso's Business Basic (25 licences, 10 of 30 days left) to Office 365 E3
// at USD 23.00 a licence a month: the total for n licences, in cents.
const E3_TOTAL = (n) => 2300 * n - 5000;

async function contosoE3InCart(page) {
  await page.goto(upgradeTab("contoso", "sub-contoso-1"));
  await target(page, "o365-e3").getByTestId("add-to-cart").click();
  await expect(page).toHaveURL(/\/cart$/);
  const box = page.locator(".cart-line").getByTestId("quantity-input");
  await expect(box).toHaveValue("25");
  return box;
}

/** Presses each key of `text` in turn, checking the box and `then` after each. */
async function typeKeyByKey(box, text, then) {
  let shown = "";
  for (const key of text) {
    await box.pressSequentially(key);
    shown += key;
    await expect(box).toHaveValue(shown);
    await then(shown);
  }
}

const selectAll = (box) => box.press("ControlOrMeta+a");

test("the cart's licence box shows and prices every key typed, and stores only the count settled on", async ({ page }) => {
  const box = await contosoE3InCart(page);
  const total = page.getByTestId("cart-total");
  const error = page.locator(".cart-line").getByTestId("error");
  const checkout = page.getByTestId("go-to-checkout");

  // Select all, then 4 0: "4" is under the 25 assigned users, "40" is the order.
  await selectAll(box);
  await typeKeyByKey(box, "40", async (shown) => {
    if (shown === "4") {
      await expect(error).toContainText(msg("quantity_below", { min: 25 }));
      await expect(checkout).toBeDisabled();
      // No total for a count that is not one, and no price lines.
      await expect(total).toHaveCount(0);
      await expect(page.locator(".cart-line tr[data-kind]")).toHaveCount(0);
    } else {
      await expect(error).toHaveCount(0);
      await expect(total).toHaveAttribute("data-minor-units", String(E3_TOTAL(40)));
      await expect(total).toHaveText("USD 870.00");
    }
  });

  // Select all, then 1 0 0 0: the box never jumps back to the stored count.
  await selectAll(box);
  await typeKeyByKey(box, "1000", async (shown) => {
    const n = Number(shown);
    if (n < 25) {
      await expect(error).toContainText(msg("quantity_below", { min: 25 }));
      await expect(checkout).toBeDisabled();
      await expect(total).toHaveCount(0);
    } else {
      await expect(total).toHaveAttribute("data-minor-units", String(E3_TOTAL(n)));
      await expect(checkout).toBeEnabled();
    }
  });
  await expect(total).toHaveText("USD 22,950.00");

  // Backspace takes one digit off, and the total follows.
  await box.press("Backspace");
  await expect(box).toHaveValue("100");
  await expect(total).toHaveAttribute("data-minor-units", String(E3_TOTAL(100)));

  // Leaving the box stores what it shows; a reload shows the same.
  await box.press("Tab");
  await expect.poll(async () => (await stored(page)).cart[0].quantity).toBe(100);
  await page.reload();
  await expect(page.locator(".cart-line").getByTestId("quantity-input")).toHaveValue("100");
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", String(E3_TOTAL(100)));
});

test("a count typed quickly is stored once, after the pause, with no entry for its prefixes", async ({ page }) => {
  const box = await contosoE3InCart(page);
  const before = (await stored(page)).audit.length;
  await selectAll(box);
  await box.pressSequentially("250");
  await expect(box).toHaveValue("250");
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", String(E3_TOTAL(250)));
  // Nothing is pressed after the last key: the pause alone stores it.
  await expect.poll(async () => (await stored(page)).cart[0].quantity).toBe(250);
  const changes = (await stored(page)).audit.slice(before).filter((e) => e.action === "cart_line_changed");
  expect(changes).toHaveLength(1);
  expect(changes[0].newValue).toContain("250");
});

test("Enter stores the count at once, and a language switch keeps what was typed", async ({ page }) => {
  const box = await contosoE3InCart(page);
  await selectAll(box);
  await box.pressSequentially("31");
  await box.press("Enter");
  await expect.poll(async () => (await stored(page)).cart[0].quantity).toBe(31);
  // Typed, not yet settled, then the language changes: the box keeps it.
  await box.press("Backspace");
  await box.press("3");
  await expect(box).toHaveValue("33");
  await page.getByTestId("locale-menu").selectOption("it-IT");
  await expect(page.getByRole("heading", { level: 1, name: msg("cart_title", {}, "it-IT") })).toBeVisible();
  const boxIt = page.locator(".cart-line").getByTestId("quantity-input");
  await expect(boxIt).toHaveValue("33");
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", String(E3_TOTAL(33)));
});

test("in Italian, 1.000 typed key by key is one thousand in the box, the line and the total", async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("locale-seeded")) {
      localStorage.setItem("upgrade-center.locale", "it-IT");
      sessionStorage.setItem("locale-seeded", "1");
    }
  });
  const box = await contosoE3InCart(page);
  const total = page.getByTestId("cart-total");
  const error = page.locator(".cart-line").getByTestId("error");
  await selectAll(box);
  await typeKeyByKey(box, "1.000", async (shown) => {
    if (shown === "1.000") {
      await expect(error).toHaveCount(0);
      await expect(total).toHaveAttribute("data-minor-units", String(E3_TOTAL(1000)));
      await expect(total).toHaveText("22.950,00 USD");
    } else {
      // "1", "1.", "1.0", "1.00" are not a count of at least 25.
      await expect(error).toHaveCount(1);
      await expect(total).toHaveCount(0);
      await expect(page.getByTestId("go-to-checkout")).toBeDisabled();
    }
  });
  await box.press("Tab");
  await expect.poll(async () => (await stored(page)).cart[0].quantity).toBe(1000);
  await expect(box).toHaveValue("1.000");
});

test("a checkout contact field typed key by key keeps its text and caret, and the log names what changed", async ({ page }) => {
  await contosoE3InCart(page);
  await page.getByTestId("go-to-checkout").click();
  const billTo = page.getByTestId("contact-card-2");
  await billTo.getByTestId("contact-change").click();
  const name = billTo.getByLabel(msg("field_name"), { exact: true });
  await expect(name).toBeFocused();
  const before = await name.inputValue();
  await selectAll(name);
  await typeKeyByKey(name, "Acme AP", async () => {});
  // The caret stays where the partner put it: Home, then a word before the rest.
  await name.press("Home");
  await name.pressSequentially("Ö");
  await expect(name).toHaveValue("ÖAcme AP");
  await name.pressSequentially("-");
  await expect(name).toHaveValue("Ö-Acme AP");
  await name.press("Backspace");
  await name.press("End");
  await name.press("Backspace");
  await expect(name).toHaveValue("ÖAcme A");
  // A key in one field leaves the others as they were.
  const city = billTo.getByLabel(msg("field_city"));
  const cityBefore = await city.inputValue();
  await city.press("End");
  await city.pressSequentially("x");
  await expect(city).toHaveValue(`${cityBefore}x`);
  await expect(name).toHaveValue("ÖAcme A");
  await billTo.getByRole("button", { name: msg("save") }).click();
  await expect(billTo).toContainText("ÖAcme A");
  const entry = (await stored(page)).audit.at(-1);
  expect(entry.action).toBe("bill_to_changed");
  expect(entry.oldValue).toBe(`${before}, ${cityBefore}`);
  expect(entry.newValue).toBe(`ÖAcme A, ${cityBefore}x`);
});

test("the simulated date typed segment by segment moves only when the partner settles on it", async ({ page }) => {
  await page.goto("settings");
  const date = page.getByTestId("simulated-date");
  const effective = page.getByTestId("effective-date");
  await expect(date).toHaveValue("2026-11-21");
  // Nothing is stored until the first change: the demo's own entries then.
  const logged = (await stored(page))?.audit.length ?? 0;
  // mm/dd/yyyy in en-US: 12, 02, 2026. After "12" the box already holds a
  // whole date (Dec 21), which is not the date the partner means.
  // One focus, then the keyboard: a locator's press would focus the field
  // again and start over at its first part.
  await date.focus();
  for (const key of "12022026") {
    await page.keyboard.press(key);
    await expect(effective).toHaveText(msg("settings_today_effective", { date: dateText("2026-11-21") }));
    await expect(page.getByTestId("simulated-date-pending")).toBeVisible();
  }
  await expect(date).toHaveValue("2026-12-02");
  expect((await stored(page))?.audit.length ?? 0).toBe(logged);
  await page.keyboard.press("Enter");
  await expect(effective).toHaveText(msg("settings_today_effective", { date: dateText("2026-12-02") }));
  await expect(page.getByTestId("simulated-date-pending")).toHaveCount(0);
  const changes = (await stored(page)).audit.slice(logged).filter((e) => e.action === "simulated_date_changed");
  expect(changes.map((e) => e.newValue)).toEqual(["2026-12-02"]);
});

test("a simulated date typed and then left is applied", async ({ page }) => {
  await page.goto("settings");
  const date = page.getByTestId("simulated-date");
  await date.fill("2026-11-25");
  await expect(page.getByTestId("effective-date")).toHaveText(msg("settings_today_effective", { date: dateText("2026-11-21") }));
  // Tab moves between the date's parts; clicking elsewhere leaves the field.
  await page.getByRole("heading", { level: 1 }).click();
  await expect(page.getByTestId("effective-date")).toHaveText(msg("settings_today_effective", { date: dateText("2026-11-25") }));
  expect((await stored(page)).today).toBe("2026-11-25");
});

test("the Upgrade tab's licence box follows each key, keeps it across a language switch, and adds that count", async ({ page }) => {
  await page.goto(upgradeTab("contoso", "sub-contoso-1"));
  const card = target(page, "o365-e3");
  const box = card.getByTestId("quantity-input");
  const add = card.getByTestId("add-to-cart");
  await expect(box).toHaveValue("25");
  await selectAll(box);
  await typeKeyByKey(box, "40", async (shown) => {
    if (shown === "4") {
      await expect(card.getByTestId("error")).toContainText(msg("quantity_below", { min: 25 }));
      await expect(add).toBeDisabled();
    } else {
      await expect(card.getByTestId("error")).toHaveCount(0);
      await expect(add).toBeEnabled();
    }
  });
  await box.press("Backspace");
  await expect(box).toHaveValue("4");
  await expect(add).toBeDisabled();
  await box.pressSequentially("2");
  await expect(box).toHaveValue("42");
  await page.getByTestId("locale-menu").selectOption("it-IT");
  await expect(page.locator("html")).toHaveAttribute("lang", "it-IT");
  await expect(target(page, "o365-e3").getByTestId("quantity-input")).toHaveValue("42");
  await target(page, "o365-e3").getByTestId("add-to-cart").click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.locator(".cart-line").getByTestId("quantity-input")).toHaveValue("42");
  await expect.poll(async () => (await stored(page)).cart[0].quantity).toBe(42);
});

test("the Licenses tab's count follows each key and Save asks for exactly that count", async ({ page }) => {
  await page.goto("customers/contoso/subscriptions/sub-contoso-1?tab=licenses");
  const box = page.getByTestId("license-count");
  await expect(box).toHaveValue("25");
  await selectAll(box);
  await typeKeyByKey(box, "300", async (shown) => {
    // 3 is under the users holding a licence; 30 and 300 are counts.
    if (shown === "3") await expect(page.getByTestId("error")).toBeVisible();
    else await expect(page.getByTestId("error")).toHaveCount(0);
  });
  await box.press("Backspace");
  await expect(box).toHaveValue("30");
  await page.getByTestId("license-save").click();
  await expect(page.getByRole("dialog")).toContainText("30");
  await page.getByTestId("confirm-accept").click();
  await expect.poll(async () => (await stored(page)).customers.find((c) => c.id === "contoso").subscriptions.find((s) => s.id === "sub-contoso-1").quantity).toBe(30);
  await expect(page.getByTestId("license-count")).toHaveValue("30");
});

test("the manual upgrade's licence box follows each key and buys that count", async ({ page }) => {
  await page.goto("customers/contoso/subscriptions/sub-contoso-1/manual-upgrade");
  const step1 = page.locator('[data-step="1"]');
  await step1.getByTestId("manual-offer").selectOption("o365-e3");
  const box = step1.getByTestId("quantity-input");
  await selectAll(box);
  await typeKeyByKey(box, "12", async () => {
    await expect(step1.getByTestId("error")).toHaveCount(0);
    await expect(step1.getByTestId("add-to-cart")).toBeEnabled();
  });
  await box.press("Backspace");
  await box.press("Backspace");
  await expect(box).toHaveValue("");
  await expect(step1.getByTestId("error")).toContainText(msg("quantity_empty"));
  await expect(step1.getByTestId("add-to-cart")).toBeDisabled();
  await box.pressSequentially("7");
  await step1.getByTestId("add-to-cart").click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId("cart-total")).toHaveAttribute("data-minor-units", String(2300 * 7));
});

test("the customer search filters at every key and keeps what was typed", async ({ page }) => {
  await page.goto("customers");
  const search = page.getByRole("searchbox");
  const names = async () => page.getByTestId("customer-row").evaluateAll((rows) => rows.map((r) => r.querySelector("a")?.textContent ?? ""));
  // The list is drawn after the page's first frame: read it once it is there.
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  const all = await names();
  expect(all.length).toBeGreaterThan(3);
  await typeKeyByKey(search, "cont", async (shown) => {
    const expected = all.filter((n) => n.toLowerCase().includes(shown));
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(names).toEqual(expected);
  });
  await search.press("Backspace");
  await expect(search).toHaveValue("con");
  await expect.poll(names).toEqual(all.filter((n) => n.toLowerCase().includes("con")));
});

test("the opportunities filter keeps each key and its caret while the rows follow", async ({ page }) => {
  await page.goto("opportunities");
  const search = page.getByRole("searchbox");
  const rows = page.getByTestId("opportunity-row");
  await expect(rows.first()).toBeVisible();
  // Each key narrows the rows (the filter also reads fields a row does not show).
  let before = Infinity;
  await typeKeyByKey(search, "wing", async () => {
    await expect(rows.first()).toBeVisible();
    const now = await rows.count();
    expect(now).toBeLessThanOrEqual(before);
    before = now;
  });
  const texts = await rows.evaluateAll((all) => all.map((r) => r.textContent.toLowerCase()));
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(text).toContain("wingtip");
  // A key typed at the start lands there, not at the end.
  await search.press("Home");
  await search.pressSequentially("x");
  await expect(search).toHaveValue("xwing");
  await expect(rows).toHaveCount(0);
  // The caret sits after the "x": Backspace takes it off again.
  await search.press("Backspace");
  await expect(search).toHaveValue("wing");
  await expect(rows.first()).toBeVisible();
});

test("Go to checkout orders the count in the box even when focus never left it", async ({ page }) => {
  const box = await contosoE3InCart(page);
  await selectAll(box);
  await box.pressSequentially("31");
  await expect(box).toBeFocused();
  // A click that does not move focus (an assistive tool, a script): no change event.
  await page.getByTestId("go-to-checkout").evaluate((button) => button.click());
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.locator(".checkout-items")).toContainText("31");
  expect((await stored(page)).cart[0].quantity).toBe(31);
});

test("a count typed and then the page reloaded at once is the count stored", async ({ page }) => {
  const box = await contosoE3InCart(page);
  await selectAll(box);
  await box.pressSequentially("37");
  // Before the pause has passed and without leaving the box.
  await page.reload();
  await expect(page.locator(".cart-line").getByTestId("quantity-input")).toHaveValue("37");
  expect((await stored(page)).cart[0].quantity).toBe(37);
});
