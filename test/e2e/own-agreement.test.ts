/**
 * The second successor's own agreement in a browser: Kystfold og Heiane was split, Kystfold continued its
 * agreement (a draft, committed by hand), and Heiane's editor, shut out of that file, presses «Lag egen avtale
 * for Heiane ut fra denne teksten» on its page, finds the text converted for Heiane with `erstatter`, and saves
 * it as a draft of a new agreement. test/counties/own-agreement takes it on to approval and the lookup.
 */
import { describe, expect, it } from '@jest/globals';
import { countyRegistryPath } from '../../src/domain/county-splits.js';
import { agreement, commitFileByHand, mergedAgreement, registryText } from '../counties/helpers.js';
import { browserGjerdeForFile, desktop, violations, wait } from './browser.js';

const app = browserGjerdeForFile();

const heianeEditor = {
  username: 'hilde-heiane',
  name: 'Hilde Heiane',
  email: 'hilde@heiane.example',
  roles: ['redaktor' as const],
  parties: ['heiane-fk'],
};

describe('a successor’s own agreement from the dissolved county’s text', () => {
  it('opens from the agreement’s page with the text converted for Heiane, and saves as a new draft', async () => {
    const dir = app.gjerde.dataDir;
    await commitFileByHand(
      dir,
      'avtaler/kh-ramme.md',
      mergedAgreement,
      'Rammeavtale 2020\n\nGodkjent-av: Nils Nav | Direktør, NAV Kystfold og Heiane | nav-kh | 2019-12-10\nGodkjent-av: Frida Fylke | Fylkesdirektør | kh-fk | 2019-12-10',
    );
    await commitFileByHand(dir, countyRegistryPath, registryText('2024-01-01'), 'Kystfold og Heiane delt');
    await commitFileByHand(
      dir,
      'avtaler/kh-ramme.md',
      agreement({
        id: 'kh-ramme',
        title: 'Samarbeidsavtale mellom NAV og Kystfold fylkeskommune',
        county: 'Kystfold',
        countyParty: { id: 'kystfold-fk', name: 'Kystfold fylkeskommune' },
        status: 'utkast',
        from: '2025-01-01',
      }),
      'Videreført for Kystfold etter delingen',
    );

    const page = await app.newPage(desktop, heianeEditor);
    await page.goto(`${app.base}/avtaler/kh-ramme`);
    const start = page.getByRole('link', { name: 'Lag egen avtale for Heiane ut fra denne teksten' });
    await Promise.all([
      page.waitForURL(/\/avtaler\/kh-ramme\/egen-avtale\?for=Heiane$/, wait),
      start.click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Egen avtale for Heiane');
    const markdown = await page.locator('#markdown').inputValue();
    expect(markdown).toMatch(/^---\nid: heiane-ramme\n/);
    expect(markdown).toContain('fylke: Heiane\n');
    expect(markdown).toContain('erstatter: kh-ramme\n');
    expect(markdown).not.toContain('kh-fk');
    expect(await page.locator('#tekst-reason').inputValue()).toBe(
      'Egen avtale for Heiane etter delingen, erstatter kh-ramme',
    );
    // The preview shows the converted text beside it.
    expect(await page.locator('#preview-body').innerText()).toContain(
      'Samarbeidsavtale mellom NAV og Heiane fylkeskommune',
    );
    expect(await violations(page)).toEqual([]);

    await Promise.all([
      page.waitForURL(/\/avtaler\/heiane-ramme\/utkast\?lagret=/, wait),
      page.getByRole('button', { name: 'Lagre utkast' }).click(),
    ]);
    const saved = await app.gjerde.gjerde.agreements.get('heiane-ramme');
    expect(saved.agreement.meta).toMatchObject({ county: 'Heiane', status: 'utkast', replaces: 'kh-ramme' });
    expect(saved.revision.author.name).toBe('Hilde Heiane');
    await page.context().close();
  });

  it('offers «Fortsett utkastet» on the dissolved county’s page once the draft exists, and the start leads to it, not to a second one', async () => {
    const page = await app.newPage(desktop, heianeEditor);
    await page.goto(`${app.base}/avtaler/kh-ramme`);
    expect(
      await page.getByRole('link', { name: 'Lag egen avtale for Heiane ut fra denne teksten' }).count(),
    ).toBe(0);
    const resume = page.getByRole('link', {
      name: 'Fortsett utkastet «Samarbeidsavtale mellom NAV og Heiane fylkeskommune» (heiane-ramme)',
    });
    await Promise.all([page.waitForURL(/\/avtaler\/heiane-ramme\/rediger$/, wait), resume.click()]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Rediger: Samarbeidsavtale mellom NAV og Heiane fylkeskommune',
    );
    expect(await violations(page)).toEqual([]);

    // The start's address, as a bookmark or the browser's history keeps it: the draft's editor again.
    await page.goto(`${app.base}/avtaler/kh-ramme/egen-avtale?for=Heiane`);
    expect(new URL(page.url()).pathname).toBe('/avtaler/heiane-ramme/rediger');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Rediger: Samarbeidsavtale mellom NAV og Heiane fylkeskommune',
    );
    expect(await app.gjerde.gjerde.agreements.ids()).not.toContain('heiane-ramme-2');
    await page.context().close();
  });
});
