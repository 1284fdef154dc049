import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { fieldDate, today } from '../../src/format/dates.js';
import { browserGjerdeForFile, desktop, screenshot, violations, wait } from './browser.js';

/**
 * The living agreement's loop in a real Chromium, every person in a browser of their own, every step
 * through the pages: a case worker's lookup finds a grey zone and raises the case; a member of the
 * cooperation committee decides it; the decision shows in the same lookup; an editor drafts the amendment
 * from the decision and both parties approve it; from its start date the lookup answers with the new
 * owner, and the history shows the chain. axe on every new page and state. Screenshots go to
 * test-artifacts/sak-*.png.
 */

const app = browserGjerdeForFile();

const question = 'hvem betaler PC i OT-klassen';
const lookupPath = `/oppslag?q=${encodeURIComponent(question)}`;
const clauseTitle = 'PC og digitalt utstyr i OT-klassen';
const yesterday = new Date(Date.parse(`${today()}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

async function accessible(page: Page, name: string): Promise<void> {
  await screenshot(page, `sak-${name}`);
  expect(await violations(page)).toEqual([]);
}

async function submit(page: Page, button: string, url: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(url, wait), page.getByRole('button', { name: button }).click()]);
}

/** The lookup card of the PC clause on the page now shown. */
function pcCard(page: Page) {
  return page.locator('.lookup-result', { hasText: clauseTitle });
}

describe('an unclear case becomes a clause', () => {
  it('raised from a lookup, decided by the committee, shown as a precedent, amended and approved, answered from the clause', async () => {
    // 1. A case worker's lookup finds the grey zone and raises the case from it.
    const worker = await app.newPage(desktop, 'leser');
    await worker.goto(`${app.base}${lookupPath}`);
    await pcCard(worker).waitFor(wait);
    expect(await pcCard(worker).locator('.lookup-result__owner').innerText()).toContain('Uavklart');
    await Promise.all([
      worker.waitForURL(/\/saker\/ny\?avtale=fjordvik-ramme&punkt=pc-utstyr/, wait),
      pcCard(worker).getByRole('link', { name: 'Meld saken til samarbeidsutvalget' }).click(),
    ]);
    await worker.getByText('Skriv aldri navn, fødselsnummer, adresse').waitFor(wait);
    expect(await worker.locator('#sak-clause').inputValue()).toBe('pc-utstyr');
    await accessible(worker, '1-meld-skjema');
    await worker.locator('#sak-party-ot').check();
    await worker.locator('#sak-title').fill('PC til deltaker i OT-klassen som er i NAV-tiltak');
    await worker.locator('#sak-age').fill('17');
    await worker.locator('#sak-facet-sluttet').check();
    await worker
      .locator('#sak-situation')
      .fill('Ola Hansen, 17 år, går i OT-klassen og har arbeidspraksis gjennom NAV.');
    await worker
      .locator('#sak-disagreement')
      .fill(
        'OT mener NAV skal låne ut PC fordi deltakeren er i et NAV-tiltak. NAV mener fylkeskommunen har ansvaret.',
      );
    // A name is caught before anything is saved, and the person is asked to look again.
    await submit(worker, 'Meld saken', /\/saker$/);
    await worker.getByText('Ser ut som et navn: «Ola Hansen».').waitFor(wait);
    // The page that comes back starts at what to look at again, for the keyboard and the screen reader.
    const focused = await worker.evaluate(() => document.activeElement?.className ?? '');
    expect(focused).toContain('case-warning');
    await accessible(worker, '2-advarsel');
    await worker
      .locator('#sak-situation')
      .fill('Deltaker, 17 år, går i OT-klassen og har arbeidspraksis gjennom NAV to dager i uka.');
    await submit(worker, 'Meld saken', /\/saker\/\d{4}-[a-z0-9]{5}\?meldt=1/);
    const caseUrl = worker.url().replace(/\?.*$/, '');
    const caseId = caseUrl.split('/').at(-1) as string;
    await worker.getByText('Saken er meldt til samarbeidsutvalget').waitFor(wait);
    await accessible(worker, '3-meldt');

    // 2. A committee member sees it in their queue and decides it.
    const member = await app.newPage(desktop, 'utvalg');
    await member.goto(`${app.base}/saker`);
    const queue = member.locator('section', { hasText: 'Til behandling i ditt utvalg' });
    await queue.getByRole('link', { name: 'PC til deltaker i OT-klassen som er i NAV-tiltak' }).waitFor(wait);
    expect(await queue.innerText()).toMatch(/Oppfølgingstjenesten \(OT\) i Fjordvik\s+Lise Leser/);
    await accessible(member, '4-saksliste');
    await member.goto(caseUrl);
    await member.getByRole('heading', { name: 'Behandle saken' }).waitFor(wait);
    await accessible(member, '5-sak-behandle');
    await member.locator('#vedtak-outcome-avgjort').check();
    await member
      .locator('#vedtak-text')
      .fill(
        'NAV dekker PC når deltakeren i OT-klassen er i et NAV-tiltak; ellers låner fylkeskommunen ut PC.',
      );
    await member.locator('#vedtak-owner-nav-fjordvik').check();
    await submit(member, 'Lagre behandlingen', /\?behandlet=1/);
    await member.getByText('Vedtaket vises nå i oppslagene').waitFor(wait);
    // The committee decided it; the member only recorded it.
    expect(await member.locator('.case-chain').innerText()).toMatch(
      /Avgjort .* – Samarbeidsutvalget, registrert av Unni Utvalg/,
    );
    await accessible(member, '6-avgjort');
    await member.context().close();

    // 3. The same lookup shows the decision on the clause at once.
    await worker.goto(`${app.base}${lookupPath}`);
    const precedent = pcCard(worker).locator('.precedent');
    await precedent.waitFor(wait);
    expect(await precedent.innerText()).toMatch(
      /Avgjort i samarbeidsutvalget \d+\. \w+ \d{4}: NAV dekker PC når deltakeren i OT-klassen er i et NAV-tiltak/,
    );
    expect(
      await precedent.getByRole('link', { name: 'Se saken i samarbeidsutvalget' }).getAttribute('href'),
    ).toBe(`/saker/${caseId}`);
    await accessible(worker, '7-presedens-i-oppslag');

    // 4. An editor drafts the amendment from the decision and sends it to approval.
    const editor = await app.newPage(desktop, 'redaktor');
    await editor.goto(caseUrl);
    await Promise.all([
      editor.waitForURL(/\/endring$/, wait),
      editor.getByRole('link', { name: 'Lag utkast til endring av avtalen' }).click(),
    ]);
    expect(await editor.locator('#endring-owner-nav-fjordvik').isChecked()).toBe(true);
    expect(await editor.locator('#endring-validFrom').inputValue()).toBe(fieldDate(today()));
    expect(await editor.locator('#endring-reason').inputValue()).toContain(
      'Endring etter vedtak i samarbeidsutvalget',
    );
    await accessible(editor, '8-endring');
    await submit(editor, 'Lagre utkast til endring', /\?endret=1/);
    await accessible(editor, '9-utkast-lagret');
    // Saved is not sent: the case says so until the draft goes to the parties.
    expect(await editor.locator('.case-amendment').innerText()).toContain(
      'Utkastet til endring er lagret, men ikke sendt til godkjenning ennå.',
    );
    await Promise.all([
      editor.waitForURL(/\/avtaler\/fjordvik-ramme\/send/, wait),
      editor.getByRole('link', { name: 'Send til godkjenning' }).click(),
    ]);
    await submit(editor, 'Send til godkjenning', /\/avtaler\/fjordvik-ramme\/godkjenn\?sendt=1/);
    await editor.goto(caseUrl);
    expect(await editor.locator('.case-amendment').innerText()).toContain(
      'Utkastet til endring venter på godkjenning hos partene.',
    );
    await editor.context().close();

    // 5. Both parties approve, each in a browser of their own.
    for (const approver of [
      { persona: 'kari', party: 'nav-fjordvik', role: 'Direktør, NAV Fjordvik' },
      { persona: 'ola', party: 'fjordvik-fk', role: 'Fylkesdirektør for opplæring' },
    ] as const) {
      const approving = await app.newPage(desktop, approver.persona);
      await approving.goto(`${app.base}/avtaler/fjordvik-ramme/godkjenn`);
      await approving.locator(`#godkjenn-party-${approver.party}`).check();
      await approving.locator('#godkjenn-role').fill(approver.role);
      await submit(approving, 'Godkjenn avtalen', new RegExp(`godkjent=${approver.party}`));
      await approving.context().close();
    }

    // 6. From its start date (today) the lookup answers with the new owner; the day before, the grey zone.
    await worker.goto(`${app.base}${lookupPath}`);
    await pcCard(worker).waitFor(wait);
    expect(await pcCard(worker).locator('.lookup-result__owner').innerText()).toMatch(
      /Ansvarlig:\s+NAV Fjordvik/,
    );
    expect(await pcCard(worker).locator('.precedent').innerText()).toContain(
      'Vedtaket er skrevet inn i avtalen, som gjelder fra',
    );
    await accessible(worker, '10-svar-fra-punktet');
    await worker.goto(`${app.base}${lookupPath}&at=${yesterday}`);
    await pcCard(worker).waitFor(wait);
    expect(await pcCard(worker).locator('.lookup-result__owner').innerText()).toContain('Uavklart');

    // 7. The case shows the whole chain, and the agreement's history links the amendment to the case.
    await worker.goto(caseUrl);
    const chain = await worker.locator('.case-chain').innerText();
    for (const step of [
      'Meldt til samarbeidsutvalget',
      'Avgjort',
      'Endringsforslag til avtalen',
      'Endringen godkjent av partene',
      'I kraft i avtalen',
    ])
      expect(chain).toContain(step);
    await accessible(worker, '11-forlop');
    await worker.goto(`${app.base}/avtaler/fjordvik-ramme/historikk`);
    await worker.getByRole('link', { name: `Fra sak ${caseId} i samarbeidsutvalget` }).waitFor(wait);
    await screenshot(worker, 'sak-12-historikk');
    await worker.context().close();
  }, 300_000);
});
