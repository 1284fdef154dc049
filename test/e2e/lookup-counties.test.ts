/**
 * An answer from several counties on the page: one county's cards after another's, never interleaved,
 * each county after the first under a plain heading, and the first card's county named above it (issue 11:
 * an auditor with no county got four counties' clauses mixed, the county only in each card's footer),
 * below the question which county the case is in.
 */
import { describe, expect, it } from '@jest/globals';
import { browserGjerdeForFile, desktop, violations, wait } from './browser.js';

const app = browserGjerdeForFile();

describe('the lookup page with several counties', () => {
  it('shows each county’s cards together under its own heading', async () => {
    // Lise reads every county: her account names none.
    const page = await app.newPage(desktop, 'leser');
    await page.goto(`${app.base}/oppslag?q=${encodeURIComponent('hvem betaler arbeidsklær')}&limit=20`);
    // Her county is not known and the counties answer differently: the answer asks for it, above the cards
    // (county-needed.ts), and no card is the answer.
    const chooser = page.locator('.lookup-county-chooser');
    await chooser.waitFor(wait);
    expect(await page.locator('.lookup-result--best').count()).toBe(0);
    const counties = await page
      .locator('#svar article .lookup-result__source .muted')
      .evaluateAll((spans) =>
        spans.map((span) => /,\s*([^,·]+?)\s*·/u.exec(span.textContent ?? '')?.[1] ?? ''),
      );
    const runs = counties.filter((county, position) => county !== counties[position - 1]);
    expect(runs.length).toBeGreaterThan(1);
    expect(new Set(runs).size).toBe(runs.length);
    // Each county's cards say they are that county's only, until the county is chosen.
    expect(await page.locator('.lookup-answer__county').innerText()).toBe(`Hvis saken gjelder ${runs[0]}`);
    expect((await chooser.locator('a').allInnerTexts())[0]).toBe(runs[0]);
    const headings = await page.locator('.lookup-county > h2').allInnerTexts();
    expect(headings).toEqual(runs.slice(1).map((county) => `Hvis saken gjelder ${county}`));
    // Every card under a county's heading is that county's.
    for (const [position, county] of runs.slice(1).entries()) {
      const inGroup = await page
        .locator('.lookup-county')
        .nth(position)
        .locator('.lookup-result__source .muted')
        .allInnerTexts();
      for (const text of inGroup) expect(text).toContain(`, ${county} ·`);
    }
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });
});
