/**
 * Gjerde's pages are Norwegian, and so are their date fields: a browser in English shows and takes dates
 * as `dd.mm.åååå` (a date input would follow the browser's language: «12/06/2026»), and the answer is for
 * the date typed. Real Chromium with an en-US locale.
 */
import { describe, expect, it } from '@jest/globals';
import { browserGjerdeForFile, desktop, screenshot, violations, wait } from './browser.js';

const app = browserGjerdeForFile();

describe('date fields in an English browser', () => {
  it('show and take dd.mm.åååå on the lookup page', async () => {
    const page = await app.newPage(desktop, 'kari', 'en-US');
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await page.goto(
      `${app.base}/oppslag?q=${encodeURIComponent('19 år og fikk ikke læreplass')}&at=2022-03-01`,
    );
    const field = page.locator('#at');
    expect(await field.getAttribute('type')).toBe('text');
    expect(await field.getAttribute('placeholder')).toBe('dd.mm.åååå');
    expect(await field.inputValue()).toBe('01.03.2022');
    await field.fill('12.06.2019');
    await page.locator('.lookup-form button[type="submit"]').first().click();
    await page.waitForURL(/at=12\.06\.2019/, wait);
    await page.locator('.lookup-result--best').waitFor(wait);
    await screenshot(page, 'date-fields-en-us');
    expect(await page.locator('.lookup-scope').textContent()).toContain('12. juni 2019');
    expect(await page.locator('#at').inputValue()).toBe('12.06.2019');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('show dd.mm.åååå on the agreement page and read it back', async () => {
    const page = await app.newPage(desktop, 'kari', 'en-US');
    await page.goto(`${app.base}/avtaler/fjordvik-ramme?at=2018-06-01`);
    const field = page.locator('#at');
    expect(await field.inputValue()).toBe('01.06.2018');
    await field.fill('01.03.2017');
    await field.press('Enter');
    await page.waitForURL(/at=01\.03\.2017/, wait);
    expect(await page.locator('#at').inputValue()).toBe('01.03.2017');
    expect(await page.locator('body').innerText()).toMatch(/1\. mars 2017/);
    await page.context().close();
  });
});
