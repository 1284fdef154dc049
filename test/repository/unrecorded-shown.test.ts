/**
 * A text nobody approved never reads as the signed agreement. Mallory changes the owner of an approved
 * clause with plain git, keeping `status: godkjent` and the signatories: the exports say at their top that no
 * approval is registered for the text and do not stand the old signatories over it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
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
