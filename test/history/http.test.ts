import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';
import { startTestGjerde, type TestGjerde, testGjerdeForFile } from '../helpers/gjerde.js';
import { fixture, tempDirs, unrelatedWords } from './helpers.js';

const dirs = tempDirs();
const server = testGjerdeForFile();

afterAll(async () => {
  await dirs.cleanup();
});

/** Text of an HTML fragment as a reader sees it: tags and screen-reader labels removed, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<span class="ds-sr-only">[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x3D;/g, '=')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('GET /api/agreements/:id/history', () => {
  it('lists every revision with date, author, reason, status and the days it was in force', async () => {
    const res = await server.reader.get('/api/agreements/fjordvik-ramme/history').expect(200);
    expect(res.body.revisions).toHaveLength(13);
    const approved2019 = res.body.revisions.find((revision: { date: string }) =>
      revision.date.startsWith('2018-12-17'),
    );
    expect(approved2019).toMatchObject({
      author: 'Kari Nordmann',
      kind: 'approved',
      status: 'godkjent',
      inForce: [{ from: '2019-01-01', to: '2020-12-31' }],
    });
    expect(approved2019.reason).toMatch(/^Rammeavtale 2019–2020: NAV får ansvaret/);
    expect(approved2019.links.read).toBe(`/avtaler/fjordvik-ramme?rev=${approved2019.rev.slice(0, 12)}`);
    expect(approved2019.links.compareWithPrevious).toMatch(
      /^\/avtaler\/fjordvik-ramme\/sammenlign\?fra=[0-9a-f]{12}&til=[0-9a-f]{12}$/,
    );
    expect(JSON.stringify(res.body)).not.toMatch(/@/);
  });
});

describe('GET /api/agreements/:id/compare', () => {
  it('answers 2017 against 2025 with the clause summary first and word-level hunks', async () => {
    const res = await server.reader
      .get('/api/agreements/fjordvik-ramme/compare?from=2017-03-01&to=2025-09-01')
      .expect(200);
    expect(Object.keys(res.body)).toEqual([
      'id',
      'title',
      'from',
      'to',
      'between',
      'summary',
      'redline',
      'links',
    ]);
    expect(res.body.summary.responsibility.map((sentence: { text: string }) => sentence.text)).toContain(
      'Lærling uten læreplass: ansvarlig endret fra Fjordvik fylkeskommune til NAV Fjordvik',
    );
    expect(res.body.from.requested).toEqual({ kind: 'date', value: '2017-03-01' });
    expect(res.body.redline.status).toBe('ok');
    const hunk = res.body.redline.hunks.find((candidate: { parts: Array<{ op: string; text: string }> }) =>
      candidate.parts.some((part) => part.op === 'ins' && part.text === '24'),
    );
    expect(hunk.fromLine).toBeGreaterThan(1);
    expect(
      hunk.parts.some((part: { op: string; text: string }) => part.op === 'del' && part.text === '21'),
    ).toBe(true);
  });

  it('answers bad input with clear 400 and 404 in Norwegian, never 500', async () => {
    const cases: Array<[string, number, RegExp]> = [
      ['?from=deadbeef', 404, /har ingen revisjon «deadbeef»/],
      ['?from=2025-09-01&to=2017-03-01', 400, /er etter «to»/],
      ['?from=2019-02-30', 400, /ikke en gyldig dato/],
      ['?from=i%20fjor', 400, /verken en revisjon eller en dato/],
      ['?from=2016-01-01', 404, /var ikke i kraft 1\. januar 2016/],
      ['?from=a&from=b', 400, /kan bare gis én gang/],
    ];
    for (const [query, status, message] of cases) {
      const res = await server.reader.get(`/api/agreements/fjordvik-ramme/compare${query}`);
      expect({ query, status: res.status }).toEqual({ query, status });
      expect(res.body.error).toMatch(message);
    }
    const newest = (await server.reader.get('/api/agreements/fjordvik-ramme/history')).body.revisions[0].rev;
    const oldest = (await server.reader.get('/api/agreements/fjordvik-ramme/history')).body.revisions.at(
      -1,
    ).rev;
    const reversed = await server.reader
      .get(`/api/agreements/fjordvik-ramme/compare?from=${newest}&to=${oldest}`)
      .expect(400);
    expect(reversed.body.error).toMatch(/er nyere enn «to»/);
    await server.reader.get('/api/agreements/finnes-ikke/compare').expect(404);
    await server.reader.get('/api/agreements/UGYLDIG/history').expect(400);
  });
});

describe('GET /api/agreements/:id/clauses/:clauseId/history', () => {
  it('gives each change of one clause with who, when, why and links', async () => {
    const res = await server.reader
      .get('/api/agreements/fjordvik-ramme/clauses/uten-laereplass/history')
      .expect(200);
    expect(res.body.title).toBe('Lærling uten læreplass');
    const owner = res.body.changes.find((change: { date: string }) => change.date.startsWith('2018-11-26'));
    expect(owner.changes[0].text).toBe('ansvarlig endret fra Fjordvik fylkeskommune til NAV Fjordvik');
    expect(owner.approvedIn.date).toMatch(/^2018-12-17/);
    // Who approved it, as the approval recorded it: an auditor asks «by whom» of the change, not only when.
    expect(owner.approvedIn.approvals).toEqual([
      { name: 'Hilde Strand', role: 'Direktør, NAV Fjordvik', party: 'nav-fjordvik', date: '2018-12-14' },
      {
        name: 'Anne Berit Lund',
        role: 'Fylkesdirektør for opplæring, Fjordvik fylkeskommune',
        party: 'fjordvik-fk',
        date: '2018-12-14',
      },
    ]);
    const page = await server.reader
      .get('/avtaler/fjordvik-ramme/punkter/uten-laereplass/historikk')
      .expect(200);
    expect(page.text.replace(/\s+/g, ' ')).toContain(
      'Endringen ble godkjent 14. desember 2018 (registrert 17. desember 2018, revisjon d87e6347) av Hilde Strand for NAV Fjordvik (14. desember 2018) og Anne Berit Lund for Fjordvik fylkeskommune (14. desember 2018), gyldig fra 1. januar 2019.',
    );
    expect(owner.links.compare).toMatch(/^\/avtaler\/fjordvik-ramme\/sammenlign\?fra=/);
    await server.reader.get('/api/agreements/fjordvik-ramme/clauses/finnes-ikke/history').expect(404);
    await server.reader.get('/api/agreements/fjordvik-ramme/clauses/Ugyldig!/history').expect(400);
  });
});

describe('pages', () => {
  it('the timeline: every revision, drafts marked, links to read and compare', async () => {
    const res = await server.reader.get('/avtaler/fjordvik-ramme/historikk').expect(200);
    expect(res.text).toContain('<html lang="nb">');
    expect(res.text).toContain('Historikk: Samarbeidsavtale mellom NAV Fjordvik og Fjordvik fylkeskommune');
    expect(res.text).toContain('Ikke godkjent, aldri i kraft.');
    expect(res.text).toContain('Var i kraft 1. januar 2019 – 31. desember 2020.');
    expect(res.text).toContain('I kraft fra 1. august 2025 (gjeldende i dag).');
    // A signed version a later one replaced from the same start date, as the agreement page says it.
    expect(res.text).toContain(
      'I kraft fra 1. januar 2017 slik den ble lagret 16. januar 2017; senere erstattet med tilbakevirkende kraft av versjonen lagret 4. september 2017.',
    );
    expect(res.text).not.toMatch(/aldri gjeldende|Godkjent, men aldri/);
    // Headed by what each revision is; the hash comes second. An approval is dated by the approvals its commit
    // records (signed 12 January, recorded with the text on the 16th), not by the commit.
    expect(res.text).toContain(
      '<strong>Versjonen godkjent 12. januar 2017 (registrert 16. januar 2017)</strong>',
    );
    // A picture of the periods, with the same facts as text.
    expect(res.text).toMatch(/<div class="validity-chart__picture" role="img"/);
    // Each row's label is text that wraps on a phone, above its bar, not SVG text drawn past the picture.
    expect(res.text).toContain(
      '<div class="validity-chart__label">Versjonen godkjent 1. september 2017 (registrert 4. september 2017)</div>',
    );
    expect(res.text).not.toMatch(/<text class="validity-chart__label"/);
    expect(res.text).toMatch(
      /<ul id="chart-text"><li>Versjonen godkjent 1\. september 2017 \(registrert 4\. september 2017\): 1\. januar 2017 – 31\. desember 2018<\/li>/,
    );
    // «Sammenlign» stays with the choices.
    expect(res.text).toContain('<div class="history-compare-bar">');
    expect(res.text).toMatch(/href="\/avtaler\/fjordvik-ramme\?rev(=|&#x3D;)[0-9a-f]{12}"/);
    expect(res.text).toContain('href="/avtaler/fjordvik-ramme/punkter/uten-laereplass/historikk"');
    expect(res.text.match(/name="fra"[^>]* checked/g)).toHaveLength(1);
    expect(res.text).toContain('class="history-row history-row--draft"');
    expect(res.text).toContain('class="history-row history-row--approved history-row--current"');
  });

  it('the comparison: responsibility changes first, then the redline, inline and side by side', async () => {
    const url = '/avtaler/fjordvik-ramme/sammenlign?fra=2017-03-01&til=2025-09-01';
    const res = await server.reader.get(url).expect(200);
    const owner = res.text.indexOf(
      'Lærling uten læreplass: ansvarlig endret fra Fjordvik fylkeskommune til NAV Fjordvik',
    );
    const source = res.text.indexOf('Vis endringene i kildeteksten:');
    expect(owner).toBeGreaterThan(0);
    expect(source).toBeGreaterThan(owner);
    // Each changed clause as it reads, with its changes marked; no Markdown or attributes in it.
    const clause = res.text.slice(res.text.indexOf('<li class="compare-clause compare-clause--changed">'));
    const rendered = clause.slice(
      clause.indexOf('<div class="clause clause--redline'),
      clause.indexOf('compare-links'),
    );
    expect(rendered).toContain('<dt>Gjelder</dt>');
    expect(rendered).not.toMatch(/:::|\{#|ansvarlig=/);
    expect(res.text).toMatch(
      /<p class="clause__owner"><del class="redline__del"><span class="ds-sr-only">\[Slettet: <\/span>Ansvarlig: Fjordvik fylkeskommune/,
    );
    // The front matter as a small table: what, before, after.
    expect(res.text).toMatch(/<table class="ds-table compare-meta"[\s\S]*<th scope="row">Gyldig<\/th>/);
    // The source diff is one choice away: not sent until asked for.
    expect(res.text).not.toContain('<div class="compare-source">');
    expect(res.text).toMatch(
      /href="\/avtaler\/fjordvik-ramme\/sammenlign\?fra(=|&#x3D;)2017-03-01&amp;til(=|&#x3D;)2025-09-01&amp;visning=linje">i teksten<\/a>/,
    );
    expect((await server.reader.get(`${url}&visning=linje`)).text).toContain('<div class="compare-source">');
    expect(res.text).toContain('<ins class="redline__ins"><span class="ds-sr-only">[Lagt til: </span>');
    expect(res.text).toContain('<del class="redline__del"><span class="ds-sr-only">[Slettet: </span>');
    const inline = await server.reader.get(`${url}&visning=linje`).expect(200);
    expect(inline.text).toMatch(/<details class="ds-details redline__fold"><summary>\d+ uendrede linjer/);
    expect(res.text).toContain('Versjonen som gjaldt 1. mars 2017');
    expect(res.text).toContain('<li class="compare-clause compare-clause--added">');
    expect(res.text).toMatch(/<span class="ds-tag" data-size="sm" data-color="success">Nytt punkt<\/span>/);
    const sides = await server.reader.get(`${url}&visning=side`).expect(200);
    expect(sides.text).toContain('<table class="redline-sides">');
    const print = await server.reader.get(`${url}&utskrift=1`).expect(200);
    expect(print.text).toContain('class="compare compare--print"');
    expect(print.text).toContain('<details class="ds-details redline__fold" open>');
    expect(print.text).not.toContain('Velg andre versjoner eller datoer');
    // A link on paper leads nowhere: the screen has it, the printed comparison does not.
    expect(res.text).toContain('Les denne versjonen');
    expect(print.text).not.toContain('Les denne versjonen');
  });

  it('renders the redline so that the server.reader sees exactly the old and the new text', async () => {
    const history = (await server.reader.get('/api/agreements/fjordvik-ramme/history')).body.revisions;
    const [to, from] = [history[0], history[2]];
    const res = await server.reader
      .get(`/avtaler/fjordvik-ramme/sammenlign?fra=${from.rev}&til=${to.rev}&utskrift=1`)
      .expect(200);
    const inline = res.text.slice(res.text.indexOf('<div class="redline redline--inline">'));
    // Every segment is one div (folded ones inside <details>); the text itself holds no tags but ins, del and span.
    const blocks = [...inline.matchAll(/<div class="redline__text[^"]*">([\s\S]*?)<\/div>/g)].map(
      (match) => match[1] as string,
    );
    const oldText = blocks.map((html) => visibleText(html.replace(/<ins[\s\S]*?<\/ins>/g, ''))).join('');
    const newText = blocks.map((html) => visibleText(html.replace(/<del[\s\S]*?<\/del>/g, ''))).join('');
    const oldMarkdown = (await server.reader.get(`/api/agreements/fjordvik-ramme?rev=${from.rev}`)).body
      .markdown;
    const newMarkdown = (await server.reader.get(`/api/agreements/fjordvik-ramme?rev=${to.rev}`)).body
      .markdown;
    expect(oldText).toBe(oldMarkdown);
    expect(newText).toBe(newMarkdown);
  });

  it('a side asked for by revision is headed by what it is, not by its 40-character hash', async () => {
    const history = (await server.reader.get('/api/agreements/fjordvik-ramme/history')).body.revisions;
    const [to, from] = [history[0], history[2]];
    const res = await server.reader
      .get(`/avtaler/fjordvik-ramme/sammenlign?fra=${from.rev}&til=${to.rev}`)
      .expect(200);
    const text = visibleText(res.text);
    expect(text).not.toContain(to.rev);
    expect(text).toContain(`(revisjon ${to.rev.slice(0, 12)})`);
    expect(text).toMatch(/Versjonen lagret \d{1,2}\. \p{L}+ \d{4} \(revisjon [0-9a-f]{12}\)/u);
  });

  it('errors on pages are the Norwegian error page with the right status', async () => {
    const bad = await server.reader
      .get('/avtaler/fjordvik-ramme/sammenlign?fra=2019-02-30&til=2025-09-01')
      .expect(400);
    expect(bad.text).toContain('<html lang="nb">');
    expect(bad.text).toContain('ikke en gyldig dato');
    // Says what was wrong, and lets the person correct it in place with what they typed still there.
    expect(bad.text).toContain('<h1 class="ds-heading" data-size="lg">Ugyldig dato: «2019-02-30»</h1>');
    expect(bad.text).toMatch(
      /<form class="retry-form" method="get" action="\/avtaler\/fjordvik-ramme\/sammenlign">/,
    );
    expect(bad.text).toMatch(/<input[^>]* name="fra" value="2019-02-30"[^>]* aria-invalid="true"/);
    expect(bad.text).toMatch(/<input[^>]* name="til" value="01.09.2025"/);
    // Dates the wrong way round: both offered again, to swap in place.
    const swapped = await server.reader
      .get('/avtaler/fjordvik-ramme/sammenlign?fra=01.09.2025&til=01.03.2017')
      .expect(400);
    expect(swapped.text).toContain('(1. september 2025) er etter «til» (1. mars 2017). Bytt om datoene.');
    expect(swapped.text).toMatch(/<input[^>]* name="fra" value="01.09.2025"[^>]* aria-invalid="true"/);
    expect(swapped.text).toMatch(/<input[^>]* name="til" value="01.03.2017"/);
    const notInForce = await server.reader.get('/avtaler/fjordvik-ramme?at=2010-03-01').expect(404);
    expect(notInForce.text).toContain('Ikke i kraft 1. mars 2010');
    expect(notInForce.text).toMatch(/<input[^>]* name="at" value="01.03.2010"[^>]* aria-invalid="true"/);
    await server.reader.get('/avtaler/fjordvik-ramme/sammenlign?fra=abcdef12').expect(404);
    await server.reader.get('/avtaler/fjordvik-ramme/sammenlign?visning=tabell').expect(400);
    await server.reader.get('/avtaler/fjordvik-ramme/punkter/finnes-ikke/historikk').expect(404);
  });

  it('the clause history page', async () => {
    const res = await server.reader.get('/avtaler/fjordvik-ramme/punkter/arbeidsklaer/historikk').expect(200);
    expect(res.text).toContain('Historikk for punktet «Arbeidsklær, vernesko og busskort i arbeidspraksis»');
    expect(res.text).toContain('avklart: NAV Fjordvik har nå ansvaret (var uavklart)');
    expect(res.text).toMatch(
      /Endringen ble godkjent 8\. januar 2021 \(registrert 11\. januar 2021, revisjon [0-9a-f]{8}\) av Per Olav Vik for NAV Fjordvik \(8\. januar 2021\) og Anne Berit Lund for Fjordvik fylkeskommune \(8\. januar 2021\), gyldig fra 1\. januar 2021\./,
    );
  });

  it('the agreement read as of a date says which version, its period, and that it is not the current one', async () => {
    const res = await server.reader.get('/avtaler/fjordvik-ramme?at=2019-03-01').expect(200);
    expect(res.text).toContain('Slik avtalen gjaldt 1. mars 2019');
    expect(res.text).toContain('gyldig 1. januar 2019 – 31. desember 2020');
    expect(res.text).toContain('Dette er ikke gjeldende versjon.');
    expect(res.text).toContain('<a class="ds-link" href="/avtaler/fjordvik-ramme">Les gjeldende versjon</a>');
    expect(res.text).toContain('href="/avtaler/fjordvik-ramme/historikk"');
    // The 2017 correction was saved in September but given effect from 1 January: said, with the text saved then.
    const early = await server.reader.get('/avtaler/fjordvik-ramme?at=2017-03-01').expect(200);
    expect(early.text).toContain(
      'Merk: teksten ble lagret etter 1. mars 2017, men er gitt virkning fra 1. januar 2017.',
    );
    expect(early.text).toMatch(
      /Les teksten som var lagret som gjeldende 1\. mars 2017 \(lagret 16\. januar 2017\)/,
    );
  });

  // Found by a stranger on 38a4a4c: «Versjonen som gjaldt 1. mars 2017» named the correction approved in
  // September, with the same `gyldig-fra`, and said nothing of the text actually used that day.
  it('a comparison asked by a date says a later correction with retroactive effect, and the text used then', async () => {
    const history = await server.reader.get('/api/agreements/fjordvik-ramme/history').expect(200);
    const savedOn = (day: string): string =>
      history.body.revisions.find((revision: { date: string }) => revision.date.startsWith(day)).rev;
    const [usedThen, correction] = [savedOn('2017-01-16'), savedOn('2017-09-04')];
    // The version in force that day is the correction, as the agreement read as of the date and the lookup say.
    const asOf = await server.reader.get('/api/agreements/fjordvik-ramme?at=2017-03-01').expect(200);
    expect(asOf.body.revision.rev).toBe(correction);
    const lookup = await server.reader
      .get('/api/lookup')
      .query({ q: 'lærling uten læreplass i Fjordvik', at: '2017-03-01', fields: 'revision,agreementId' })
      .expect(200);
    const revisions = new Set(
      lookup.body.results
        .filter((result: { agreementId: string }) => result.agreementId === 'fjordvik-ramme')
        .map((result: { revision: { rev: string } }) => result.revision.rev),
    );
    expect([...revisions]).toEqual([correction]);
    const api = await server.reader
      .get('/api/agreements/fjordvik-ramme/compare?from=2017-03-01&to=2025-09-01')
      .expect(200);
    expect(api.body.from.rev).toBe(correction);
    expect(api.body.from.retroactive).toEqual({ usedThen: { rev: usedThen, date: expect.any(String) } });
    expect(api.body.to.retroactive).toBeNull();
    const page = await server.reader
      .get('/avtaler/fjordvik-ramme/sammenlign?fra=2017-03-01&til=2025-09-01')
      .expect(200);
    expect(visibleText(page.text)).toContain(
      `Rettet med tilbakevirkende kraft 1. september 2017: teksten som faktisk ble brukt 1. mars 2017 var versjonen godkjent 12. januar 2017 (registrert 16. januar 2017), revisjon ${usedThen.slice(0, 12)}. Les teksten som ble brukt 1. mars 2017`,
    );
    expect(page.text).toContain(`href="/avtaler/fjordvik-ramme?rev&#x3D;${usedThen.slice(0, 12)}"`);
    // Asked by revision, the version is what it is: nothing to correct.
    const byRevision = await server.reader
      .get(`/api/agreements/fjordvik-ramme/compare?from=${correction}&to=2025-09-01`)
      .expect(200);
    expect(byRevision.body.from.retroactive).toBeNull();
  });

  // Found testing as an auditor: a date names the version in force on it, which a later correction with
  // retroactive effect changes (2017 above), so a page asked by date gives the same by revision to cite.
  it('a version or a comparison asked by date links the same versions by revision, to cite', async () => {
    const escaped = (href: string) => href.replace(/&/g, '&amp;').replace(/=/g, '&#x3D;');
    const version = await server.reader.get('/api/agreements/fjordvik-ramme?at=2019-03-01').expect(200);
    const rev: string = version.body.revision.rev;
    const page = await server.reader.get('/avtaler/fjordvik-ramme?at=2019-03-01').expect(200);
    expect(page.text).toContain(
      `<a class="ds-link" href="${escaped(`/avtaler/fjordvik-ramme?rev=${rev.slice(0, 12)}`)}">Fast lenke til denne versjonen (revisjon ${rev.slice(0, 8)})</a>`,
    );
    const comparison = await server.reader
      .get('/api/agreements/fjordvik-ramme/compare?from=2017-03-01&to=2025-09-01')
      .expect(200);
    const compared = await server.reader
      .get('/avtaler/fjordvik-ramme/sammenlign?fra=2017-03-01&til=2025-09-01')
      .expect(200);
    expect(compared.text).toContain(
      `<a class="ds-link" href="${escaped(comparison.body.links.page)}">revisjon ${comparison.body.from.rev.slice(0, 8)} og ${comparison.body.to.rev.slice(0, 8)}</a>`,
    );
    // Asked by revision, the address is the permalink already.
    const byRevision = await server.reader.get(comparison.body.links.page).expect(200);
    expect(byRevision.text).not.toContain('compare-permalink');
  });

  it('the integrity page, for administrators only', async () => {
    const admin = await server.as('admin');
    const res = await admin.get('/admin/integritet').expect(200);
    expect(res.text).toContain('Integritetskontroll');
    expect(res.text).toContain('Historikken er intakt');
    // The seeded approved versions are sealed when the data repository is created: every check passes.
    expect(res.text).toContain('<li class="verify-check verify-check--ok">');
    expect(res.text).not.toContain('verify-check--warning');
    expect(res.text).not.toContain('verify-check--error');
    const api = await admin.get('/api/admin/integrity').expect(200);
    expect(api.body.intact).toBe(true);
    expect(api.body.checks.map((check: { id: string }) => check.id)).toEqual([
      'objects',
      'replacements',
      'branch',
      'dates',
      'seals',
      'coverage',
      'approved-texts',
      'files',
      'sync-conflicts',
      'overlaps',
      'parent-owners',
    ]);
    // A reader may read every agreement's history, but not the administrators' check.
    await server.reader.get('/admin/integritet').expect(403);
    await server.reader.get('/api/admin/integrity').expect(403);
  });
});

describe('a pathological pair: two unrelated 10,000-word versions', () => {
  let pathological: TestGjerde;
  let pathologicalReader: Agent;

  beforeAll(async () => {
    const examples = await dirs.make('gjerde-examples-');
    const folder = join(examples, 'testavtale');
    await mkdir(folder);
    const clause = (owner: string) => [
      { id: 'uten-laereplass', title: 'Lærling uten læreplass', attributes: `ansvarlig=${owner}` },
    ];
    await writeFile(
      join(folder, 'a.md'),
      fixture({
        validFrom: '2020-01-01',
        clauses: clause('testby-fk'),
        intro: `## 1. Tekst\n\n${unrelatedWords(10_000, 'q')}\n`,
      }),
    );
    await writeFile(
      join(folder, 'b.md'),
      fixture({
        validFrom: '2022-01-01',
        clauses: clause('nav-testby'),
        intro: `## 1. Tekst\n\n${unrelatedWords(10_000, 'z')}\n`,
      }),
    );
    await writeFile(
      join(folder, 'revisions.yaml'),
      [
        '- { file: a.md, date: "2020-01-10T10:00:00+01:00", author: Kari Nordmann, email: kari@nav.example, reason: Første }',
        '- { file: b.md, date: "2022-01-10T10:00:00+01:00", author: Ola Nordmann, email: ola@fk.example, reason: Skrevet om }',
      ].join('\n'),
    );
    pathological = await startTestGjerde({ examplesDir: examples });
    pathologicalReader = await pathological.as('leser');
  });
  afterAll(async () => {
    await pathological.stop();
  });

  it('answers within the timeout with the clause summary and a clear message instead of a redline', async () => {
    const res = await pathologicalReader.get('/api/agreements/testavtale/compare').expect(200);
    expect(res.body.summary.responsibility.map((sentence: { text: string }) => sentence.text)).toEqual([
      'Lærling uten læreplass: ansvarlig endret fra Testby fylkeskommune til NAV Testby',
    ]);
    expect(res.body.summary.sections.map((change: { text: string }) => change.text)).toEqual([
      'Endret tekst under «1. Tekst»',
    ]);
    expect(res.body.redline.status).toBe('too-different');
    expect(res.body.redline.hunks).toEqual([]);
    expect(res.body.redline.message).toMatch(/^Versjonene er for ulike til å vise endringene ord for ord/);
    const page = await pathologicalReader.get('/avtaler/testavtale/sammenlign').expect(200);
    expect(page.text).toContain('Versjonene er for ulike til å vise endringene ord for ord');
    expect(page.text).toContain(
      'Lærling uten læreplass: ansvarlig endret fra Testby fylkeskommune til NAV Testby',
    );
    expect(page.text).not.toContain('class="redline redline--inline"');
  });
});
