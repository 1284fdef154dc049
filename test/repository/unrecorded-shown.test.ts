/**
 * A text nobody approved never reads as the signed agreement. Mallory changes the owner of an approved
 * clause with plain git, keeping `status: godkjent` and the signatories: the exports say at their top that no
 * approval is registered for the text and do not stand the old signatories over it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { NationalOverview } from '../../src/lookup/national.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { binary, readDocx, readPdf } from '../export/read-back.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { commitByHand, git } from './helpers.js';

jest.setTimeout(180_000);

const server = testGjerdeWithPeople(['leser']);
const reader = server.people.leser;
const mallory = { name: 'Mallory', email: 'mallory@example.org' };
const path = 'avtaler/sorholm-avtale.md';
const message = 'Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten.';

let changed: string;
let approved: string;

async function download(url: string): Promise<Buffer> {
  return (await reader.get(url).buffer(true).parse(binary).expect(200)).body as Buffer;
}

beforeAll(async () => {
  const before = await readFile(join(server.dataDir, path), 'utf8');
  const after = before.replace('{#sluttet ansvarlig=ot-sorholm', '{#sluttet ansvarlig=nav-sorholm');
  expect(after).not.toBe(before);
  changed = await commitByHand(server.dataDir, { [path]: after }, 'Rettet ansvar', mallory);
  approved = git(server.dataDir, ['log', '-1', '--format=%H', `${changed}~1`, '--', path]).trim();
});

describe('exports of the unrecorded text', () => {
  it('Word says at its top and on every page that no approval is registered, and names the last approved', async () => {
    const docx = await readDocx(await download('/avtaler/sorholm-avtale.docx'));
    const top = docx.text.slice(0, docx.text.indexOf('Type'));
    expect(top).toContain(message);
    expect(top).toContain('av Mallory');
    expect(top).toContain(`Sist godkjente tekst: revisjon ${approved.slice(0, 8)}`);
    expect(docx.header).toContain('Ingen registrert godkjenning');
    expect(docx.text).toMatch(/Status\s+Uten registrert godkjenning/);
    expect(docx.text).not.toMatch(/Status\s+Godkjent/);
    expect(docx.text).not.toContain('Signert av');
    expect(docx.text).toMatch(/Signaturer i fila\s+Gunnar Aune/);
    expect(docx.text).toContain('Gjelder en tidligere tekst');
    expect(docx.footer).toContain('(uten registrert godkjenning)');

    // The approved version it departs from exports as signed, without the warning.
    const signed = await readDocx(await download(`/avtaler/sorholm-avtale.docx?rev=${approved}`));
    expect(signed.text).not.toContain(message);
    expect(signed.text).toMatch(/Signert av\s+Gunnar Aune/);
  });

  it('the PDF says the same on its first page, and on every page at the top', async () => {
    const pdf = await readPdf(await download('/avtaler/sorholm-avtale.pdf'));
    const [first = ''] = pdf.pages;
    expect(first.replace(/\s+/g, ' ')).toContain(message);
    expect(first).toContain(`Sist godkjente tekst: revisjon ${approved.slice(0, 8)}`);
    expect(first).not.toContain('Signert av');
    expect(first).toContain('Signaturer i fila');
    expect(first).toMatch(/Status\s*Uten registrert godkjenning/);
    for (const page of pdf.pages) expect(page).toContain('Ingen registrert godkjenning');
  });
});

describe('the compare page', () => {
  it('gives the unrecorded revision the status «Ingen registrert godkjenning», never «Godkjent»', async () => {
    const page = (
      await reader
        .get('/avtaler/sorholm-avtale/sammenlign')
        .query({ fra: approved.slice(0, 12), til: changed.slice(0, 12) })
        .expect(200)
    ).text;
    const to = page.slice(
      page.indexOf('id="to-heading"'),
      page.indexOf('</section>', page.indexOf('id="to-heading"')),
    );
    expect(to).toContain('Lagret av Mallory');
    expect(to).toMatch(/data-color="danger">Ingen registrert godkjenning</);
    expect(to).not.toContain('>Godkjent<');
    expect(to).toContain(message);
    const between = page.slice(page.indexOf('id="between-heading"'));
    const changedEntry = between.slice(0, between.indexOf('</li>'));
    expect(changedEntry).toContain(changed.slice(0, 8));
    expect(changedEntry).not.toContain('>Godkjent<');
    // Where another version is picked, too.
    expect(page).toMatch(/<option [^>]*>[^<]* – Ingen registrert godkjenning – Rettet ansvar</);

    // The approved side keeps its status.
    const from = page.slice(page.indexOf('id="from-heading"'), page.indexOf('id="to-heading"'));
    expect(from).toContain('>Godkjent<');
    expect(from).not.toContain(message);
  });
});

describe('the lookup', () => {
  const question = {
    q: 'hvem følger opp en ungdom som har sluttet på skolen',
    agreement: 'sorholm-avtale',
    limit: '20',
  };

  it('the API says of each result whether its clause differs from the last approved text, and what that said', async () => {
    const { results } = (
      await reader
        .get('/api/lookup')
        .query({ ...question, full: '1' })
        .expect(200)
    ).body as LookupAnswer;
    const sluttet = results.find((result) => result.clauseId === 'sluttet');
    expect(sluttet?.owner?.name).toBe('NAV Sørholm');
    expect(sluttet?.approvalWarning?.clause).toEqual({ changed: true, lastApproved: 'Ansvarlig OT Sørholm' });
    const others = results.filter((result) => result.clauseId !== 'sluttet');
    expect(others.length).toBeGreaterThan(0);
    for (const other of others)
      expect({ id: other.clauseId, clause: other.approvalWarning?.clause }).toEqual({
        id: other.clauseId,
        clause: { changed: false, lastApproved: expect.any(String) },
      });
  });

  it('the changed clause’s card says what was last approved; the others a quiet note, not the alarm', async () => {
    const page = (await reader.get('/oppslag').query(question).expect(200)).text;
    const cards = page.split('<article class="lookup-result').slice(1);
    const sluttet = cards.find((card) => card.includes('id="r-sorholm-avtale-sluttet"')) ?? '';
    expect(sluttet).toContain('lookup-result--unrecorded');
    expect(sluttet).toContain(message);
    expect(sluttet).toMatch(/Ansvarlig:<\/span> <strong>NAV Sørholm<\/strong> <span[^>]*>Ikke godkjent</);
    expect(sluttet).toContain('Sist godkjent: <strong>Ansvarlig OT Sørholm</strong>');
    const others = cards.filter((card) => card !== sluttet && card.includes('id="r-sorholm-avtale-'));
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) {
      expect(other).not.toContain(message);
      expect(other).not.toContain('Sist godkjent');
      expect(other).toContain('dette punktet står som partene godkjente det');
    }
  });
});

describe('the county comparison', () => {
  it('says what the parties last approved for the changed clause, as the lookup card does', async () => {
    const page = (await reader.get('/fylkene').query({ situation: 'sluttet' }).expect(200)).text;
    const start = page.indexOf('data-county="Sørholm"');
    expect(start).toBeGreaterThan(0);
    const row = page.slice(start, page.indexOf('</tr>', start));
    expect(row).toContain('Ingen registrert godkjenning');
    expect(row).toContain('Sist godkjent: <strong>Ansvarlig OT Sørholm</strong>');

    const overview = (await reader.get('/api/national').query({ situation: 'sluttet' }).expect(200))
      .body as NationalOverview;
    const sorholm = overview.rows.find((candidate) => candidate.county === 'Sørholm');
    expect(sorholm?.answer?.approvalWarning?.clause).toEqual({
      changed: true,
      lastApproved: 'Ansvarlig OT Sørholm',
    });
  });
});

describe('the agreement page and its history', () => {
  it('give the status «Ingen registrert godkjenning» and the signatories as the file’s, not as «Signert av»', async () => {
    const page = (await reader.get('/avtaler/sorholm-avtale').expect(200)).text;
    expect(page).toMatch(/<dt>Status<\/dt><dd>Ingen registrert godkjenning \(fila sier «Godkjent»\)<\/dd>/);
    expect(page).not.toContain('<dt>Signert av</dt>');
    expect(page).toMatch(/<dt>Signaturer i fila<\/dt><dd><ul class="plain"><li>Gunnar Aune/);
    expect(page).toContain('Gjelder ikke denne teksten: ingen godkjenning er registrert for den');
    const signed = (await reader.get('/avtaler/sorholm-avtale').query({ rev: approved }).expect(200)).text;
    expect(signed).toContain('<dt>Signert av</dt>');

    const history = (await reader.get('/avtaler/sorholm-avtale/historikk').expect(200)).text;
    const rows = history.split('<tr').filter((row) => row.includes('revisjon <code>'));
    const rowOf = (rev: string) =>
      rows.find((candidate) => candidate.includes(`revisjon <code>${rev.slice(0, 8)}</code>`)) ?? '';
    const row = rowOf(changed);
    expect(row).toMatch(/data-color="danger" data-size="sm">Ingen registrert godkjenning</);
    expect(row).not.toContain('>Godkjent<');
    expect(rowOf(approved)).toContain('>Godkjent<');
  });
});
