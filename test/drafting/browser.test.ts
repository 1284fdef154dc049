import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { browserGjerdeForFile } from '../e2e/browser.js';
import { ensurePersona, type PersonaName, personas, testPassword } from '../helpers/accounts.js';
import { git } from '../helpers/git.js';
import { authorLine } from './helpers.js';

/**
 * The editor's and the form's JavaScript in a real (headless) Chromium, under the strict Content
 * Security Policy that is coming: scripts only from our own files, no inline script or handlers. Each
 * page is opened by a person signed in through the sign-in page, as people do.
 */

const app = browserGjerdeForFile();
beforeAll(() => ensurePersona(app.gjerde.gjerde.accounts, 'kari'));
const csp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/**
 * A page whose every answer from Gjerde carries the strict CSP, signed in as the persona through
 * «Logg inn»; violations and script errors are kept.
 */
async function openPage(persona: PersonaName = 'kari'): Promise<{ page: Page; problems: string[] }> {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.route(`${app.base}/**`, async (route) => {
    // A request still in flight when a test closes its page (the favicon, say) is dropped, not failed:
    // Gjerde's own errors arrive as responses, and a page that cannot load fails its test anyway.
    const response = await route.fetch().catch(() => undefined);
    if (!response) return route.abort().catch(() => undefined);
    await route
      .fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } })
      .catch(() => undefined);
  });
  // Not app.signIn: its wait for the address to change misses the sign-in here, where every answer is
  // fetched and fulfilled by the route above (redirects followed), so the address stays /logg-inn.
  await page.goto(`${app.base}/logg-inn`);
  await page.locator('#username').fill(personas[persona].username);
  await page.locator('#password').fill(testPassword);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.locator('.site-header__user', { hasText: personas[persona].name }).waitFor();
  return { page, problems };
}

describe('the editor in a browser', () => {
  it('keeps unsaved edits over a reload, and brings them back on request', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${app.base}/avtaler/fjordvik-ot-nav/rediger`);
    const editor = page.locator('#markdown');
    await editor.press('Control+End');
    await editor.pressSequentially('\nDet skal sørges for at alle får svar.\n');
    await page.waitForFunction(() =>
      (window.localStorage.getItem('gjerde:rediger:fjordvik-ot-nav') ?? '').includes('alle får svar'),
    );
    await page.reload();
    expect(await editor.inputValue()).not.toContain('alle får svar');
    await page.getByRole('button', { name: 'Hent tilbake' }).click();
    expect(await editor.inputValue()).toContain('Det skal sørges for at alle får svar.');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('checks the text as it is typed, and a message takes you to its line', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${app.base}/avtaler/fjordvik-ot-nav/rediger`);
    const editor = page.locator('#markdown');
    await editor.press('Control+End');
    await editor.pressSequentially('\nDet bør ringes.\n');
    const message = page.locator('.message-list li', { hasText: '«Det bør»' });
    await message.waitFor();
    await message.locator('a.message__place').click();
    const caret = await editor.evaluate(
      (node: HTMLTextAreaElement) => node.value.slice(0, node.selectionStart).split('\n').length,
    );
    expect(await message.locator('a.message__place').textContent()).toContain(`Linje ${caret},`);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('clears the kept copy after a successful save', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${app.base}/avtaler/strandby-lokal/rediger`);
    const editor = page.locator('#markdown');
    await editor.press('Control+End');
    await editor.pressSequentially('\nOT og NAV møtes jevnlig.\n');
    await page.waitForFunction(() => window.localStorage.getItem('gjerde:rediger:strandby-lokal') !== null);
    await page.locator('#tekst-reason').fill('Nytt avsnitt om møter');
    await page.locator('#rediger').getByText('Lagres som Kari Nordmann (kari@nav.example)').waitFor();
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.locator('#lagret').waitFor();
    // The page's scripts are deferred: «lagret» is in the document before they have run.
    await page.waitForLoadState('domcontentloaded');
    expect(
      await page.evaluate(() => window.localStorage.getItem('gjerde:rediger:strandby-lokal')),
    ).toBeNull();
    expect(git(app.gjerde.dataDir, 'log', '-1', '--format=%an <%ae>|%s').trim()).toBe(
      `${authorLine('kari')}|Nytt avsnitt om møter`,
    );
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('the new-agreement form in a browser', () => {
  it('previews the agreement as the answers are typed, and shows problems at the field', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${app.base}/ny/lokal`);
    const fill = async (id: string, value: string) => {
      await page.locator(`#${id}`).fill(value);
    };
    await page.locator('#f-parent').selectOption('fjordvik-ramme');
    await fill('f-county', 'Fjordvik');
    await fill('f-validFrom', '2030-01-01');
    await fill('f-navOfficeName', 'NAV Nettleser');
    await fill('f-countyName', 'Fjordvik fylkeskommune');
    await fill('f-clauses-0-title', 'OT-dag på NAV-kontoret');
    await page.locator('#f-clauses-0-owner').selectOption({ label: 'Oppfølgingstjenesten (OT)' });
    await fill('f-clauses-0-text', 'OT er på NAV-kontoret hver torsdag.');
    await page.locator('#preview-body .clause').first().waitFor();
    expect(await page.locator('#preview-stats').textContent()).toMatch(
      /\d+ ord · ca\. \d+ min å lese · anbefalt høyst 600 ord/,
    );
    // The NAV office typed above is offered by name, and its id was made from the name and is kept.
    await page.locator('#f-clauses-0-owner').selectOption({ label: 'NAV Nettleser' });
    expect(await page.locator('#f-clauses-0-owner').inputValue()).toBe('nav-nettleser');
    expect(await page.locator('input[type="hidden"][name="navOfficeId"]').inputValue()).toBe('nav-nettleser');
    expect(await page.locator('input[type="hidden"][name="clauses[0].id"]').inputValue()).toBe(
      'ot-dag-pa-nav-kontoret',
    );
    await page.locator('#preview-body').getByText('Ansvarlig: NAV Nettleser').waitFor();
    await fill('f-validFrom', '');
    await page.locator('#f-validFrom-feil:not([hidden])').waitFor();
    expect(await page.locator('#f-validFrom').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-validFrom').getAttribute('aria-describedby')).toContain('f-validFrom-feil');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('says what is wrong in the words of the form, not the answers file, and keeps what was typed', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${app.base}/ny/lokal`);
    await page.locator('#f-parent').selectOption('fjordvik-ramme');
    await page.locator('#f-county').fill('Fjordvik');
    // A day that does not exist, and a responsibility clause with no situation named.
    await page.locator('#f-validFrom').fill('31.06.2027');
    await page.locator('#f-navOfficeName').fill('NAV Feilfylt');
    await page.locator('#f-countyName').fill('Fjordvik fylkeskommune');
    await page.locator('#f-clauses-0-text').fill('OT ringer eleven innen en uke.');
    await page.locator('#reason').fill('Første utkast');
    await page.locator('#skjema').evaluate((form: HTMLFormElement) => {
      form.noValidate = true;
    });
    const [response] = await Promise.all([
      page.waitForResponse(
        (answer) => answer.request().method() === 'POST' && answer.url().endsWith('/ny/lokal'),
      ),
      page.getByRole('button', { name: 'Lagre utkast' }).click(),
    ]);
    expect(response.status()).toBe(422);
    const summary = (await page.locator('#feiloppsummering').innerText()).replace(/\s+/g, ' ');
    expect(summary).toContain('«Gjelder fra»: «31.06.2027» finnes ikke: juni 2027 har 30 dager.');
    expect(summary).toContain('Ansvarspunkt 1: «Situasjon» må fylles ut.');
    // Not the names an answers file uses («(validFrom)», «(clauses[0].title)»).
    expect(summary).not.toMatch(/\((validFrom|clauses\[0\]\.title)\)/);
    // Nor the id made from the title, a field nobody sees: its problem is the title's, said once.
    expect(summary).not.toContain('«Id»');
    expect(summary.split('«Situasjon» må fylles ut.')).toHaveLength(2);
    // A clause with no owner is asked for one in the form's words, not the agreement's syntax.
    expect(summary).toContain(
      'Ansvarspunkt 1: «Ansvarlig part» må fylles ut, eller kryss av for «Gråsone (uavklart)».',
    );
    expect(summary).not.toContain('ansvarlig=');
    expect(await page.locator('label[for="f-clauses-0-owner"]').innerText()).not.toContain('valgfritt');
    expect(await page.locator('#f-validFrom-feil').innerText()).toContain('juni 2027 har 30 dager');
    expect(await page.locator('#f-validFrom').inputValue()).toBe('31.06.2027');
    expect(await page.locator('#f-clauses-0-text').inputValue()).toBe('OT ringer eleven innen en uke.');
    // The refused save itself (422) is the only thing the console reports.
    expect(problems.filter((problem) => !problem.includes('422'))).toEqual([]);
    await page.context().close();
  });

  it('fills in the county from the agreement it is under, and says so when another county is typed', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${app.base}/ny/lokal`);
    expect(await page.locator('#f-county').evaluate((field: HTMLInputElement) => field.validity.valid)).toBe(
      false,
    );
    await page.locator('#f-parent').selectOption('fjordvik-ramme');
    expect(await page.locator('#f-county').inputValue()).toBe('Fjordvik');
    // «Lagre utkast» is no longer stopped by the browser at «Fylke».
    expect(await page.locator('#f-county').evaluate((field: HTMLInputElement) => field.validity.valid)).toBe(
      true,
    );
    await page.locator('#f-county').fill('Eksempelfylket');
    await page
      .locator('#f-county-feil:not([hidden])', { hasText: 'må gjelde samme fylke: skriv Fjordvik' })
      .waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('brings unsaved answers back after a reload, through the form the server draws', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${app.base}/ny/lokal`);
    await page.locator('#f-county').fill('Tilbakefylket');
    await page.locator('#f-navOfficeName').fill('NAV Tilbake');
    await page.waitForFunction(() =>
      (window.localStorage.getItem('gjerde:ny:lokal') ?? '').includes('NAV Tilbake'),
    );
    // The kept copy is the answers, not the session's CSRF token.
    expect(await page.evaluate(() => window.localStorage.getItem('gjerde:ny:lokal'))).not.toContain('_csrf');
    await page.reload();
    expect(await page.locator('#f-county').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Hent tilbake' }).click();
    await page.locator('#f-navOfficeName[value="NAV Tilbake"]').waitFor();
    expect(await page.locator('#f-county').inputValue()).toBe('Tilbakefylket');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
