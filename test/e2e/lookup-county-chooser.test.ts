/**
 * Asked on a phone by someone whose county is not known, about something two counties' agreements give to
 * different owners: the page asks for the county on the first screen, names each county's owner, shows no
 * card as *the* answer, and one tap answers the same question for that county (src/lookup/county-needed.ts).
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { browserGjerdeForFile, phone, screenshot, violations, wait } from './browser.js';

// Nobody signed in may look up here, as on a service open to every case worker.
const app = browserGjerdeForFile(undefined, {
  examplesDir: join(projectRoot, 'test/fixtures/lookup-county-needed'),
  env: { GJERDE_ANONYMOUS_READ: '1' },
});

describe('the lookup asks for the county', () => {
  it('on the first screen at 360 px, and a tap answers for the county chosen', async () => {
    const page = await app.newPage(phone);
    await page.goto(`${app.base}/oppslag?q=${encodeURIComponent('hvem betaler busskortet')}`);
    const chooser = page.locator('.lookup-county-chooser');
    await chooser.waitFor(wait);
    await screenshot(page, 'lookup-county-chooser');
    expect(await chooser.locator('p').innerText()).toBe(
      'Du har ikke valgt fylke, og avtalene i 2 fylker svarer ulikt. Velg fylke:',
    );
    expect((await chooser.locator('a').allInnerTexts()).sort()).toEqual(['Austmark', 'Vestmark']);
    const box = await chooser.boundingBox();
    if (!box) throw new Error('the county chooser has no box');
    expect(box.y + box.height + (await page.evaluate(() => window.scrollY))).toBeLessThanOrEqual(
      phone.height,
    );
    // Both counties' cards are there, neither one emphasised as the answer, each county's under a heading
    // that says it is that county's only: the first, right under the chooser, was taken as the answer.
    expect(await page.locator('#svar article').count()).toBeGreaterThanOrEqual(2);
    const first = await page.locator('.lookup-answer__county').innerText();
    expect(['Hvis saken gjelder Austmark', 'Hvis saken gjelder Vestmark']).toContain(first);
    expect(await page.locator('.lookup-result--best').count()).toBe(0);
    expect(await violations(page)).toEqual([]);

    await Promise.all([
      page.waitForURL(/county=Vestmark/u, wait),
      chooser.getByRole('link', { name: 'Vestmark' }).click(),
    ]);
    const best = page.locator('.lookup-result--best');
    await best.waitFor(wait);
    await screenshot(page, 'lookup-county-chosen');
    expect(await best.locator('.lookup-result__owner').innerText()).toContain('NAV Vestmark');
    // The county's owner on the first screen: the filters stay folded (the scope line names the county).
    const owner = await best.locator('.lookup-result__owner').boundingBox();
    if (!owner) throw new Error('the answer has no owner line');
    expect(owner.y + owner.height + (await page.evaluate(() => window.scrollY))).toBeLessThanOrEqual(
      phone.height,
    );
    expect(await page.locator('.lookup-filters').getAttribute('open')).toBeNull();
    expect(await best.locator('.lookup-result__scope').innerText()).toContain('Gjelder Vestmark');
    expect(await page.locator('.lookup-county-chooser').count()).toBe(0);
    expect(await page.locator('#q').inputValue()).toBe('hvem betaler busskortet');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });
});
