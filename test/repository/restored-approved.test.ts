/**
 * A commit that puts an approved text back byte for byte is that approved version, not a new one. Found by a
 * hostile tester: a plain-git commit by «Mallory Plain» moved Fjordvik's `gyldig-fra` 2025-08-01 → 2026-01-01
 * and gave a clause to NAV (`status: godkjent` kept); `git revert HEAD` put the approved file back. The text in
 * force on 1 February 2026 is the one approved 20 June 2025, yet the page as of that day named the revert
 * («Versjonen lagret 7. desember 2026 av Mallory Plain», «Merk: … gitt virkning fra 1. august 2025»), and so
 * did the Word and PDF exports (footer, file name `rev-<revert>`) and the history's periods («Lagret uten ny
 * godkjenning …: fra 1. august 2025»). The revert stays in the history as a commit, with no period of its own.
 * The lookup's answer and the comparison's default pair named the revert too (the lookup's index keeps no file
 * bytes): both name the approved version and say who put its text back when («tekst som i revisjon …,
 * gjenopprettet … av …»).
 * Real git store in a temp folder, plain commits with a backdated author date, `git revert`, real HTTP.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { formatDate } from '../../src/format/wording.js';
import { binary, readDocx, readPdf } from '../export/read-back.js';
import { authorEnv } from '../helpers/git.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { git } from './helpers.js';

jest.setTimeout(180_000);

const server = testGjerdeWithPeople(['leser']);
const reader = server.people.leser;

const file = 'avtaler/fjordvik-ramme.md';
const mallory = { name: 'Mallory Plain', email: 'mallory@example.org' };
/** After Mallory's first day, before either commit was made: the approved text of 20 June 2025 governs it. */
const askedOn = '2026-02-01';

/** Text with tags removed and whitespace folded, as a reader sees it. */
function visible(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

async function download(url: string) {
  const res = await reader.get(url).buffer(true).parse(binary).expect(200);
  return { body: res.body as Buffer, name: String(res.headers['content-disposition']) };
}

describe('a plain-git change to an approved agreement, put back with git revert', () => {
  let approvedRev: string;
  let malloryRev: string;
  let revertRev: string;

  beforeAll(async () => {
    approvedRev = git(server.dataDir, ['log', '-1', '--format=%H', '--', file]).trim();
    const before = await readFile(join(server.dataDir, file), 'utf8');
    const changed = before
      .replace(/^gyldig-fra: 2025-08-01$/m, 'gyldig-fra: 2026-01-01')
      .replace('{#under-18 ansvarlig=ot ', '{#under-18 ansvarlig=nav-fjordvik ');
    expect(changed).toMatch(/^gyldig-fra: 2026-01-01$/m);
    expect(changed).toContain('{#under-18 ansvarlig=nav-fjordvik ');
    await writeFile(join(server.dataDir, file), changed);
    git(server.dataDir, ['add', file]);
    git(server.dataDir, ['commit', '-q', '-m', 'Ny startdato og ansvar for under 18'], {
      ...authorEnv(mallory),
      GIT_AUTHOR_DATE: '2026-11-02T10:00:00+01:00',
    });
    malloryRev = git(server.dataDir, ['rev-parse', 'HEAD']).trim();
    git(server.dataDir, ['revert', '--no-edit', 'HEAD'], authorEnv(mallory));
    revertRev = git(server.dataDir, ['rev-parse', 'HEAD']).trim();
    expect(git(server.dataDir, ['diff', approvedRev, revertRev, '--', file])).toBe('');
  });

  it('the page as of a date shows the approved version, with no note of retroactive effect', async () => {
    const page = visible(
      (await reader.get('/avtaler/fjordvik-ramme').query({ at: askedOn }).expect(200)).text,
    );
    expect(page).toMatch(
      /Slik avtalen gjaldt 1\. februar 2026 Versjonen er godkjent av [^.]*\(20\. juni 2025\)/,
    );
    expect(page).toContain(`revisjon ${approvedRev.slice(0, 8)}`);
    expect(page).toContain('Dette er også gjeldende versjon i dag.');
    expect(page).not.toContain('Mallory');
    expect(page).not.toContain('gitt virkning');
    expect(page).not.toContain(revertRev.slice(0, 8));
  });

  it('the Word export as of the date is the approved version: text, footer and file name', async () => {
    const { body, name } = await download(`/avtaler/fjordvik-ramme.docx?at=${askedOn}`);
    expect(name).toContain(`rev-${approvedRev.slice(0, 8)}.docx`);
    const docx = await readDocx(body);
    expect(docx.text).not.toContain('Merk:');
    expect(docx.footer).toContain('lagret 23. juni 2025');
    expect(docx.footer).toContain(`Revisjon ${approvedRev}`);
    expect(docx.footer).not.toContain('7. desember 2026');
  });

  it('the PDF export as of the date is the approved version too', async () => {
    const { body, name } = await download(`/avtaler/fjordvik-ramme.pdf?at=${askedOn}`);
    expect(name).toContain(`rev-${approvedRev.slice(0, 8)}.pdf`);
    const pdf = await readPdf(body);
    const text = pdf.pages.join('\n');
    expect(text).not.toContain('Merk:');
    expect(text).toContain(`Revisjon ${approvedRev}`);
    expect(text).not.toContain(revertRev);
  });

  it('the history keeps the revert as a commit, and its periods name the approved version', async () => {
    const page = (await reader.get('/avtaler/fjordvik-ramme/historikk').expect(200)).text;
    const periods = visible(
      page.slice(page.indexOf('id="chart-text"'), page.indexOf('</ul>', page.indexOf('id="chart-text"'))),
    );
    expect(periods).toMatch(
      /Versjonen godkjent 20\. juni 2025[^:]*: fra 1\. august 2025 \(gjeldende i dag\)/,
    );
    expect(periods).not.toContain('Lagret uten ny godkjenning');
    const rows = page.split('<tr class="history-row').slice(1).map(visible);
    const revert = rows.find((row) => row.includes(revertRev.slice(0, 8)));
    expect(revert).toContain('Mallory Plain');
    expect(revert).toContain('Revert');
    expect(revert).toContain('Samme tekst som versjonen lagret 23. juni 2025');
    expect(revert).not.toContain('gjeldende i dag');

    const history = (await reader.get('/api/agreements/fjordvik-ramme/history').expect(200)).body as {
      revisions: { rev: string; inForce: { from: string; to: string | null }[]; restores: string | null }[];
    };
    const inForce = (rev: string) => history.revisions.find((entry) => entry.rev === rev)?.inForce;
    expect(inForce(revertRev)).toEqual([]);
    expect(inForce(malloryRev)).toEqual([]);
    expect(inForce(approvedRev)).toEqual([{ from: '2025-08-01', to: null }]);
    expect(history.revisions.find((entry) => entry.rev === revertRev)?.restores).toBe(approvedRev);
    expect(history.revisions.find((entry) => entry.rev === malloryRev)?.restores).toBeNull();
  });

  it('the list of agreements names the approved version as the one in force today', async () => {
    const list = (await reader.get('/api/agreements').expect(200)).body as {
      agreements: { id: string; inForce: { rev: string } | null }[];
    };
    const listed = list.agreements.find((agreement) => agreement.id === 'fjordvik-ramme');
    expect(listed?.inForce?.rev).toBe(approvedRev);
  });

  it('the lookup names the approved version, and says who put its text back when', async () => {
    const revertDate = git(server.dataDir, ['log', '-1', '--format=%aI', revertRev]).trim().slice(0, 10);
    const answer = (
      await reader
        .get('/api/lookup')
        .query({ q: 'under 18', agreement: 'fjordvik-ramme', fields: 'agreementId,revision,restoredBy' })
        .expect(200)
    ).body as {
      results: {
        agreementId: string;
        revision: { rev: string };
        restoredBy?: { rev: string; author: string };
      }[];
    };
    expect(answer.results.length).toBeGreaterThan(0);
    for (const result of answer.results) {
      expect(result.revision.rev).toBe(approvedRev);
      expect(result.restoredBy).toMatchObject({ rev: revertRev, author: 'Mallory Plain' });
    }

    const page = visible(
      (await reader.get('/oppslag').query({ q: 'under 18', agreement: 'fjordvik-ramme' }).expect(200)).text,
    );
    expect(page).toContain(
      `tekst som i revisjon ${approvedRev.slice(0, 8)} (lagret 23. juni 2025), gjenopprettet ${formatDate(revertDate)} av Mallory Plain (${revertRev.slice(0, 8)})`,
    );
  });

  it('the comparison’s default pair is the approved version in force against the one before it', async () => {
    const comparison = (await reader.get('/api/agreements/fjordvik-ramme/compare').expect(200)).body as {
      from: { rev: string; status: string };
      to: { rev: string; restoredBy: { rev: string } | null };
      summary: { identical: boolean };
    };
    expect(comparison.to.rev).toBe(approvedRev);
    expect(comparison.to.restoredBy?.rev).toBe(revertRev);
    expect(comparison.from.rev).not.toBe(approvedRev);
    expect(comparison.from.status).toBe('godkjent');
    expect(comparison.summary.identical).toBe(false);

    const page = visible((await reader.get('/avtaler/fjordvik-ramme/sammenlign').expect(200)).text);
    expect(page).toContain(`revisjon ${approvedRev.slice(0, 8)}`);
    expect(page).toMatch(/Tekst som i revisjon [0-9a-f]{8,}, gjenopprettet \d+\. \w+ \d{4} av Mallory Plain/);
  });
});
