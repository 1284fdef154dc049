import { describe, expect, it } from '@jest/globals';
import { firstCommitOf, gitTrimmed } from '../helpers/git.js';
import { testGjerdeForFile, testGjerdeWithPeople } from '../helpers/gjerde.js';
import { binary, readDocx, readPdf } from './read-back.js';

/** Real Chromium, real seeded data repository, files read back as another program would read them. */

const server = testGjerdeForFile();

async function download(path: string, type: RegExp) {
  const res = await server.reader.get(path).buffer(true).parse(binary).expect(200);
  expect(res.headers['content-type']).toMatch(type);
  return { body: res.body as Buffer, disposition: String(res.headers['content-disposition']) };
}

const pdfType = /^application\/pdf/;
const docxType = /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/;
const title = 'Samarbeidsavtale mellom NAV Fjordvik og Fjordvik fylkeskommune';

describe('PDF of an agreement', () => {
  it('prints the version in force on A4, with version, valid period and revision id on every page', async () => {
    const current = (await server.reader.get('/api/agreements/fjordvik-ramme').expect(200)).body;
    const rev: string = current.revision.rev;
    const { body, disposition } = await download('/avtaler/fjordvik-ramme.pdf', pdfType);
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(disposition).toBe(
      `attachment; filename=fjordvik-ramme_gyldig-fra-2025-08-01_rev-${rev.slice(0, 8)}.pdf`,
    );

    const pdf = await readPdf(body);
    expect(pdf.title).toBe(title);
    expect(pdf.pages.length).toBeGreaterThan(1);
    for (const size of pdf.sizes) {
      expect(Math.round(size.width)).toBe(596); // A4: 210 × 297 mm
      expect(Math.round(size.height)).toBe(843);
    }
    pdf.pages.forEach((page, index) => {
      expect(page).toContain(title);
      expect(page).toContain('Versjon nr. 13 (godkjent), lagret 23. juni 2025 · Gyldig fra 1. august 2025');
      expect(page).toContain(`Revisjon ${rev}`);
      expect(page).toContain(`Side ${index + 1} av ${pdf.pages.length}`);
      expect(page).not.toContain('ikke gjeldende');
    });
    const text = pdf.pages.join('\n');
    expect(text).toMatch(/Lærling uten læreplass\nAnsvarlig: NAV Fjordvik/);
    expect(text).toMatch(/PC og digitalt utstyr i OT-klassen\nUavklart Ta saken til: Samarbeidsutvalget/);
    expect(text).toContain('Signert av');
    expect(text).toContain('Ungdomsgarantien');
    // Screen-only parts of the page are not printed.
    expect(text).not.toContain('Hopp til innholdet');
    expect(text).not.toContain('Lenke til');
  });

  it('says on every page when it is the agreement as it was on a date, not the current version', async () => {
    const { body, disposition } = await download('/avtaler/fjordvik-ramme.pdf?at=2018-06-01', pdfType);
    expect(disposition).toMatch(
      /^attachment; filename=fjordvik-ramme_slik-den-gjaldt-2018-06-01_rev-[0-9a-f]{8}\.pdf$/,
    );
    const pdf = await readPdf(body);
    for (const page of pdf.pages) {
      expect(page).toContain('Slik avtalen gjaldt 1. juni 2018 – ikke gjeldende versjon');
      expect(page).toContain('Gyldig 1. januar 2017 – 31. desember 2018');
      expect(page).toMatch(/Revisjon [0-9a-f]{40}/);
    }
    expect(pdf.pages.join('\n')).toMatch(/Lærling uten læreplass\nAnsvarlig: Fjordvik fylkeskommune/);
  });

  it('says so when it is an older revision, here the first draft', async () => {
    const first = firstCommitOf(server.dataDir, 'avtaler/fjordvik-ramme.md');
    const { body } = await download(`/avtaler/fjordvik-ramme.pdf?rev=${first.slice(0, 10)}`, pdfType);
    const pdf = await readPdf(body);
    for (const page of pdf.pages) {
      expect(page).toContain(`Revisjon ${first.slice(0, 8)} – utkast, ikke godkjent`);
      expect(page).toContain(`Revisjon ${first}`);
      expect(page).toContain('Versjon nr. 1 (utkast)');
    }
  });

  it('prints several exports at once from the one browser', async () => {
    const paths = [
      '/avtaler/strandby-lokal.pdf',
      '/avtaler/fjordvik-ot-nav.pdf',
      '/avtaler/strandby-lokal.pdf?at=2019-01-01',
    ];
    const files = await Promise.all(paths.map((path) => download(path, pdfType)));
    const texts = await Promise.all(files.map(async (file) => (await readPdf(file.body)).pages.join('\n')));
    expect(texts[0]).toContain('Lokal samarbeidsavtale mellom NAV Strandby');
    expect(texts[1]).toMatch(/Revisjon [0-9a-f]{40}/);
    expect(texts[2]).toContain('Slik avtalen gjaldt 1. januar 2019');
  });

  it('answers bad input as the page does, with a Norwegian error', async () => {
    const bad = await server.reader.get('/avtaler/fjordvik-ramme.pdf?at=neste-uke').expect(400);
    expect(bad.text).toContain('Skriv datoen som dd.mm.åååå');
    await server.reader.get('/avtaler/finnes-ikke.pdf').expect(404);
    await server.reader.get('/avtaler/fjordvik-ramme.pdf?rev=deadbeef').expect(404);
    await server.reader.get('/avtaler/fjordvik-ramme.pdf?at=2019-03-01&rev=abcd').expect(400);
  });
});

describe('PDF of a compare report', () => {
  it('prints the comparison with the responsibility changes and both versions in the footer', async () => {
    const { body, disposition } = await download(
      '/avtaler/fjordvik-ramme/sammenlign.pdf?fra=2018-06-01&til=2025-09-01',
      pdfType,
    );
    expect(disposition).toMatch(
      /^attachment; filename=fjordvik-ramme_sammenligning_[0-9a-f]{8}-[0-9a-f]{8}\.pdf$/,
    );
    const pdf = await readPdf(body);
    for (const page of pdf.pages) {
      expect(page).toContain(`Sammenligning: ${title}`);
      expect(page).toMatch(
        /Fra: nr\. 3 \(godkjent\), lagret 4\. september 2017, gyldig 1\. januar 2017 – 31\. desember 2018 · rev\. [0-9a-f]{8}/,
      );
      expect(page).toMatch(
        /Til: nr\. 13 \(godkjent\), lagret 23\. juni 2025, gyldig fra 1\. august 2025 · rev\. [0-9a-f]{8}/,
      );
    }
    const text = pdf.pages.join('\n');
    expect(text).toContain('Endringer i ansvar');
    expect(text).toContain(
      'Lærling uten læreplass: ansvarlig endret fra Fjordvik fylkeskommune til NAV Fjordvik',
    );
    // Each changed clause as it reads, with its marks; the source diff after it.
    expect(text).toContain('Endrede punkter');
    expect(text).toContain('Kildeteksten');
    // The print form: no pickers, no site frame.
    expect(text).not.toContain('Velg andre versjoner');
    expect(text).not.toContain('Hopp til innholdet');
  });

  it('is offered on the compare page, for the two versions compared', async () => {
    // An auditor who has found the change on the page had no way to the report but typing its address.
    const page = await server.reader
      .get('/avtaler/fjordvik-ramme/sammenlign?fra=2018-06-01&til=2025-09-01')
      .expect(200);
    const link = /<a [^>]*href="([^"]*sammenlign\.pdf[^"]*)"[^>]*>([^<]*)<\/a>/.exec(page.text);
    expect(link?.[2]).toBe('PDF');
    const href = (link?.[1] ?? '').replaceAll('&amp;', '&').replaceAll('&#x3D;', '=');
    expect(href).toBe('/avtaler/fjordvik-ramme/sammenlign.pdf?fra=2018-06-01&til=2025-09-01');
    const pdf = await readPdf((await download(href, pdfType)).body);
    expect(pdf.pages.join('\n')).toContain(
      'Lærling uten læreplass: ansvarlig endret fra Fjordvik fylkeskommune til NAV Fjordvik',
    );
    // The print form offers no download of itself.
    const print = await server.reader
      .get(`/avtaler/fjordvik-ramme/sammenlign?fra=2018-06-01&til=2025-09-01&utskrift=1`)
      .expect(200);
    expect(print.text).not.toContain('sammenlign.pdf');
  });

  it('refuses a version that does not exist', async () => {
    await server.reader.get('/avtaler/fjordvik-ramme/sammenlign.pdf?fra=2001-01-01').expect(404);
  });
});

describe('Word (.docx) of an agreement', () => {
  it('has the text, each clause as a marked block, the glossary, header, footer and properties', async () => {
    const current = (await server.reader.get('/api/agreements/fjordvik-ramme').expect(200)).body;
    const rev: string = current.revision.rev;
    const { body, disposition } = await download('/avtaler/fjordvik-ramme.docx', docxType);
    expect(disposition).toBe(
      `attachment; filename=fjordvik-ramme_gyldig-fra-2025-08-01_rev-${rev.slice(0, 8)}.docx`,
    );
    const docx = await readDocx(body);

    expect(docx.text).toContain(title);
    expect(docx.text).toMatch(
      /Lærling uten læreplass\n+Ansvarlig: NAV Fjordvik\n+Gjelder: 16–24 år · Søkt læreplass, fikk ikke\n/,
    );
    expect(docx.text).toMatch(/Søkere uten læreplass 1\. september/);
    expect(docx.text).toMatch(
      /PC og digitalt utstyr i OT-klassen\n+Uavklart – Ta saken til: Samarbeidsutvalget\n+Gjelder: /,
    );
    expect(docx.text).toContain('Ungdomsgarantien (ungdomsgaranti): Fast veileder og tett oppfølging');

    expect(docx.html).toContain('<h1>1. Formål og mål</h1>');
    expect(docx.html).toContain('<h2>3.1 Elever i videregående skole</h2>');
    // Clause titles are headings one level below their section: Word's navigation pane and contents list them.
    expect(docx.html).toMatch(/<h3>(<strong>)?Lærling uten læreplass(<\/strong>)?<\/h3>/);
    expect(docx.styles).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="nb-NO"\/>/);
    expect(docx.html).toMatch(/<ul><li>Flere fullfører videregående opplæring\.<\/li>/);
    expect(docx.html).toMatch(/<ol><li>Avklar saken i det operative møtet/);
    expect(docx.html).toContain('<strong>Samarbeidsutvalget</strong>');
    expect(docx.html).toMatch(/<table>[\s\S]*Revisjon[\s\S]*<\/table>/);

    expect(docx.header).toContain(title);
    expect(docx.footer).toContain(
      'Versjon nr. 13 (godkjent), lagret 23. juni 2025 · Gyldig fra 1. august 2025',
    );
    expect(docx.footer).toContain(`Revisjon ${rev}`);
    expect(docx.footer).toContain('Side {PAGE} av {NUMPAGES}');
    expect(docx.core).toContain(`<dc:title>${title}</dc:title>`);
    expect(docx.core).toContain('<dc:creator>Gjerde</dc:creator>');
  });

  it('marks an agreement as of a date in the header, with that version’s owner', async () => {
    const { body, disposition } = await download('/avtaler/fjordvik-ramme.docx?at=2018-06-01', docxType);
    expect(disposition).toMatch(
      /^attachment; filename=fjordvik-ramme_slik-den-gjaldt-2018-06-01_rev-[0-9a-f]{8}\.docx$/,
    );
    const docx = await readDocx(body);
    expect(docx.header).toContain('Slik avtalen gjaldt 1. juni 2018 – ikke gjeldende versjon');
    expect(docx.text).toContain('Slik avtalen gjaldt 1. juni 2018 – ikke gjeldende versjon');
    expect(docx.footer).toContain('Gyldig 1. januar 2017 – 31. desember 2018');
    expect(docx.text).toMatch(/Lærling uten læreplass\n+Ansvarlig: Fjordvik fylkeskommune/);
  });

  // Found by a first-time user: a date after today was described in the past tense («gjaldt»), unlike the page.
  it('says «vil gjelde» for a date after today, as the page does', async () => {
    const docx = await readDocx(
      (await download('/avtaler/fjordvik-ramme.docx?at=2999-01-01', docxType)).body,
    );
    expect(docx.header).toContain('Slik avtalen vil gjelde 1. januar 2999 – også gjeldende versjon i dag');
    const page = await server.reader.get('/avtaler/fjordvik-ramme?at=2999-01-01').expect(200);
    expect(page.text).toContain('Slik avtalen vil gjelde 1. januar 2999');
  });

  it('names the file of a date after today «slik-den-vil-gjelde», not «gjaldt»', async () => {
    const { disposition } = await download('/avtaler/fjordvik-ramme.docx?at=2999-01-01', docxType);
    expect(disposition).toMatch(
      /^attachment; filename=fjordvik-ramme_slik-den-vil-gjelde-2999-01-01_rev-[0-9a-f]{8}\.docx$/,
    );
  });

  // Found testing as an auditor: «as it applied on 1 March 2017» printed a text saved that September, given
  // effect back to January, without the page's «Merk» saying so.
  it('says so when the text exported as of a date was saved after it, in Word and PDF', async () => {
    const saved =
      'Merk: teksten ble lagret 4. september 2017, etter 1. mars 2017, men er gitt virkning fra 1. januar 2017.';
    const docx = await readDocx(
      (await download('/avtaler/fjordvik-ramme.docx?at=2017-03-01', docxType)).body,
    );
    expect(docx.text).toContain(saved);
    const pdf = await readPdf((await download('/avtaler/fjordvik-ramme.pdf?at=2017-03-01', pdfType)).body);
    expect(pdf.pages.join('\n').replace(/\s+/g, ' ')).toContain(saved);
    const before = await readDocx(
      (await download('/avtaler/fjordvik-ramme.docx?at=2018-06-01', docxType)).body,
    );
    expect(before.text).not.toContain('Merk: teksten ble lagret');
  });

  it('writes tables, numbered lists, links and code from the Markdown', async () => {
    const markdown: string = (await server.reader.get('/api/agreements/strandby-lokal').expect(200)).body
      .markdown;
    const extra = [
      '## Møteplan',
      '',
      '| Møte | Hvor ofte | Ansvarlig |',
      '| --- | :---: | --- |',
      '| Samarbeidsmøte | hver femte uke | OT |',
      '| Ledermøte | to ganger i året | NAV Strandby |',
      '',
      '1. Første steg',
      '2. Andre steg',
      '   - et underpunkt',
      '',
      'Se [veilederen](https://www.nav.no/) og skjemaet `SAM-1`.',
      '',
    ].join('\n');
    const saved = await server.gjerde.agreements.save(markdown.replace('\n## 4. ', `\n${extra}\n## 4. `), {
      author: { name: 'Test Testesen', email: 'test@example.org' },
      reason: 'Møteplan som tabell',
    });
    const { body } = await download(`/avtaler/strandby-lokal.docx?rev=${saved.revision.rev}`, docxType);
    const docx = await readDocx(body);
    expect(docx.html).toMatch(
      /<table><thead><tr><th><p><strong>Møte<\/strong><\/p><\/th><th><p><strong>Hvor ofte<\/strong><\/p><\/th>.*<\/thead><tbody><tr><td><p>Samarbeidsmøte<\/p><\/td><td><p>hver femte uke<\/p><\/td><td><p>OT<\/p><\/td>/,
    );
    expect(docx.html).toMatch(
      /<ol><li>Første steg<\/li><li>Andre steg<ul><li>et underpunkt<\/li><\/ul><\/li><\/ol>/,
    );
    expect(docx.html).toContain('<a href="https://www.nav.no/">veilederen</a>');
    expect(docx.text).toContain('skjemaet SAM-1');
    expect(docx.header).toContain(`Revisjon ${saved.revision.rev.slice(0, 8)} – `);
  });

  it('answers an unknown agreement with 404', async () => {
    await server.reader.get('/avtaler/finnes-ikke.docx').expect(404);
  });
});

describe('the agreement page', () => {
  it('links to the PDF and Word downloads of the version shown', async () => {
    const rev = gitTrimmed(server.dataDir, 'log', '-1', '--format=%H', '--', 'avtaler/fjordvik-ot-nav.md');
    const page = await server.reader.get('/avtaler/fjordvik-ramme?at=2018-06-01').expect(200);
    expect(page.text).toContain('href="/avtaler/fjordvik-ramme.pdf?at=2018-06-01" download>PDF</a>');
    expect(page.text).toContain('href="/avtaler/fjordvik-ramme.docx?at=2018-06-01" download>Word</a>');
    const draft = await server.reader.get(`/avtaler/fjordvik-ot-nav?rev=${rev}`).expect(200);
    expect(draft.text).toContain(`href="/avtaler/fjordvik-ot-nav.pdf?rev=${rev}" download>PDF</a>`);
  });
});

describe('without Chromium', () => {
  const missing = testGjerdeWithPeople(['leser'], { env: { GJERDE_CHROMIUM: '/finnes/ikke/chromium' } });
  const missingReader = missing.people.leser;

  it('answers PDF requests with 503 and a Norwegian explanation, and keeps serving everything else', async () => {
    for (const path of ['/avtaler/fjordvik-ramme.pdf', '/avtaler/fjordvik-ramme/sammenlign.pdf']) {
      const res = await missingReader.get(path).expect(503);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<html lang="nb">');
      expect(res.text).toContain('PDF-eksport er ikke tilgjengelig');
      expect(res.text).toContain('Last ned avtalen som Word eller Markdown i stedet');
    }
    const { body } = await missingReader
      .get('/avtaler/fjordvik-ramme.docx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((await readDocx(body as Buffer)).text).toContain(title);
    await missingReader.get('/avtaler/fjordvik-ramme').expect(200);
  });
});
