import { expect, type Page } from "@playwright/test";

/** The phone the layout is checked on. */
export const PHONE = { width: 390, height: 844 };

export async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `the page is ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
}

/**
 * A table that lies on the page: no box around it scrolls up and down (the page's own scroll bar is the only
 * one), its 序号 header stays on one line, and its header row holds at the top of the window as the page scrolls.
 */
export async function expectTableOnPage(page: Page, testId: string) {
  const table = page.getByTestId(testId);
  await expect(table).toBeVisible();
  const scrollingBoxes = await table.evaluate((el) => {
    const found: string[] = [];
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const { overflowY } = getComputedStyle(box);
      if ((overflowY === "auto" || overflowY === "scroll") && box.scrollHeight > box.clientHeight + 1) found.push(`${box.tagName.toLowerCase()}.${box.className}`);
    }
    return found;
  });
  expect(scrollingBoxes, "boxes that scroll the table inside the page").toEqual([]);

  const ordinal = table.locator("th", { hasText: "序号" });
  const lines = await ordinal.evaluate((th) => {
    const range = document.createRange();
    range.selectNodeContents(th);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(lines, "lines the 序号 header takes").toBe(1);

  const { tableHeight, windowHeight } = await table.evaluate((el) => ({ tableHeight: el.getBoundingClientRect().height, windowHeight: window.innerHeight }));
  expect(tableHeight, "the table is taller than the window, so the page scrolls").toBeGreaterThan(windowHeight);
  await table.evaluate((el) => window.scrollTo(0, window.scrollY + el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2));
  const headerTop = await ordinal.evaluate((th) => th.getBoundingClientRect().top);
  expect(Math.abs(headerTop), "the header row's distance from the top of the window").toBeLessThanOrEqual(1);
}
