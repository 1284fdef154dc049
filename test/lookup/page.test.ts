/** The lookup page: works without JavaScript, labelled, shareable, reachable from every page. */
import { describe, expect, it } from '@jest/globals';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const gjerde = testGjerdeForFile();

/** The page's HTML with Handlebars' attribute escape of «=» undone (browsers read both the same). */
const get = async (path: string) => {
  const response = await gjerde.reader.get(path);
  return { status: response.status, text: response.text.replaceAll('&#x3D;', '=') };
};

describe('/oppslag', () => {
  it('is a search box with focus, a label on every field, an answer region for updates, and no inline script', async () => {
    const response = await get('/oppslag');
    expect(response.status).toBe(200);
    const html = response.text;
    expect(html).toContain('<html lang="nb">');
    expect(html).toMatch(/<form[^>]*method="get"[^>]*action="\/oppslag"/);
    expect(html).toMatch(/<input[^>]*id="q"[^>]*autofocus/);
    for (const [, id] of html.matchAll(/<(?:input|select)[^>]*\sid="([^"]+)"/g)) {
      expect(html).toMatch(new RegExp(`<label[^>]*for="${id}"`));
    }
    expect(html).toMatch(/<section[^>]*id="svar"[^>]*aria-live="polite"/);
    expect(html).toContain('<script src="/assets/lookup.js" defer></script>');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+="/);
    // Without a question: examples, not an empty page.
    expect(html).toContain('href="/oppslag?q=19%20%C3%A5r%20og%20fikk%20ikke%20l%C3%A6replass"');
  });

  it('answers a submitted form: the owner first, then the clause, its text, contact and version', async () => {
    const response = await get('/oppslag?q=19+%C3%A5r+og+fikk+ikke+l%C3%A6replass&at=2019-06-01');
    expect(response.status).toBe(200);
    const html = response.text;
    const answer = html.slice(html.indexOf('id="svar"'));
    const owner = answer.indexOf('Ansvarlig:</span> <strong>NAV Fjordvik</strong>');
    const title = answer.indexOf('Lærling uten læreplass</a>');
    expect(owner).toBeGreaterThan(0);
    expect(title).toBeGreaterThan(owner);
    expect(answer).toContain('href="/avtaler/fjordvik-ramme?at=2019-06-01#uten-laereplass"');
    expect(answer).toContain('slik avtalene gjaldt 1. juni 2019');
    expect(answer).toContain('Tolket som: 19 år · Søkt læreplass, fikk ikke');
    expect(answer).toContain('versjonen gyldig 1. januar 2019 – 31. desember 2020');
    expect(answer).toContain('Ungdomskontakt ved hvert NAV-kontor');
    // The shareable URL's filters are filled in again.
    expect(html).toContain('value="01.06.2019"');
  });

  it('shows a grey zone as «Uavklart» with where to take it, never with an owner', async () => {
    const html = (await get('/oppslag?q=elev+som+vurderer+%C3%A5+slutte&at=2025-11-01')).text;
    const first = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    expect(first).toContain('Uavklart');
    expect(first).toContain('Ta saken til: <strong>Samarbeidsutvalget</strong>');
    expect(first).not.toContain('Ansvarlig:');
  });

  it('says plainly when nothing is found and where unclear cases go', async () => {
    const html = (await get('/oppslag?q=tannregulering&at=2025-11-01')).text;
    expect(html).toContain('Fant ingen ansvarspunkt som passer');
    expect(html).toContain('Her tas uklare saker');
    expect(html).toContain('Samarbeidsutvalget (punkt 6)');
  });

  it('keeps the chosen filters in the form', async () => {
    const html = (
      await get(
        '/oppslag?q=praksis&county=Fjordvik&agreement=strandby-lokal&party=ot&age=19&situation=utenfor&at=2025-11-01',
      )
    ).text;
    expect(html).toMatch(/<details[^>]*open/);
    expect(html).toContain('<option value="Fjordvik" selected>');
    expect(html).toContain('<option value="strandby-lokal" selected>');
    expect(html).toContain('<option value="ot" selected>');
    expect(html).toContain('<option value="utenfor" selected>');
    expect(html).toMatch(/id="age"[^>]*value="19"/);
  });

  it('the script is served', async () => {
    const response = await get('/assets/lookup.js');
    expect(response.status).toBe(200);
    expect(response.text).toContain('data-lookup-results');
  });
});

describe('reachable from every page', () => {
  it('the header has a search box and a link to the lookup', async () => {
    // (The front page of a reader opens with the lookup itself, so the header there has no second box.)
    const html = (await get('/avtaler/fjordvik-ramme/historikk')).text;
    expect(html).toMatch(/<form class="site-header__search" method="get" action="\/oppslag"/);
    expect(html).toMatch(/<label[^>]*for="sok-topp"/);
    expect(html).toContain('<a class="ds-link" href="/oppslag">Hvem har ansvaret?</a>');
  });

  it('on an agreement page too', async () => {
    const html = (await get('/avtaler/fjordvik-ramme')).text;
    expect(html).toContain('action="/oppslag"');
  });
});

describe('/oppslag: scope, date, grey zones and escalation (issue 11)', () => {
  it('says whose agreements answer, offers the other counties in one link, and each card says its scope', async () => {
    // A Fjordvik county employee (Kari's NAV Fjordvik serves Dalheim too, so her default scope is two counties).
    const rita = await gjerde.as('redaktor');
    const response = await rita.get('/oppslag?q=OT-dag%20p%C3%A5%20NAV-kontoret&at=2025-11-01');
    const html = response.text.replaceAll('&#x3D;', '=');
    expect(html).toContain('Svar fra avtalene i Fjordvik (ditt fylke)');
    expect(html).toMatch(
      /<a class="ds-link" href="\/oppslag\?[^"]*scope=all[^"]*">Vis også andre fylker<\/a>/,
    );
    expect(html).toContain('Lokal avtale: gjelder bare Strandby');
  });

  it('shows the date read from the question as a chip, with the way back to today, and marks a past answer', async () => {
    const html = (await get(`/oppslag?q=${encodeURIComponent('19 år og fikk ikke læreplass i mars 2018')}`))
      .text;
    expect(html).toContain('Dato: 1. mars 2018 (fra «i mars 2018»)');
    expect(html).toMatch(/href="\/oppslag\?[^"]*at=\d{4}-\d\d-\d\d[^"]*">Svar for i dag i stedet/);
    expect(html).toContain('Slik avtalen gjaldt 1. mars 2018</strong> – i dag: NAV Fjordvik har ansvaret');
  });

  it('reads a date in the question written as the date field shows it, as that day', async () => {
    const html = (await get(`/oppslag?q=${encodeURIComponent('19 år og fikk ikke læreplass 1.3.2018')}`))
      .text;
    expect(html).toContain('Dato: 1. mars 2018 (fra «1.3.2018»)');
  });

  it('shows the year it read for a month or a season the question names without one', async () => {
    // The latest such month not after today: this year's October from October on, else last year's.
    const now = new Date();
    const year = now.getUTCFullYear() - (now.getUTCMonth() >= 9 ? 0 : 1);
    for (const [written, q] of [
      ['i oktober', '17 år, slutta på skulen i oktober'],
      ['i haust', '19 år og fekk ikkje læreplass i haust'],
    ]) {
      const html = (await get(`/oppslag?q=${encodeURIComponent(q as string)}`)).text;
      expect(html).toContain(`Dato: 1. oktober ${year} (fra «${written}»)`);
    }
  });

  it('asks for a date that is not one as the date field shows dates', async () => {
    const response = await get(
      `/oppslag?q=${encodeURIComponent('19 år og fikk ikke læreplass')}&at=neste+uke`,
    );
    expect(response.text).toContain('«neste uke» er ikke en gyldig dato. Skriv datoen som dd.mm.åååå');
    expect(response.text).not.toContain('ÅÅÅÅ-MM-DD');
  });

  it('takes a two-digit year in the date field as this century, and says the date back in full', async () => {
    const html = (await get(`/oppslag?q=${encodeURIComponent('19 år og fikk ikke læreplass')}&at=01.08.24`))
      .text;
    expect(html).toContain('Slik avtalen gjaldt 1. august 2024</strong>');
  });

  it('reads a year alone in the date field as the question reads it', async () => {
    const q = encodeURIComponent('19 år og fikk ikke læreplass');
    const inField = (await get(`/oppslag?q=${q}&at=2019`)).text;
    const inQuestion = (await get(`/oppslag?q=${encodeURIComponent('19 år og fikk ikke læreplass i 2019')}`))
      .text;
    expect(inField).toContain('slik avtalene gjaldt 1. juli 2019');
    expect(inQuestion).toContain('slik avtalene gjaldt 1. juli 2019');
  });

  it('refuses a day in the date field that does not exist, saying why', async () => {
    const response = await get(
      `/oppslag?q=${encodeURIComponent('19 år og fikk ikke læreplass')}&at=31.02.2024`,
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('«31.02.2024» finnes ikke: februar 2024 har 29 dager.');
  });

  it('refuses a day in the question that does not exist, saying why, instead of reading its year', async () => {
    const response = await get(`/oppslag?q=${encodeURIComponent('lærling uten læreplass 31.02.2024')}`);
    expect(response.status).toBe(400);
    expect(response.text).toContain(
      '«31.02.2024» finnes ikke: februar 2024 har 29 dager. Skriv datoen på nytt, eller ta den bort for å få svar for i dag.',
    );
    // The question stays in the field, to be corrected.
    expect(response.text).toContain('value="lærling uten læreplass 31.02.2024"');
    expect(response.text).not.toContain('Dato: 1. juli 2024');
  });

  it('marks an answer for a later date in the future tense, not as what was', async () => {
    const html = (await get(`/oppslag?q=${encodeURIComponent('19 år og fikk ikke læreplass')}&at=2999-01-01`))
      .text;
    expect(html).toContain('Slik avtalen vil gjelde 1. januar 2999</strong>');
    expect(html).not.toContain('Slik avtalen gjaldt 1. januar 2999');
    // The date field's help too; with no date it reads as any date typed there.
    expect(html).toContain('Slik avtalene vil gjelde da. Tom: i dag.');
    expect((await get('/oppslag')).text).toContain('Slik avtalene gjaldt da. Tom: i dag.');
  });

  it('a governing grey zone comes first with «Obs», and an escalation question shows where the case goes first', async () => {
    // The PC is what the question is about (its rarest word in Fjordvik's agreements), and the clause about
    // it is a grey zone beside the settled clause about the OT class.
    const grey = (
      await get(
        `/oppslag?q=${encodeURIComponent('hvem betaler PC i OT-klassen')}&at=2025-11-01&county=Fjordvik`,
      )
    ).text;
    const best = grey.slice(grey.indexOf('lookup-result--best'));
    expect(best.indexOf('Obs: avtalen sier at dette er uavklart')).toBeGreaterThan(0);
    expect(best.indexOf('Obs: avtalen sier')).toBeLessThan(
      best.indexOf('PC og digitalt utstyr i OT-klassen'),
    );
    const dispute = (await get(`/oppslag?q=${encodeURIComponent('uenige om hvem som eier saken')}`)).text;
    const answer = dispute.slice(dispute.indexOf('id="svar"'));
    expect(answer).toContain('Når dere er uenige om hvem som har ansvaret');
    const first = answer.indexOf('lookup-escalation--first');
    expect(first).toBeGreaterThan(0);
    const card = answer.indexOf('<article');
    if (card >= 0) expect(first).toBeLessThan(card);
  });
});
