/**
 * The glossary's terms and the contact register in a real Chromium: a term explained by keyboard focus,
 * Enter, Escape and a tap, on a 360 px phone; the glossary and contact pages with their editors' forms and
 * a lookup answer with contacts without an axe violation and without sideways scrolling.
 */
import { describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { browserGjerdeForFile, phone, screenshot, violations } from './browser.js';

// A real browser on a loaded machine: each step is bounded (browser.ts), the whole test more loosely.
jest.setTimeout(120_000);

const app = browserGjerdeForFile(120_000);

async function expectAccessibleOnPhone(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await violations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
}

describe('a term in an agreement', () => {
  it('is explained on keyboard focus, Enter and a tap, and hidden again by Escape and moving on', async () => {
    const page = await app.newPage(phone, 'leser');
    await page.goto(`${app.base}/avtaler/fjordvik-ramme`);
    const term = page.locator('section.clause button.term__button', { hasText: /^OT$/ }).first();
    const explanation = page.locator(`#${await term.getAttribute('aria-controls')}`);
    await expect(explanation.isVisible()).resolves.toBe(false);

    // The element before the term, then Tab: the keyboard reaches the term and the explanation opens.
    await term.evaluate((button) => {
      const before = document.createElement('a');
      before.href = '#';
      before.textContent = 'før';
      before.id = 'for-tab';
      button.parentElement?.before(before);
    });
    await page.locator('#for-tab').focus();
    await page.keyboard.press('Tab');
    await expect(term.evaluate((button) => button === document.activeElement)).resolves.toBe(true);
    expect(await term.getAttribute('aria-expanded')).toBe('true');
    expect(await explanation.isVisible()).toBe(true);
    expect(await explanation.textContent()).toContain('oppfølgingstjenesten');
    expect(await term.evaluate((button) => button.getAttribute('aria-describedby'))).toBe(
      await term.getAttribute('aria-controls'),
    );
    await screenshot(page, 'begrep-tastatur');
    expect(await violations(page)).toEqual([]);

    await page.keyboard.press('Escape');
    expect(await term.getAttribute('aria-expanded')).toBe('false');
    expect(await explanation.isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    expect(await explanation.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await explanation.isVisible()).toBe(false);

    // A click (a tap on a phone) opens it, and another closes it.
    await term.click();
    expect(await term.getAttribute('aria-expanded')).toBe('true');
    expect(await explanation.isVisible()).toBe(true);
    await term.click();
    expect(await explanation.isVisible()).toBe(false);
    await page.context().close();
  });
});

describe('the pages', () => {
  it('the glossary, with an editor’s forms open', async () => {
    const page = await app.newPage(phone, 'redaktor');
    await page.goto(`${app.base}/begreper`);
    await page.locator('summary', { hasText: 'Endre «OT»' }).click();
    await expectAccessibleOnPhone(page, 'begreper-redaktor');
    // Adding a term through the form is a commit in the editor's name, and the term is on the page.
    await page.locator('#nytt-term').fill('Hospitering');
    await page.locator('#nytt-definition').fill('Å følge en kollega hos den andre parten en dag.');
    await Promise.all([
      page.waitForURL(/lagret=Hospitering/),
      page.getByRole('button', { name: 'Legg til' }).click(),
    ]);
    expect(await page.locator('#begrep-hospitering').textContent()).toContain('Å følge en kollega');
    await page.context().close();
  });

  it('the contacts for a municipality, with a county editor’s forms open', async () => {
    const page = await app.newPage(phone, 'ola');
    await page.goto(`${app.base}/kontakter`);
    await page.locator('#kommune').selectOption('Berg');
    await Promise.all([
      page.waitForURL(/kommune=Berg/),
      page.getByRole('button', { name: 'Finn kontakter' }).click(),
    ]);
    expect(await page.locator('.contact-found').textContent()).toContain('Jon Prøve');
    await page.locator('summary', { hasText: 'Endre Jon Prøve' }).click();
    await page.locator('summary', { hasText: 'Ny kontakt i Fjordvik' }).click();
    await expectAccessibleOnPhone(page, 'kontakter-fylke');
    await page.context().close();
  });

  it('a county’s NAV offices, changed through the form: a refusal says why at the field, then the office is saved', async () => {
    const page = await app.newPage(phone, 'kari');
    await page.goto(`${app.base}/kontakter`);
    await page.locator('summary', { hasText: 'Endre NAV-kontorene i Fjordvik' }).click();
    await page.locator('summary', { hasText: 'NAV Strandby' }).click();
    await expectAccessibleOnPhone(page, 'kontakter-nav-kontorer');
    await page.locator('#nytt-kontor-fjordvik-name').fill('NAV Holmen');
    await page.locator('#nytt-kontor-fjordvik-municipalities').fill('Holmen, 9999');
    await page.getByRole('button', { name: 'Legg til NAV-kontoret' }).click();
    const problem = page.getByRole('link', { name: /«9999» er ikke et kommunenavn/ });
    await problem.click();
    // The link leads to the field, with what was typed in it to be corrected.
    const field = page.locator('#nytt-kontor-fjordvik-municipalities');
    expect(await field.isVisible()).toBe(true);
    expect(await field.inputValue()).toBe('Holmen, 9999');
    await expectAccessibleOnPhone(page, 'kontakter-nav-kontorer-feil');
    await field.fill('Holmen, Lia');
    await page.locator('#nytt-kontor-fjordvik-reason').fill('Nytt kontor fra nyttår');
    await Promise.all([
      page.waitForURL(/lagret=NAV%20Holmen#kontorer-fjordvik/),
      page.getByRole('button', { name: 'Legg til NAV-kontoret' }).click(),
    ]);
    expect(await page.locator('#kontorer-fjordvik').textContent()).toContain('NAV Holmen (Holmen, Lia)');
    await page.context().close();
  });

  it('a lookup answer with OT’s contacts for the person’s NAV office', async () => {
    const page = await app.newPage(phone, 'kari');
    await page.goto(`${app.base}/oppslag?q=${encodeURIComponent('hvem ringer jeg i OT')}`);
    expect(await page.locator('.lookup-contacts').textContent()).toContain('Sara Demo');
    await expectAccessibleOnPhone(page, 'oppslag-kontakter');
    await page.context().close();
  });
});
