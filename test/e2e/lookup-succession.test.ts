/**
 * The lookup page for someone in a successor county (test/fixtures/lookup-successor: Kystfold og Heiane split on
 * 1 January 2024, Kystfold's continuation from 1 August 2024, Heiane's own agreement from 1 September 2025): a card
 * from the merged county's agreement says which county's agreement answers and why, for a day before the split
 * and for one after it; a card from the person's own county's agreement says nothing of the kind.
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../src/config.js';
import { browserGjerdeForFile, desktop, violations, wait } from './browser.js';

const app = browserGjerdeForFile(undefined, {
  examplesDir: join(projectRoot, 'test/fixtures/lookup-successor'),
});

const heiane = {
  username: 'hanne-heiane',
  name: 'Hanne Heiane',
  email: 'hanne@heiane.example',
  roles: [],
  counties: ['Heiane'],
};

/** The first card of the answer to «lærling uten læreplass» on `at` (today without it). */
async function firstCard(page: Page, at?: string) {
  const query = `q=${encodeURIComponent('lærling uten læreplass')}${at ? `&at=${at}` : ''}`;
  await page.goto(`${app.base}/oppslag?${query}`);
  const card = page.locator('#svar article.lookup-result').first();
  await card.waitFor(wait);
  const note = card.locator('.lookup-result__succession');
  return {
    scope: (await card.locator('.lookup-result__scope').innerText()).split(' · ')[0],
    owner: await card.locator('.lookup-result__owner strong').innerText(),
    note: (await note.count()) > 0 ? await note.innerText() : undefined,
  };
}

describe('the lookup page for someone in a successor county', () => {
  it('says the merged county’s agreement answers, and why, before the split and after it; nothing for the county’s own', async () => {
    const page = await app.newPage(desktop, heiane);

    expect(await firstCard(page, '2022-06-01')).toEqual({
      scope: 'Gjelder Kystfold og Heiane',
      owner: 'NAV Kystfold og Heiane',
      note: 'Svaret er fra avtalen for Kystfold og Heiane. Heiane var en del av Kystfold og Heiane til fylket ble delt 1. januar 2024, og avtalen gjaldt der da.',
    });
    expect(await violations(page)).toEqual([]);

    // After Kystfold's continuation, the merged text still governs Heiane.
    expect(await firstCard(page, '2024-09-01')).toEqual({
      scope: 'Gjelder Kystfold og Heiane',
      owner: 'NAV Kystfold og Heiane',
      note: 'Svaret er fra avtalen for Kystfold og Heiane. Fylket ble delt 1. januar 2024, og avtalen gjelder for Heiane til Heiane har sin egen avtale som erstatter den.',
    });

    expect(await firstCard(page)).toEqual({
      scope: 'Gjelder Heiane',
      owner: 'Heiane fylkeskommune',
      note: undefined,
    });
    await page.context().close();
  });
});
