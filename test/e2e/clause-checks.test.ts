/**
 * The editor's clause form in a real Chromium, under the service's Content-Security-Policy: a legal basis
 * that was repealed is said under the field while it is typed (the server's rule, asked through
 * `POST /api/agreements/:id/clause-check`), goes away when it is corrected, and nothing is saved meanwhile;
 * the page has no axe violation with the note shown.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { gitTrimmed } from '../helpers/git.js';
import { browserGjerdeForFile, screenshot, violations } from './browser.js';

jest.setTimeout(120_000);

const app = browserGjerdeForFile(120_000);

const head = () => gitTrimmed(app.gjerde.dataDir, 'rev-parse', 'HEAD');

describe('a clause’s legal basis while it is typed', () => {
  it('says under the field that the provision is repealed, and stops saying it when corrected', async () => {
    const page = await app.newPage(undefined, 'kari');
    await page.goto(`${app.base}/avtaler/fjordvik-ramme/rediger?visning=skjema`);
    const before = head();
    const clause = page.locator('#punkt-livsopphold-elev');
    await clause.locator('summary').first().click();
    const field = clause.locator('input[name="legalBasis"]');
    await field.fill('opplæringslova § 3-6');
    const note = clause.locator('.clause-form__field-note');
    await note.waitFor();
    expect(await note.textContent()).toContain(
      'Hjemmelen «opplæringslova § 3-6» er opphevet fra 1. august 2024; nå: opplæringslova § 9-4.',
    );
    // Read with the field, and announced in the clause's list of notes with a way back to it.
    expect(await field.getAttribute('aria-describedby')).toContain(await note.getAttribute('id'));
    expect(await clause.locator('.clause-form__checks a[href^="#"]').textContent()).toBe('Gå til feltet');
    await screenshot(page, 'punkt-hjemmel-opphevet');
    expect(await violations(page)).toEqual([]);
    await field.fill('opplæringslova § 9-4');
    await note.waitFor({ state: 'detached' });
    expect(await field.getAttribute('aria-describedby')).toBeNull();
    expect(head()).toBe(before);
    await page.context().close();
  });
});
