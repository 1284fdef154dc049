/**
 * A fødselsnummer hidden by the Markdown itself: written with a character reference (`1508&#48;510044`,
 * which saving writes as the digits) or split by inline marks (`1508**05**10044`, which the page shows
 * joined). Every way in — a save, the editor's form, a new agreement from a template's answers, an import —
 * refuses it with 422 at its line and column, without the number, and nothing is committed.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Agent } from 'supertest';
import { stringify } from 'yaml';
import { projectRoot } from '../../src/config.js';
import { startTestGjerde, type TestGjerde } from '../helpers/gjerde.js';
import { tempDirForFile } from '../helpers/temp-dirs.js';
import { cli, git } from '../repository/helpers.js';
import { nationalId } from '../security/hostile-cases.js';
import { rammeAnswers } from './helpers.js';

jest.setTimeout(120_000);

/** The stranger's generated numbers: a fødselsnummer and a D-number, both with valid check digits. */
const fødselsnummer = '15080510044';
const dNumber = '41080510010';

/** How the Markdown can hide a number (`d`, its 11 digits) from a check that reads the text as typed. */
const encodings: Record<string, (d: string) => string> = {
  'a decimal character reference': (d) => `${d.slice(0, 4)}&#${d.charCodeAt(4)};${d.slice(5)}`,
  'a hexadecimal character reference': (d) =>
    `${d.slice(0, 4)}&#x${d.charCodeAt(4).toString(16)};${d.slice(5)}`,
  'a named reference for a dot': (d) => `${d.slice(0, 6)}&period;${d.slice(6)}`,
  'emphasis inside': (d) => `${d.slice(0, 4)}*${d.slice(4, 6)}*${d.slice(6)}`,
  'strong emphasis inside': (d) => `${d.slice(0, 4)}**${d.slice(4, 6)}**${d.slice(6)}`,
  'strikethrough inside': (d) => `${d.slice(0, 4)}~~${d.slice(4, 6)}~~${d.slice(6)}`,
  'inline code inside': (d) => `${d.slice(0, 4)}\`${d.slice(4, 6)}\`${d.slice(6)}`,
  'a link around some digits': (d) => `${d.slice(0, 4)}[${d.slice(4, 6)}](https://www.nav.no)${d.slice(6)}`,
};

let server: TestGjerde;
let editor: Agent;
const archive = tempDirForFile('gjerde-import-markup-');

beforeAll(async () => {
  server = await startTestGjerde();
  editor = await server.as('redaktor');
});

afterAll(async () => {
  await server.stop();
});

const log = () => git(server.dataDir, ['log', '--all', '--format=%H']);
const stored = (id: string) => git(server.dataDir, ['show', `HEAD:avtaler/${id}.md`]);
const lastRev = (id: string) =>
  git(server.dataDir, ['log', '-1', '--format=%H', '--', `avtaler/${id}.md`]).trim();

/** The save's answer: 422, the personal-data refusal at `line` (and `column`), no number; nothing committed. */
async function expectRefused(
  send: () => Promise<{ status: number; text: string; body: { error?: string; messages?: unknown } }>,
  numbers: string[],
  place?: { line: number; column?: number },
): Promise<void> {
  const before = log();
  const res = await send();
  expect(res.status).toBe(422);
  expect(res.text).toContain('fødselsnummer');
  for (const number of numbers) expect(res.text).not.toContain(number);
  if (place && res.body.messages) {
    expect(res.body.messages).toContainEqual(
      expect.objectContaining({ ...place, severity: 'error', rule: 'personal-data' }),
    );
  }
  expect(log()).toBe(before);
}

describe('the stranger’s saves', () => {
  it('a heading with a decimal reference in fjordvik-ot-nav', async () => {
    const current = stored('fjordvik-ot-nav');
    const lines = current.split('\n');
    const at = lines.findIndex((line) => line.startsWith('# '));
    lines[at] = `# X 1508&#48;510044 og mer`;
    await expectRefused(
      () =>
        editor
          .put('/api/agreements/fjordvik-ot-nav')
          .send({ markdown: lines.join('\n'), baseRev: lastRev('fjordvik-ot-nav'), reason: 'Ny tittel' }),
      [fødselsnummer],
      { line: at + 1, column: 5 },
    );
  });

  it('a list item with a hexadecimal reference in fjordvik-ramme', async () => {
    const current = stored('fjordvik-ramme');
    const lines = current.split('\n');
    const at = lines.findIndex((line) => line.startsWith('- Flere fullfører'));
    expect(at).toBeGreaterThan(0);
    lines[at] = `${lines[at]} 1508&#x30;510044`;
    await expectRefused(
      () =>
        editor
          .put('/api/agreements/fjordvik-ramme')
          .send({ markdown: lines.join('\n'), baseRev: lastRev('fjordvik-ramme'), reason: 'Nytt mål' }),
      [fødselsnummer],
      { line: at + 1, column: (lines[at] as string).indexOf('1508') + 1 },
    );
  });

  it('digits split by strong emphasis, a D-number too', async () => {
    for (const digits of [fødselsnummer, dNumber]) {
      const current = stored('fjordvik-ramme');
      const end = current.indexOf('\n---\n') + 5;
      const markdown = `${current.slice(0, end)}\nEleven ${encodings['strong emphasis inside']?.(digits)} ble fulgt opp.\n${current.slice(end)}`;
      await expectRefused(
        () =>
          editor
            .put('/api/agreements/fjordvik-ramme')
            .send({ markdown, baseRev: lastRev('fjordvik-ramme'), reason: 'Ny setning' }),
        [digits],
        { line: current.slice(0, end).split('\n').length + 1, column: 'Eleven '.length + 1 },
      );
    }
  });
});

describe('each encoding, as a new paragraph of fjordvik-ramme', () => {
  let n = 5000;
  it.each(Object.keys(encodings))('%s', async (name) => {
    n += 1;
    const digits = nationalId(n);
    const current = stored('fjordvik-ramme');
    const end = current.indexOf('\n---\n') + 5;
    const markdown = `${current.slice(0, end)}\nEleven ${encodings[name]?.(digits)} ble fulgt opp.\n${current.slice(end)}`;
    const place = { line: current.slice(0, end).split('\n').length + 1, column: 'Eleven '.length + 1 };
    await expectRefused(
      () =>
        editor
          .put('/api/agreements/fjordvik-ramme')
          .send({ markdown, baseRev: lastRev('fjordvik-ramme'), reason: 'Ny setning' }),
      [digits],
      place,
    );
    // The check without saving says the same, at the same place.
    const check = await editor.post('/api/check').send({ markdown }).expect(200);
    expect(check.body.ok).toBe(false);
    expect(check.body.messages).toContainEqual(expect.objectContaining({ ...place, rule: 'personal-data' }));
    expect(JSON.stringify(check.body.messages)).not.toContain(digits);
  });
});

describe('what is not text: a link’s address and a front-matter value as YAML reads them', () => {
  it('a character reference in a link address', async () => {
    const digits = nationalId(6001);
    const current = stored('fjordvik-ramme');
    const end = current.indexOf('\n---\n') + 5;
    const markdown = `${current.slice(0, end)}\nSe [saken](https://www.nav.no/sak/${encodings['a decimal character reference']?.(digits)}).\n${current.slice(end)}`;
    await expectRefused(
      () =>
        editor
          .put('/api/agreements/fjordvik-ramme')
          .send({ markdown, baseRev: lastRev('fjordvik-ramme'), reason: 'Ny lenke' }),
      [digits],
    );
  });

  it('a YAML escape in the title', async () => {
    const digits = nationalId(6002);
    const current = stored('fjordvik-ramme');
    const markdown = current.replace(
      /^tittel: .*$/m,
      `tittel: "Avtale for ${digits.slice(0, 4)}\\x${digits.charCodeAt(4).toString(16)}${digits.slice(5)}"`,
    );
    expect(markdown).not.toBe(current);
    await expectRefused(
      () =>
        editor
          .put('/api/agreements/fjordvik-ramme')
          .send({ markdown, baseRev: lastRev('fjordvik-ramme'), reason: 'Ny tittel' }),
      [digits],
    );
  });
});

describe('every other way in', () => {
  it('the editor’s form', async () => {
    const digits = nationalId(6003);
    const current = stored('fjordvik-ramme');
    const end = current.indexOf('\n---\n') + 5;
    const markdown = `${current.slice(0, end)}\nEleven ${encodings['emphasis inside']?.(digits)}.\n${current.slice(end)}`;
    const before = log();
    const res = await editor
      .post('/avtaler/fjordvik-ramme/rediger')
      .type('form')
      .send(
        new URLSearchParams({
          markdown,
          baseRev: lastRev('fjordvik-ramme'),
          reason: 'Ny setning',
          action: 'lagre',
        }).toString(),
      );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Her står det som ser ut som et fødselsnummer.');
    expect(res.text).not.toContain(digits);
    expect(log()).toBe(before);
  });

  it('a reason with a number is refused first, also when the Markdown is broken too', async () => {
    const broken = stored('fjordvik-ramme').replace(/^tittel: .*$/m, 'tittel: [ikke lukket');
    await expectRefused(
      () =>
        editor
          .put('/api/agreements/fjordvik-ramme')
          .send({ markdown: broken, baseRev: lastRev('fjordvik-ramme'), reason: `Sak ${fødselsnummer}` }),
      [fødselsnummer],
    );
    const page = await editor
      .post('/avtaler/fjordvik-ramme/rediger')
      .type('form')
      .send(
        new URLSearchParams({
          markdown: broken,
          baseRev: lastRev('fjordvik-ramme'),
          reason: `Sak ${fødselsnummer}`,
          action: 'lagre',
        }).toString(),
      );
    expect(page.status).toBe(422);
    expect(page.text).toContain('Teksten ser ut til å inneholde et fødselsnummer');
    expect(page.text).not.toContain(fødselsnummer);
  });

  it('the editor shows a number typed plainly masked where it stood, never the number', async () => {
    const current = stored('fjordvik-ramme');
    const end = current.indexOf('\n---\n') + 5;
    const res = await editor
      .post('/avtaler/fjordvik-ramme/rediger')
      .type('form')
      .send(
        new URLSearchParams({
          markdown: `${current.slice(0, end)}\nEleven ${dNumber} har sluttet.\n${current.slice(end)}`,
          baseRev: lastRev('fjordvik-ramme'),
          reason: 'Ny setning',
          action: 'lagre',
        }).toString(),
      );
    expect(res.status).toBe(422);
    expect(res.text).not.toContain(dNumber);
    expect(res.text).toContain('Eleven ⟦fødselsnummer skjult⟧ har sluttet.');
    expect(res.text).toContain('Her sto et fødselsnummer (skjult). Skriv setningen om uten det.');
  });

  it('a new agreement from a template’s answers', async () => {
    const digits = nationalId(6004);
    await expectRefused(
      () =>
        editor.post('/api/agreements').send({
          template: 'ramme',
          answers: rammeAnswers({
            id: 'fjordvik-kodet-ramme',
            purpose: `Gjelder ${encodings['a decimal character reference']?.(digits)}.`,
          }),
          reason: 'Første utkast',
        }),
      [digits],
    );
  });

  it('gjerde import', async () => {
    const digits = nationalId(6005);
    const folder = join(archive, 'arkiv');
    await mkdir(folder, { recursive: true });
    const text = (await readFile(join(projectRoot, 'agreements/strandby-lokal/2018-06-11.md'), 'utf8'))
      .replace('id: strandby-lokal', 'id: kodet-lokal')
      .replace(/\n---\n/, `\n---\n\nEleven ${encodings['inline code inside']?.(digits)}.\n`);
    await writeFile(join(folder, '2018-06-11.md'), text);
    await writeFile(
      join(folder, 'revisions.yaml'),
      stringify([
        {
          file: '2018-06-11.md',
          date: '2018-06-11T13:00:00+02:00',
          author: 'Martin Solberg',
          email: 'martin@nordby.example',
          reason: 'Første utkast',
        },
      ]),
    );
    const before = log();
    const result = cli(server.dataDir, 'import', folder);
    expect(result.code).not.toBe(0);
    expect(result.out + result.err).toContain('fødselsnummer');
    expect(result.out + result.err).not.toContain(digits);
    expect(log()).toBe(before);
  });
});
