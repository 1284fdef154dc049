/**
 * A question the agreements did not cover on the day asked about, on the page in Chromium: the plain answer
 * «Avtalen sa ikke noe om dette …» with the route comes first, its headline on a phone's first screen, and the clauses
 * below are only the nearest ones, under their own heading (issue 11: a weak neighbour stood as the answer).
 */
import { describe, expect, it } from '@jest/globals';
import { browserGjerdeForFile, phone, violations, wait } from './browser.js';

const app = browserGjerdeForFile();

describe('the lookup page when no clause covered the day asked about', () => {
  it('leads with «the agreement said nothing» and the route, the nearest clauses below', async () => {
    const page = await app.newPage(phone, 'leser');
    const q = 'hvem betalte tilrettelagt opplæring på en arbeidsplass i Lyngmark i 2024';
    await page.goto(`${app.base}/oppslag?q=${encodeURIComponent(q)}`);
    const notice = page.locator('.lookup-not-covered');
    await notice.waitFor(wait);
    expect(await notice.innerText()).toMatch(
      /^Avtalen sa ikke noe om dette 1\. juli 2024\. Uklare saker tas til: .+\./u,
    );
    // The headline is on the first screen of a phone.
    const headline = await notice.locator('strong').boundingBox();
    expect(headline && headline.y + headline.height).toBeLessThanOrEqual(phone.height);
    expect(await page.getByRole('heading', { name: 'Nærmeste punkter' }).isVisible()).toBe(true);
    expect(await page.locator('.lookup-result--best').count()).toBe(0);
    expect(await page.locator('#svar article').count()).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });
});
