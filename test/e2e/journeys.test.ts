import { describe, expect, it } from '@jest/globals';
import { today } from '../../src/format/dates.js';
import { countyReaderAccount, testPassword } from '../helpers/accounts.js';
import { browserGjerdeForFile, desktop, phone, screenshot, violations, wait } from './browser.js';

/**
 * The journeys of issue 7 in a real Chromium against the real service on a seeded temporary store, every
 * step through the pages and every person signed in through the sign-in page in a browser of their own;
 * and the first sign-in and signing out. Screenshots of each step go to test-artifacts/journey-*.png.
 */

const app = browserGjerdeForFile();

describe('a case worker asks who owns the case', () => {
  for (const [name, viewport] of [
    ['desktop', desktop],
    ['telefon', phone],
  ] as const) {
    it(`reads owner, clause and contact in three interactions (${name}, ${viewport.width} px)`, async () => {
      // A case worker in Fjordvik: someone whose county is not known is asked for it first (county-needed.ts).
      const page = await app.newPage(viewport, countyReaderAccount('Fjordvik'));
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
      expect(await best.locator('.lookup-result__title a').innerText()).toBe('Lærling uten læreplass');
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
    }, 120_000);
  }
});

describe('a county drafts an umbrella agreement and both parties approve it, each signed in', () => {
  const year = Number(today().slice(0, 4)) + 2;
  const validFrom = `${year}-01-01`;
  const id = 'eksempelfylket-ramme';

  it('an editor drafts from the template, saves with a reason and submits; NAV and the county approve; it answers a lookup', async () => {
    const page = await app.newPage(desktop, 'redaktor');
    await page.goto(`${app.base}/ny`);
    await screenshot(page, 'journey-fylkesleder-1-maler');
    await page.getByRole('link', { name: 'Rammeavtale mellom NAV og fylkeskommunen' }).click();
    await page.waitForURL(/\/ny\/ramme$/, wait);

    const fill = (field: string, value: string) => page.locator(`#f-${field}`).fill(value);
    // Names, never machine ids: the agreement, the parties and the clause get their ids from what is typed.
    const labels = await page.locator('.drafting-form label, .drafting-form legend').allInnerTexts();
    expect(labels.filter((label) => /\bid\b|\(id|id-er/i.test(label))).toEqual([]);
    expect(await page.locator('.drafting-form input:not([type="hidden"])[name$="id" i]').count()).toBe(0);
    // A section index at the top, with the way to the checks.
    const index = page.getByRole('navigation', { name: 'I skjemaet' });
    expect(await index.getByRole('link').allInnerTexts()).toEqual(
      expect.arrayContaining(['Om avtalen', 'Parter og kontaktroller', 'Ansvarspunkter', 'Lagre']),
    );
    await fill('title', 'Samarbeidsavtale mellom NAV Eksempelfylket og Eksempelfylket fylkeskommune');
    await fill('county', 'Eksempelfylket');
    await fill('validFrom', validFrom);
    await fill('navName', 'NAV Eksempelfylket');
    await fill('countyName', 'Eksempelfylket fylkeskommune');
    // The parts the template has filled in start closed; each opens from its heading, in reading order.
    const part = (heading: string) =>
      page.locator('details.form-part', { has: page.getByRole('heading', { name: heading }) });
    expect(await page.locator('details.form-part:not([open]) summary h2').allInnerTexts()).toEqual([
      'Formål og målgrupper',
      'Møter, kontakt og uenighet',
      'Ordliste',
    ]);
    await part('Formål og målgrupper').locator('summary').click();
    await fill(
      'purpose',
      'Avtalen sier hvem som har ansvaret for ungdom som ikke er i opplæring eller arbeid.',
    );
    await fill('targetGroups', 'Ungdom 15–24 år i Eksempelfylket som ikke er i opplæring eller arbeid.');
    await fill('responsibilityIntro', 'Hvert punkt sier hvem som har ansvaret og hvem som bistår.');
    await fill('clauses-0-title', 'Søkere som ikke fikk læreplass');
    // The parties just typed are offered by name (the page asks the server as the answers are typed).
    const owner = page.locator('#f-clauses-0-owner');
    await owner.locator('option', { hasText: 'NAV Eksempelfylket' }).waitFor({ ...wait, state: 'attached' });
    await owner.selectOption({ label: 'NAV Eksempelfylket' });
    await page.locator('#f-clauses-0-support').getByLabel('Oppfølgingstjenesten (OT)').check();
    await page.locator('#f-clauses-0-situations').getByLabel('Søkt læreplass, fikk ikke').check();
    await fill('clauses-0-ages', '16-24');
    await fill('clauses-0-keywords', 'læreplass, lærling');
    await fill(
      'clauses-0-text',
      'NAV Eksempelfylket følger opp søkere som ikke fikk læreplass innen 1. september. OT bistår med alternativ opplæring.',
    );
    await part('Møter, kontakt og uenighet').locator('summary').press('Enter');
    await fill('meetings', 'Samarbeidsutvalget møtes fire ganger i året.');
    await fill(
      'contactsText',
      'Hvert NAV-kontor har en ungdomskontakt, og OT har en kontaktperson for hvert kontor.',
    );
    await fill('escalationText', 'Uenighet om ansvar tas til samarbeidsutvalget, som avgjør innen to uker.');
    await fill('revisionText', 'Partene går gjennom avtalen hvert år.');
    await page.locator('#reason').fill('Første utkast etter møtet i samarbeidsutvalget');
    // No name or address to type: the change is saved as the signed-in person.
    await page.getByText('Lagres som Rita Redaktør').first().waitFor(wait);
    // The advice links to the field that fixes it, never to a line and column of a source never seen.
    const advice = page.locator('#preview-checks .check', { hasText: 'Ingen punkt sier hvem' }).first();
    await advice.waitFor(wait);
    expect(await advice.getByRole('link', { name: 'Gå til feltet' }).getAttribute('href')).toBe('#f-clauses');
    expect(await page.locator('main').innerText()).not.toMatch(/Linje \d+, kolonne \d+/);
    await screenshot(page, 'journey-fylkesleder-2-skjema-utfylt');
    await Promise.all([
      page.waitForURL(new RegExp(`/avtaler/${id}/utkast\\?lagret=`), wait),
      page.getByRole('button', { name: 'Lagre utkast' }).click(),
    ]);
    // The draft overview: what it says, the checks, who must approve, and the next step first.
    await page.getByRole('heading', { name: 'Hva avtalen sier' }).waitFor(wait);
    expect(await page.locator('.draft-clauses').innerText()).toContain(
      'Søkere som ikke fikk læreplass: NAV Eksempelfylket',
    );
    expect(await page.locator('.approvers').innerText()).toMatch(
      /NAV Eksempelfylket[\s\S]*Eksempelfylket fylkeskommune/,
    );
    expect(await page.locator('main').innerText()).not.toMatch(/:::|\{#|ansvarlig=|Linje \d+/);
    const send = page.locator('.draft-next').getByRole('link', { name: 'Send til godkjenning' });
    expect(await send.getAttribute('data-variant')).toBe('primary');
    await screenshot(page, 'journey-fylkesleder-3-lagret');
    // The states only this journey reaches are checked with axe too (overview, form mode, send, approve).
    expect(await violations(page)).toEqual([]);

    // «Fortsett i skjemaet»: the clauses as forms with names; the Markdown only behind «Avansert».
    await Promise.all([
      page.waitForURL(new RegExp(`/avtaler/${id}/rediger\\?visning=skjema`), wait),
      page.getByRole('link', { name: 'Fortsett i skjemaet' }).click(),
    ]);
    expect(await page.locator('#markdown').isVisible()).toBe(false);
    expect(await page.locator('.clause-edit summary').first().innerText()).toBe(
      'Søkere som ikke fikk læreplass',
    );
    expect(await page.locator('main').innerText()).not.toMatch(/Linje \d+, kolonne \d+/);
    await screenshot(page, 'journey-fylkesleder-3b-skjema');
    expect(await violations(page)).toEqual([]);
    await page.getByText('Avansert: rediger kildeteksten (Markdown)').click();
    await page.locator('#markdown').waitFor({ ...wait, state: 'visible' });
    await page.goBack();

    // Send to approval from the overview.
    await Promise.all([page.waitForURL(new RegExp(`/avtaler/${id}/send$`), wait), send.click()]);
    await screenshot(page, 'journey-fylkesleder-4-send');
    expect(await violations(page)).toEqual([]);
    await Promise.all([
      page.waitForURL(new RegExp(`/avtaler/${id}/godkjenn\\?sendt=1`), wait),
      page.getByRole('button', { name: 'Send til godkjenning' }).click(),
    ]);
    await screenshot(page, 'journey-fylkesleder-5-sendt');
    expect(await violations(page)).toEqual([]);
    await page.context().close();

    // Each party's representative approves in a browser of their own, offered only their own party.
    const approvers = [
      { persona: 'kari', party: 'nav-eksempelfylket', role: 'Direktør, NAV Eksempelfylket' },
      { persona: 'ola', party: 'eksempelfylket-fk', role: 'Fylkesdirektør for opplæring' },
    ] as const;
    for (const [index, approver] of approvers.entries()) {
      const approving = await app.newPage(desktop, approver.persona);
      await approving.goto(`${app.base}/avtaler/${id}/godkjenn`);
      const offered = await approving
        .locator('input[name="party"]')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
      expect(offered).toEqual([approver.party]);
      await approving.locator(`#godkjenn-party-${approver.party}`).check();
      await approving.locator('#godkjenn-role').fill(approver.role);
      await Promise.all([
        approving.waitForURL(new RegExp(`/avtaler/${id}/godkjenn\\?godkjent=${approver.party}`), wait),
        approving.getByRole('button', { name: 'Godkjenn avtalen' }).click(),
      ]);
      await screenshot(approving, `journey-fylkesleder-${6 + index}-godkjent-${approver.party}`);
      if (index === approvers.length - 1) {
        await approving.getByText('Avtalen er godkjent av alle parter').waitFor(wait);
        const table = await approving.locator('.approvals-table').innerText();
        expect(table).toContain('Kari Nordmann, Direktør, NAV Eksempelfylket');
        expect(table).toContain('Ola Nordmann, Fylkesdirektør for opplæring');
      }
      await approving.context().close();
    }

    // The new agreement answers a lookup on a date in its valid period, asked through the lookup page.
    const asking = await app.newPage(desktop, 'leser');
    await asking.goto(`${app.base}/oppslag`);
    await asking.locator('#q').fill('fikk ikke læreplass, 19 år');
    // The date is one action, beside the question (not inside «Avgrens»).
    await asking.getByLabel('Dato', { exact: true }).fill(validFrom);
    await screenshot(asking, 'journey-fylkesleder-8-oppslag');
    await Promise.all([asking.waitForURL(/\/oppslag\?/, wait), asking.locator('#q').press('Enter')]);
    // By its exact title and owner, as a screen reader names it: other counties' examples have clauses
    // about the same situation.
    const result = asking.getByRole('article', {
      name: 'Søkere som ikke fikk læreplass – ansvarlig: NAV Eksempelfylket',
      exact: true,
    });
    await result.waitFor(wait);
    await screenshot(asking, 'journey-fylkesleder-9-svar');
    expect(await result.locator('.lookup-result__owner').innerText()).toMatch(
      /Ansvarlig:\s+NAV Eksempelfylket/,
    );
    expect(await result.locator('.lookup-result__source').innerText()).toContain(
      'Samarbeidsavtale mellom NAV Eksempelfylket og Eksempelfylket fylkeskommune',
    );
    // Before it comes into force it answers nothing.
    await asking.goto(
      `${app.base}/oppslag?q=${encodeURIComponent('fikk ikke læreplass')}&county=Eksempelfylket`,
    );
    await asking.locator('#svar-tittel').waitFor(wait);
    expect(
      await asking.locator('.lookup-result', { hasText: 'Søkere som ikke fikk læreplass' }).count(),
    ).toBe(0);
    await asking.context().close();
    // Four people sign in (argon2id each): more than the default bound.
  }, 300_000);
});

describe('an auditor compares the 2017 and 2025 versions', () => {
  it('sees the responsibility changes first, then the redline', async () => {
    const page = await app.newPage(desktop, 'leser');
    await page.goto(`${app.base}/avtaler/fjordvik-ramme/sammenlign?fra=2017-06-01&til=2025-09-01`);
    await page.locator('#redline-heading').waitFor(wait);
    await screenshot(page, 'journey-revisor-1-sammenligning');

    const change = page.locator('.compare-responsibility li', {
      hasText: 'Lærling uten læreplass: ansvarlig endret fra Fjordvik fylkeskommune til NAV Fjordvik',
    });
    expect(await change.count()).toBe(1);
    // In document order: the heading «Endringer i ansvar», the owner change, then each changed clause as
    // it reads with its words marked (the source diff only when asked for).
    const order = await page.evaluate(() => {
      const parts = [
        [...document.querySelectorAll('h3')].find((h) => h.textContent === 'Endringer i ansvar'),
        [...document.querySelectorAll('.compare-responsibility li')].find((li) =>
          li.textContent?.includes('Lærling uten læreplass: ansvarlig endret'),
        ),
        document.querySelector('.compare-clause--changed .clause--redline'),
        document.querySelector('.compare-clause--changed .clause--redline ins'),
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
    expect(await page.locator('.clause--redline ins').count()).toBeGreaterThan(0);
    expect(await page.locator('.clause--redline del').count()).toBeGreaterThan(0);
    expect(await page.locator('.compare-source').count()).toBe(0);
    await page.locator('.compare-clause--changed').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'journey-revisor-2-redline');
    await page.context().close();
  });
});

describe('a new colleague signs in for the first time, and signs out', () => {
  it('chooses a password first, lands where they were going, and is asked to sign in again after «Logg ut»', async () => {
    const oneTime = await app.gjerde.gjerde.accounts.add({
      username: 'ny.kollega',
      name: 'Nora Nykommer',
      email: 'nora@fjordvik.example',
      roles: [],
    });
    const page = await app.newPage();
    const going = '/avtaler/fjordvik-ramme/historikk';

    // Any page asks to sign in first, and remembers where the person was going.
    await page.goto(`${app.base}${going}`);
    expect(new URL(page.url()).pathname).toBe('/logg-inn');
    await page.locator('#username').fill('ny.kollega');
    await page.locator('#password').fill(oneTime);
    await screenshot(page, 'journey-ny-1-logg-inn');
    await Promise.all([
      page.waitForURL(/\/konto\/passord/, wait),
      page.getByRole('button', { name: 'Logg inn', exact: true }).click(),
    ]);
    const passwordPage = page.url();
    await page.getByRole('heading', { name: 'Velg ditt eget passord' }).waitFor(wait);
    await screenshot(page, 'journey-ny-2-velg-passord');

    // With the one-time password nothing else opens until it is changed.
    await page.goto(`${app.base}/oppslag`);
    expect(new URL(page.url()).pathname).toBe('/konto/passord');

    await page.goto(passwordPage);
    await page.locator('#current').fill(oneTime);
    await page.locator('#password').fill(testPassword);
    await page.locator('#repeat').fill(testPassword);
    await Promise.all([
      page.waitForURL((url) => url.pathname === going, wait),
      page.getByRole('button', { name: 'Lagre passordet' }).click(),
    ]);
    await page.locator('.site-header__user', { hasText: 'Nora Nykommer' }).waitFor(wait);
    await screenshot(page, 'journey-ny-3-framme');

    // «Logg ut» ends the session: the page it came from asks to sign in again, by going back or anew.
    await Promise.all([
      page.waitForURL(/\/logg-inn/, wait),
      page.getByRole('button', { name: 'Logg ut' }).click(),
    ]);
    await screenshot(page, 'journey-ny-4-logget-ut');
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe('/logg-inn');
    expect(await page.locator('.site-header__user').count()).toBe(0);
    await page.goto(`${app.base}${going}`);
    expect(new URL(page.url()).pathname).toBe('/logg-inn');
    expect(new URL(page.url()).searchParams.get('neste')).toBe(going);
    await page.context().close();
  });
});
