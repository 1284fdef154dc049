/**
 * «Slik gjør fylkene det» in Chromium: reached from a lookup answer and from a clause on the agreement page,
 * a row that differs from most counties says so in words (not colour alone), and on a 360 px phone nothing is
 * wider than the screen; axe finds nothing on either size.
 */
import { describe, expect, it } from '@jest/globals';
import { browserGjerdeForFile, desktop, phone, screenshot, violations, wait } from './browser.js';

const app = browserGjerdeForFile();

describe('across counties in the browser', () => {
  it('goes from a lookup answer to the table, where the county that differs is named', async () => {
    const page = await app.newPage(desktop, 'leser');
    await page.goto(
      `${app.base}/oppslag?q=${encodeURIComponent('ung voksen 23 år utenfor arbeid og skole')}`,
    );
    await page.getByRole('link', { name: 'Slik gjør fylkene det: sammenlign med alle fylker' }).click();
    await page.locator('.national-table').waitFor(wait);
    expect(page.url()).toContain('/fylkene?q=');
    const dalheim = page.locator('.national-row[data-county="Dalheim"]');
    expect(await dalheim.getAttribute('class')).toContain('national-row--differs');
    expect(await dalheim.locator('.national-differs').textContent()).toContain('Ulikt de fleste (OT)');
    expect(await page.locator('.national-summary').textContent()).toContain('Dalheim (NAV Fjordvik)');
    await screenshot(page, 'national-desktop');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('opens from a clause on the agreement page, for that clause', async () => {
    const page = await app.newPage(desktop, 'leser');
    await page.goto(`${app.base}/avtaler/fjordvik-ramme`);
    await page
      .locator('section#uten-laereplass')
      .getByRole('link', { name: 'Slik gjør andre fylker det' })
      .click();
    await page.locator('.national-table').waitFor(wait);
    expect(await page.locator('h2#tabell-tittel').textContent()).toContain('Lærling uten læreplass');
    const fjordvik = page.locator('.national-row[data-county="Fjordvik"]');
    expect(await fjordvik.textContent()).toContain('NAV Fjordvik');
    await page.context().close();
  });

  it('fits a 360 px phone, each cell with its label', async () => {
    const page = await app.newPage(phone, 'leser');
    await page.goto(`${app.base}/fylkene?situation=uten-laereplass&at=2025-11-01`);
    await page.locator('.national-table').waitFor(wait);
    await screenshot(page, 'national-phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(phone.width);
    const label = await page
      .locator('.national-row[data-county="Fjordvik"] td[data-label="Ansvarlig"]')
      .evaluate((cell) => getComputedStyle(cell, '::before').content);
    expect(label).toContain('Ansvarlig');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });
});
