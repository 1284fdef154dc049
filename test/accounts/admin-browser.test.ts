/**
 * The user page in a real Chromium: an administrator adds a colleague with the form, passes on the
 * one-time password, and the colleague signs in and must choose a password first. Every step of the
 * page has zero axe violations (WCAG 2.1 A and AA).
 */
import { describe, expect, it, jest } from '@jest/globals';
import { browserGjerdeForFile, screenshot, violations } from '../e2e/browser.js';

jest.setTimeout(180_000);

const app = browserGjerdeForFile();

describe('the user page in a browser', () => {
  it('adds a colleague, who signs in with the one-time password and must choose a new one', async () => {
    const page = await app.newPage(undefined, 'admin');
    await page.getByRole('link', { name: 'Brukere', exact: true }).click();
    await page.waitForURL(`${app.base}/admin/brukere`);
    expect(await violations(page)).toEqual([]);

    // First with a mistake: the error summary links to the field.
    await page.locator('#username').fill('Siri S');
    await page.locator('#name').fill('Siri Saksbehandler');
    await page.locator('#email').fill('siri@nav.example');
    await page.getByRole('checkbox', { name: 'Redaktør' }).check();
    await page.locator('#parties').fill('nav-fjordvik, nav-strandby');
    await page.getByRole('button', { name: 'Legg til bruker' }).click();
    const summary = page.locator('.ds-error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Brukernavnet må ha 2–40 tegn: små bokstaver a–z, tall, punktum, bindestrek eller understrek.',
    ]);
    expect(await page.getByRole('checkbox', { name: 'Redaktør' }).isChecked()).toBe(true);
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'admin-users-error');

    await page.locator('#username').fill('siri');
    await page.getByRole('checkbox', { name: 'Godkjenner' }).check();
    await page.getByRole('button', { name: 'Legg til bruker' }).click();
    await page.getByRole('heading', { name: 'Brukeren er lagt til' }).waitFor();
    const password = (await page.locator('#engangspassord').textContent()) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'admin-users-password');

    await page.getByRole('link', { name: 'Roller og tilgang for Siri Saksbehandler' }).click();
    await page.getByRole('heading', { name: 'Siri Saksbehandler' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Godkjenner' }).isChecked()).toBe(true);
    expect(await page.locator('#parties').inputValue()).toBe('nav-fjordvik, nav-strandby');
    expect(await violations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Fjern brukeren …' }).click();
    await page.getByRole('heading', { name: 'Fjerne Siri Saksbehandler?' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Avbryt' }).click();
    await page.getByRole('heading', { name: 'Siri Saksbehandler' }).waitFor();

    const colleague = await app.newPage();
    await colleague.goto(`${app.base}/logg-inn`);
    await colleague.locator('#username').fill('siri');
    await colleague.locator('#password').fill(password);
    await colleague.getByRole('button', { name: 'Logg inn', exact: true }).click();
    await colleague.getByRole('heading', { name: 'Velg ditt eget passord' }).waitFor();
    await colleague.locator('#current').fill(password);
    await colleague.locator('#password').fill('Et eget langt passord for saksbehandleren');
    await colleague.locator('#repeat').fill('Et eget langt passord for saksbehandleren');
    await colleague.getByRole('button', { name: 'Lagre passordet' }).click();
    await colleague.waitForURL(`${app.base}/`);
    expect(await colleague.locator('.site-header__user').textContent()).toContain('Siri Saksbehandler');

    // The list no longer says she must change it.
    await page.goto(`${app.base}/admin/brukere`);
    const row = page.getByRole('row', { name: /siri/ });
    expect(await row.textContent()).not.toContain('Må bytte passord');
    await screenshot(page, 'admin-users-list');
  });
});
