import { afterAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { countyReaderAccount, type PersonaName } from '../helpers/accounts.js';
import { madeUpNationalIdNumber } from '../lookup/helpers.js';
import {
  awaitingApproval,
  browserGjerdeForFile,
  desktop,
  phone,
  screenshot,
  violations,
  wait,
} from './browser.js';

/**
 * WCAG 2.1 A and AA (axe-core) on every page and state, in a real Chromium with the pages' own scripts
 * running, signed in as the person who uses the page (and the sign-in pages before that); and the lookup
 * journey by keyboard alone, with visible focus.
 */

const app = browserGjerdeForFile();

async function expectAccessible(page: Page, name?: string): Promise<void> {
  expect(await page.locator('html').getAttribute('lang')).toBe('nb');
  if (name) await screenshot(page, `a11y-${name}`);
  expect(await violations(page)).toEqual([]);
}

const q = encodeURIComponent('fikk ikke læreplass, 19 år');

/**
 * Pages as they open: [name, path, expected status, who is signed in (Kari unless named)]. Kari edits and
 * approves for NAV Fjordvik, so she sees the drafting pages of the example agreements with all they offer.
 */
const pages: Array<[string, string, number, PersonaName?]> = [
  ['forside', '/', 200],
  ['avtale', '/avtaler/fjordvik-ramme', 200],
  ['avtale-pa-dato', '/avtaler/fjordvik-ramme?at=2018-06-01', 200],
  ['avtale-hjemmel-opphevet', '/avtaler/innmark-samarbeidsavtale?at=2024-09-01', 200],
  ['lokal-avtale', '/avtaler/strandby-lokal', 200],
  ['oppslag-tomt', '/oppslag', 200],
  ['oppslag-svar', `/oppslag?q=${q}`, 200],
  ['oppslag-svar-filtre', `/oppslag?q=${q}&county=Fjordvik&at=2018-06-01`, 200],
  ['oppslag-ingen-svar', `/oppslag?q=${encodeURIComponent('romskip på månen')}`, 200],
  ['oppslag-feil', `/oppslag?q=${q}&at=2018-13-45`, 400],
  ['oppslag-fodselsnummer', `/oppslag?q=${encodeURIComponent(`elev ${madeUpNationalIdNumber()}`)}`, 422],
  ['fylkene-tomt', '/fylkene', 200],
  [
    'fylkene-sporsmal',
    `/fylkene?q=${encodeURIComponent('ung voksen 23 år utenfor arbeid og skole')}&at=2025-11-01`,
    200,
  ],
  ['fylkene-punkt', '/fylkene?agreement=fjordvik-ramme&clause=uten-laereplass&at=2022-06-01', 200],
  ['fylkene-feil', '/fylkene?q=slutta&situation=sluttet', 400],
  ['historikk', '/avtaler/fjordvik-ramme/historikk', 200],
  ['sammenligning', '/avtaler/fjordvik-ramme/sammenlign?fra=2017-06-01&til=2025-09-01', 200],
  [
    'sammenligning-side',
    '/avtaler/fjordvik-ramme/sammenlign?fra=2017-06-01&til=2025-09-01&visning=side',
    200,
  ],
  [
    'sammenligning-utskrift',
    '/avtaler/fjordvik-ramme/sammenlign?fra=2017-06-01&til=2025-09-01&utskrift=1',
    200,
  ],
  ['punkthistorikk', '/avtaler/fjordvik-ramme/punkter/uten-laereplass/historikk', 200],
  ['begreper-historikk', '/begreper/historikk', 200],
  ['kontakter-historikk', '/kontakter/Fjordvik/historikk', 200],
  ['integritet', '/admin/integritet', 200, 'admin'],
  ['innstillinger', '/admin/innstillinger', 200, 'admin'],
  ['ny-avtale-maler', '/ny', 200],
  ['ny-avtale-skjema', '/ny/ramme', 200],
  ['ny-lokal-avtale-skjema', '/ny/lokal', 200],
  ['rediger', '/avtaler/fjordvik-ramme/rediger', 200],
  ['rediger-skjema', '/avtaler/fjordvik-ramme/rediger?visning=skjema', 200],
  ['utkast', '/avtaler/fjordvik-ot-nav/utkast', 200],
  ['send', '/avtaler/fjordvik-ramme/send', 200],
  ['godkjenn', '/avtaler/fjordvik-ramme/godkjenn', 200],
  ['bytt-passord', '/konto/passord', 200],
  ['ingen-tilgang', '/ny', 403, 'leser'],
  ['saker', '/saker', 200, 'utvalg'],
  ['meld-sak-velg-avtale', '/saker/ny', 200],
  ['meld-sak', '/saker/ny?avtale=fjordvik-ramme&punkt=pc-utstyr&alder=17&situasjon=sluttet', 200],
  ['api-dokumentasjon', '/api/dokumentasjon', 200],
  ['finnes-ikke', '/finnes-ikke', 404],
  ['avtale-finnes-ikke', '/avtaler/finnes-ikke', 404],
];

describe('zero axe violations (WCAG 2.1 A and AA)', () => {
  // One signed-in tab a person for the pages as they open, to keep the suite quick.
  const tabs = new Map<PersonaName, Page>();
  const tabOf = async (persona: PersonaName) => {
    const tab = tabs.get(persona) ?? (await app.newPage(desktop, persona));
    tabs.set(persona, tab);
    return tab;
  };
  afterAll(async () => {
    await Promise.all([...tabs.values()].map((tab) => tab.context().close()));
  });

  it.each(pages)(
    '%s: %s',
    async (_name, path, status, persona = 'kari') => {
      const tab = await tabOf(persona);
      const response = await tab.goto(`${app.base}${path}`);
      expect(response?.status()).toBe(status);
      await expectAccessible(tab);
    },
    120_000,
  );

  it('the lookup answer on a phone, with the filters open', async () => {
    const page = await app.newPage(phone, 'leser');
    await page.goto(`${app.base}/oppslag?q=${q}`);
    await page.locator('.lookup-filters summary').click();
    await expectAccessible(page, 'oppslag-svar-telefon');
    await page.context().close();
  });

  it('the lookup answer fetched while typing (lookup.js)', async () => {
    const page = await app.newPage(desktop, 'leser');
    await page.goto(`${app.base}/oppslag`);
    await page.locator('#q').pressSequentially('fikk ikke læreplass');
    // Lise's county is not known: the answer asks for it above the cards (county-needed.ts).
    await page.locator('.lookup-county-chooser').waitFor(wait);
    await expectAccessible(page, 'oppslag-mens-du-skriver');
    await page.context().close();
  });

  it('the new-agreement form with its problems shown', async () => {
    const page = await app.newPage(desktop, 'redaktor');
    await page.goto(`${app.base}/ny/ramme`);
    await page.locator('#f-county').fill('');
    await page.locator('#f-validFrom').fill('');
    // «Forhåndsvis» submits without the browser's own checks, so the server's problems are shown.
    await Promise.all([
      page.waitForURL(/\/ny\/ramme$/, wait),
      page.getByRole('button', { name: 'Forhåndsvis' }).click(),
    ]);
    await page.locator('#feiloppsummering').waitFor(wait);
    // Each problem is tied to its field.
    const invalid = page.locator('[aria-invalid="true"]');
    expect(await invalid.count()).toBeGreaterThan(0);
    const describedBy = (await invalid.first().getAttribute('aria-describedby')) ?? '';
    expect(describedBy).toMatch(/-feil/);
    await expectAccessible(page, 'ny-avtale-feil');
    await page.context().close();
  });

  it('the new-agreement form refused on save (422)', async () => {
    const page = await app.newPage(desktop, 'redaktor');
    await page.goto(`${app.base}/ny/ramme`);
    await page.locator('#skjema').evaluate((form: HTMLFormElement) => {
      form.noValidate = true;
    });
    const [response] = await Promise.all([
      page.waitForResponse((answer) => answer.request().method() === 'POST', wait),
      page.getByRole('button', { name: 'Lagre utkast' }).click(),
    ]);
    expect(response.status()).toBe(422);
    await page.locator('#feiloppsummering').waitFor(wait);
    await expectAccessible(page, 'ny-avtale-lagring-avvist');
    await page.context().close();
  });
});

describe('zero axe violations when signing in', () => {
  it('the sign-in page', async () => {
    const page = await app.newPage();
    const response = await page.goto(`${app.base}/logg-inn`);
    expect(response?.status()).toBe(200);
    await expectAccessible(page, 'logg-inn');
    await page.context().close();
  });

  it('the sign-in page after a wrong password (401)', async () => {
    const page = await app.newPage();
    await page.goto(`${app.base}/logg-inn`);
    await page.locator('#username').fill('kari');
    await page.locator('#password').fill('ikke passordet hennes');
    const [response] = await Promise.all([
      page.waitForResponse((answer) => answer.request().method() === 'POST', wait),
      page.getByRole('button', { name: 'Logg inn', exact: true }).click(),
    ]);
    expect(response.status()).toBe(401);
    await page.getByRole('alert').waitFor(wait);
    await expectAccessible(page, 'logg-inn-feil');
    await page.context().close();
  });

  it('choosing one’s own password at the first sign-in, and the problems with a poor one (422)', async () => {
    const oneTime = await app.gjerde.gjerde.accounts.add({
      username: 'forste.gang',
      name: 'Frida Førstegang',
      email: 'frida@fjordvik.example',
      roles: [],
    });
    const page = await app.newPage();
    await page.goto(`${app.base}/logg-inn`);
    await page.locator('#username').fill('forste.gang');
    await page.locator('#password').fill(oneTime);
    await Promise.all([
      page.waitForURL(/\/konto\/passord/, wait),
      page.getByRole('button', { name: 'Logg inn', exact: true }).click(),
    ]);
    await expectAccessible(page, 'velg-passord');

    // The server's own checks, past the browser's: a wrong one-time password and a too short new one.
    await page.locator('.password-form').evaluate((form: HTMLFormElement) => {
      form.noValidate = true;
    });
    await page.locator('#current').fill('ikke engangspassordet');
    await page.locator('#password').fill('kort');
    await page.locator('#repeat').fill('kort');
    const [response] = await Promise.all([
      page.waitForResponse((answer) => answer.request().method() === 'POST', wait),
      page.getByRole('button', { name: 'Lagre passordet' }).click(),
    ]);
    expect(response.status()).toBe(422);
    await page.getByRole('alert').waitFor(wait);
    // Focus is on the summary of what to fix, so a keyboard or screen reader user starts there.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('ds-error-summary'))).toBe(
      true,
    );
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(2);
    await expectAccessible(page, 'velg-passord-feil');
    await page.context().close();
  });
});

describe('the lookup journey by keyboard alone', () => {
  /** The focused element and whether its focus can be seen (an outline or a box shadow). */
  async function focused(page: Page) {
    return page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return { id: '', tag: '', text: '', href: '', visible: false };
      const style = getComputedStyle(element);
      const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
      const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
      const box = element.getBoundingClientRect();
      // The skip link is hidden until it has focus: appearing (unclipped, with its own background) is its indicator.
      const appears =
        element.classList.contains('ds-skip-link') &&
        style.clip === 'auto' &&
        box.width > 1 &&
        box.height > 1;
      return {
        id: element.id,
        tag: element.tagName.toLowerCase(),
        text: element.textContent?.trim() ?? '',
        href: element.getAttribute('href') ?? '',
        visible: (outline || shadow || appears) && box.width > 0 && box.height > 0,
      };
    });
  }

  it('Tab to the skip link, into the search box, type, Enter, Tab to the first result', async () => {
    // A case worker in Fjordvik (someone whose county is not known is asked for it before any answer).
    const page = await app.newPage(desktop, countyReaderAccount('Fjordvik'));
    // The front page of a reader opens with its own question box focused; an agreement page has the header's.
    await page.goto(`${app.base}/`);
    expect((await focused(page)).id).toBe('q');
    await page.goto(`${app.base}/avtaler/fjordvik-ramme`);
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(skip).toMatchObject({ tag: 'a', text: 'Hopp til innholdet', href: '#innhold', visible: true });
    await screenshot(page, 'tastatur-1-hopp-til-innholdet');

    // By keyboard: past the brand and the menu into the header's search box.
    let field = await focused(page);
    for (let presses = 0; presses < 10 && field.id !== 'sok-topp'; presses++) {
      await page.keyboard.press('Tab');
      field = await focused(page);
      expect(field.visible).toBe(true);
    }
    expect(field.id).toBe('sok-topp');
    await screenshot(page, 'tastatur-2-sokefelt');
    await page.keyboard.type('fikk ikke læreplass, 19 år');
    await Promise.all([page.waitForURL(/\/oppslag\?q=/, wait), page.keyboard.press('Enter')]);
    await page.locator('.lookup-result--best').waitFor(wait);

    // On the answer page the question box has focus; Tab moves on to the first result's link.
    expect((await focused(page)).id).toBe('q');
    const firstLink = await page.locator('.lookup-result--best .lookup-result__title a').getAttribute('href');
    let current = await focused(page);
    for (let presses = 0; presses < 15 && current.href !== firstLink; presses++) {
      await page.keyboard.press('Tab');
      current = await focused(page);
      expect(current.visible).toBe(true);
    }
    expect(current).toMatchObject({ tag: 'a', text: 'Lærling uten læreplass', visible: true });
    await screenshot(page, 'tastatur-3-forste-svar');
    await Promise.all([page.waitForURL(/\/avtaler\/fjordvik-ramme/, wait), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).hash).toBe('#uten-laereplass');
    await page.context().close();
  });

  it('an answer’s heading names its owner, or where a grey zone goes: the owner line stands above it', async () => {
    // A screen reader user jumps from heading to heading and reads on from there; the owner line is
    // above the heading (first for the eye), so the heading itself must say it.
    const page = await app.newPage(desktop, 'leser');
    await page.goto(`${app.base}/oppslag?q=${q}&county=Fjordvik`);
    await page.locator('.lookup-result--best').waitFor(wait);
    const settled = 'Lærling uten læreplass – ansvarlig: NAV Fjordvik';
    expect(await page.getByRole('heading', { level: 3, name: settled, exact: true }).count()).toBe(1);
    expect(await page.getByRole('article', { name: settled, exact: true }).count()).toBe(1);
    await page.goto(`${app.base}/oppslag?q=${encodeURIComponent('lån av PC i OT-klassen')}&county=Fjordvik`);
    await page.locator('.lookup-result--best').waitFor(wait);
    const grey = 'PC og digitalt utstyr i OT-klassen – uavklart: ta saken til Samarbeidsutvalget';
    expect(await page.getByRole('heading', { level: 3, name: grey, exact: true }).count()).toBe(1);
    await page.context().close();
  });

  it('the skip link moves focus to the main content', async () => {
    const page = await app.newPage(desktop, 'leser');
    await page.goto(`${app.base}/avtaler/fjordvik-ramme`);
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Hopp til innholdet');
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('innhold');
    await page.context().close();
  });
});

describe('a form the server refused, by keyboard', () => {
  it('the approval page puts focus on what must be fixed, as the editor does', async () => {
    // A version awaiting approval, written by an editor, so that another approves it (four eyes).
    const id = await awaitingApproval(app.gjerde);

    const page = await app.newPage(desktop, 'nina');
    await page.goto(`${app.base}/avtaler/${id}/godkjenn`);
    await page.locator('#godkjenn-party-nav-fjordvik').check();
    // One letter passes the browser's own check (required), not the server's.
    await page.locator('#godkjenn-role').fill('x');
    await Promise.all([
      page.waitForURL(`${app.base}/avtaler/${id}/godkjenn`, { ...wait, waitUntil: 'load' }),
      page.getByRole('button', { name: 'Godkjenn avtalen' }).click(),
    ]);
    // The page's scripts (deferred) have run by the load event.
    const focused = await page.evaluate(() => ({
      summary: document.activeElement?.classList.contains('ds-error-summary'),
      text: document.activeElement?.textContent ?? '',
    }));
    expect(focused).toEqual({
      summary: true,
      text: expect.stringContaining('Godkjenningen er ikke registrert'),
    });
    await page.context().close();
  }, 120_000);
});

describe('tables wider than a phone', () => {
  it('scroll by keyboard: each scroller that overflows at 360 px is a named region in the tab order', async () => {
    const scrollers = async (persona: PersonaName, paths: string[]) => {
      const page = await app.newPage(phone, persona);
      const found: Array<{ path: string; tabIndex: number; role: string | null; name: string }> = [];
      for (const path of paths) {
        await page.goto(`${app.base}${path}`);
        const overflowing = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.table-scroll')]
            .filter((scroller) => scroller.scrollWidth > scroller.clientWidth)
            .map((scroller) => ({
              tabIndex: scroller.tabIndex,
              role: scroller.getAttribute('role'),
              name:
                scroller.getAttribute('aria-label') ??
                document.getElementById(scroller.getAttribute('aria-labelledby') ?? '')?.textContent ??
                '',
            })),
        );
        found.push(...overflowing.map((scroller) => ({ path, ...scroller })));
      }
      await page.context().close();
      return found;
    };
    const found = [
      ...(await scrollers('leser', ['/'])),
      ...(await scrollers('admin', ['/admin/brukere', '/admin/innstillinger'])),
    ];
    expect(found.map(({ path }) => path)).toEqual(['/', '/admin/brukere', '/admin/innstillinger']);
    for (const scroller of found)
      expect(scroller).toEqual({
        path: scroller.path,
        tabIndex: 0,
        role: 'region',
        name: expect.stringMatching(/\S/),
      });
  }, 120_000);
});
