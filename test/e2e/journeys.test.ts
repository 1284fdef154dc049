import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { today } from '../../src/format/dates.js';
import { desktop, phone, screenshot, startBrowserGjerde, violations, wait } from './browser.js';

/**
 * The three journeys of issue 7 in a real Chromium against the real service on a seeded temporary
 * store, every step through the pages. Screenshots of each step go to test-artifacts/journey-*.png.
 */

let app: Awaited<ReturnType<typeof startBrowserGjerde>>;

beforeAll(async () => {
  app = await startBrowserGjerde();
});
afterAll(async () => {
  await app?.stop();
});

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await app.browser.newContext({ viewport, locale: 'nb-NO' });
  const page = await context.newPage();
  page.setDefaultTimeout(wait.timeout);
  page.setDefaultNavigationTimeout(wait.timeout);
  return page;
}

describe('a case worker asks who owns the case', () => {
  for (const [name, viewport] of [
    ['desktop', desktop],
    ['telefon', phone],
  ] as const) {
    it(`reads owner, clause and contact in three interactions (${name}, ${viewport.width} px)`, async () => {
      const page = await newPage(viewport);
      await page.goto(`${app.base}/oppslag`);
      await screenshot(page, `journey-saksbehandler-${name}-1-oppslag`);
      // The search box has focus when the page opens, so typing needs no click first.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');

      // 1. type
      await page.keyboard.type('fikk ikke læreplass, 19 år');
      await screenshot(page, `journey-saksbehandler-${name}-2-skrevet`);
      // 2. submit
      await Promise.all([page.waitForURL(/\/oppslag\?q=/, wait), page.keyboard.press('Enter')]);
      // 3. read
      const best = page.locator('.lookup-result--best');
      await best.waitFor(wait);
      await screenshot(page, `journey-saksbehandler-${name}-3-svar`);

      expect(await best.locator('.lookup-result__owner').innerText()).toMatch(/^Ansvarlig:\s+NAV Fjordvik$/);
      expect(await best.locator('.lookup-result__title').innerText()).toBe('Lærling uten læreplass');
      const facts = await best.locator('.lookup-result__facts').innerText();
      expect(facts).toMatch(/Kontakt\s+Ungdomskontakt ved hvert NAV-kontor \(NAV Fjordvik\)/);
      // All three are on screen without scrolling, also on the phone.
      for (const part of ['.lookup-result__owner', '.lookup-result__title']) {
        const box = await best.locator(part).boundingBox();
        expect(box).not.toBeNull();
        expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= viewport.width).toBe(true);
      }
      // Nothing is wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await page.context().close();
    });
  }
});

describe('a county leader drafts an umbrella agreement and both parties approve it', () => {
  const year = Number(today().slice(0, 4)) + 2;
  const validFrom = `${year}-01-01`;
  const id = 'nordhavn-ramme';

  it('drafts from the template, saves with a reason, submits, both approve, and it answers a lookup', async () => {
    const page = await newPage(desktop);
    await page.goto(`${app.base}/ny`);
    await screenshot(page, 'journey-fylkesleder-1-maler');
    await page.getByRole('link', { name: 'Rammeavtale mellom NAV og fylkeskommunen' }).click();
    await page.waitForURL(/\/ny\/ramme$/, wait);

    const fill = (field: string, value: string) => page.locator(`#f-${field}`).fill(value);
    await fill('id', id);
    await fill('title', 'Samarbeidsavtale mellom NAV Nordhavn og Nordhavn fylkeskommune');
    await fill('county', 'Nordhavn');
    await fill('validFrom', validFrom);
    await fill('navId', 'nav-nordhavn');
    await fill('navName', 'NAV Nordhavn');
    await fill('countyId', 'nordhavn-fk');
    await fill('countyName', 'Nordhavn fylkeskommune');
    await fill(
      'purpose',
      'Avtalen sier hvem som har ansvaret for ungdom som ikke er i opplæring eller arbeid.',
    );
    await fill('targetGroups', 'Ungdom 15–24 år i Nordhavn som ikke er i opplæring eller arbeid.');
    await fill('responsibilityIntro', 'Hvert punkt sier hvem som har ansvaret og hvem som bistår.');
    await fill('clauses-0-id', 'uten-laereplass');
    await fill('clauses-0-title', 'Søkere som ikke fikk læreplass');
    await fill('clauses-0-owner', 'nav-nordhavn');
    await fill('clauses-0-support', 'ot');
    await fill('clauses-0-ages', '16-24');
    await fill('clauses-0-situations', 'uten-laereplass');
    await fill('clauses-0-keywords', 'læreplass, lærling');
    await fill(
      'clauses-0-text',
      'NAV Nordhavn følger opp søkere som ikke fikk læreplass innen 1. september. OT bistår med alternativ opplæring.',
    );
    await fill('meetings', 'Samarbeidsutvalget møtes fire ganger i året.');
    await fill(
      'contactsText',
      'Hvert NAV-kontor har en ungdomskontakt, og OT har en kontaktperson for hvert kontor.',
    );
    await fill('escalationText', 'Uenighet om ansvar tas til samarbeidsutvalget, som avgjør innen to uker.');
    await fill('revisionText', 'Partene går gjennom avtalen hvert år.');
    await page.locator('#reason').fill('Første utkast etter møtet i samarbeidsutvalget');
    await page.locator('#authorName').fill('Kari Nordmann');
    await page.locator('#authorEmail').fill('kari@nav.example');
    await screenshot(page, 'journey-fylkesleder-2-skjema-utfylt');
    await Promise.all([
      page.waitForURL(new RegExp(`/avtaler/${id}/rediger\\?lagret=`), wait),
      page.getByRole('button', { name: 'Lagre utkast' }).click(),
    ]);
    await screenshot(page, 'journey-fylkesleder-3-lagret');
    // The states only this journey reaches are checked with axe too (editor after a save, send, approve).
    expect(await violations(page)).toEqual([]);

    // Send to approval through the page.
    await page.goto(`${app.base}/avtaler/${id}/send`);
    await page.locator('#authorName').fill('Kari Nordmann');
    await page.locator('#authorEmail').fill('kari@nav.example');
    await screenshot(page, 'journey-fylkesleder-4-send');
    expect(await violations(page)).toEqual([]);
    await Promise.all([
      page.waitForURL(new RegExp(`/avtaler/${id}/godkjenn\\?sendt=1`), wait),
      page.getByRole('button', { name: 'Send til godkjenning' }).click(),
    ]);
    await screenshot(page, 'journey-fylkesleder-5-sendt');
    expect(await violations(page)).toEqual([]);

    // Both parties approve on the approval page.
    const approvers = [
      {
        party: 'nav-nordhavn',
        name: 'Nils Nordhavn',
        role: 'Direktør, NAV Nordhavn',
        email: 'nils@nav.example',
      },
      {
        party: 'nordhavn-fk',
        name: 'Hanne Havn',
        role: 'Fylkesdirektør for opplæring',
        email: 'hanne@nfk.example',
      },
    ];
    for (const [index, approver] of approvers.entries()) {
      await page.locator(`#godkjenn-party-${approver.party}`).check();
      await page.locator('#godkjenn-name').fill(approver.name);
      await page.locator('#godkjenn-role').fill(approver.role);
      await page.locator('#godkjenn-email').fill(approver.email);
      await Promise.all([
        page.waitForURL(new RegExp(`/avtaler/${id}/godkjenn\\?godkjent=${approver.party}`), wait),
        page.getByRole('button', { name: 'Godkjenn avtalen' }).click(),
      ]);
      await screenshot(page, `journey-fylkesleder-${6 + index}-godkjent-${approver.party}`);
    }
    await page.getByText('Avtalen er godkjent av alle parter').waitFor(wait);
    const table = await page.locator('.approvals-table').innerText();
    expect(table).toContain('Nils Nordhavn, Direktør, NAV Nordhavn');
    expect(table).toContain('Hanne Havn, Fylkesdirektør for opplæring');

    // The new agreement answers a lookup on a date in its valid period, asked through the lookup page.
    await page.goto(`${app.base}/oppslag`);
    await page.locator('#q').fill('fikk ikke læreplass, 19 år');
    await page.locator('.lookup-filters summary').click();
    await page.locator('#at').fill(validFrom);
    await screenshot(page, 'journey-fylkesleder-8-oppslag');
    await Promise.all([page.waitForURL(/\/oppslag\?/, wait), page.locator('#q').press('Enter')]);
    const result = page.locator('.lookup-result', { hasText: 'Søkere som ikke fikk læreplass' });
    await result.waitFor(wait);
    await screenshot(page, 'journey-fylkesleder-9-svar');
    expect(await result.locator('.lookup-result__owner').innerText()).toMatch(/Ansvarlig:\s+NAV Nordhavn/);
    expect(await result.locator('.lookup-result__source').innerText()).toContain(
      'Samarbeidsavtale mellom NAV Nordhavn og Nordhavn fylkeskommune',
    );
    // Before it comes into force it answers nothing.
    await page.goto(`${app.base}/oppslag?q=${encodeURIComponent('fikk ikke læreplass')}&county=Nordhavn`);
    await page.locator('#svar-tittel').waitFor(wait);
    expect(await page.locator('.lookup-result', { hasText: 'Søkere som ikke fikk læreplass' }).count()).toBe(
      0,
    );
    await page.context().close();
  });
});

describe('an auditor compares the 2017 and 2025 versions', () => {
  it('sees the responsibility changes first, then the redline', async () => {
    const page = await newPage(desktop);
    await page.goto(`${app.base}/avtaler/fjordvik-ramme/sammenlign?fra=2017-06-01&til=2025-09-01`);
    await page.locator('#redline-heading').waitFor(wait);
    await screenshot(page, 'journey-revisor-1-sammenligning');

    const change = page.locator('.compare-responsibility li', {
      hasText: 'Lærling uten læreplass: ansvarlig endret fra Fjordvik fylkeskommune til NAV Fjordvik',
    });
    expect(await change.count()).toBe(1);
    // In document order: the heading «Endringer i ansvar», the owner change, then the redline.
    const order = await page.evaluate(() => {
      const parts = [
        [...document.querySelectorAll('h3')].find((h) => h.textContent === 'Endringer i ansvar'),
        [...document.querySelectorAll('.compare-responsibility li')].find((li) =>
          li.textContent?.includes('Lærling uten læreplass: ansvarlig endret'),
        ),
        document.querySelector('.compare-redline'),
        document.querySelector('.compare-redline ins'),
      ];
      if (parts.some((part) => !part)) return 'missing';
      const inOrder = parts.every(
        (part, i) =>
          i === 0 ||
          Boolean(
            (parts[i - 1] as Node).compareDocumentPosition(part as Node) & Node.DOCUMENT_POSITION_FOLLOWING,
          ),
      );
      return inOrder ? 'responsibility first' : 'redline first';
    });
    expect(order).toBe('responsibility first');
    expect(await page.locator('.compare-redline ins').count()).toBeGreaterThan(0);
    expect(await page.locator('.compare-redline del').count()).toBeGreaterThan(0);
    await page.locator('.compare-redline').scrollIntoViewIfNeeded();
    await screenshot(page, 'journey-revisor-2-redline');
    await page.context().close();
  });
});
