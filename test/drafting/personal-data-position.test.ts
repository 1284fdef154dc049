/**
 * A fødselsnummer in the Markdown is refused like every other error in it: at its line and column, in the
 * API and on the editor page, without the number, and nothing is written. Checking a text without saving
 * it (the editor's check, `gjerde validate` before a plain-git commit) says so at the same place.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Agent } from 'supertest';
import { runGjerde } from '../helpers/cli.js';
import { startTestGjerde, type TestGjerde } from '../helpers/gjerde.js';
import { tempDirForFile } from '../helpers/temp-dirs.js';
import { git } from '../repository/helpers.js';
import { nationalId } from '../security/hostile-cases.js';

jest.setTimeout(120_000);

let server: TestGjerde;
let kari: Agent;
let current: string;
let baseRev: string;
const number = nationalId(4711);
const folder = tempDirForFile('gjerde-validate-number-');

beforeAll(async () => {
  server = await startTestGjerde();
  kari = await server.as('kari');
  current = git(server.dataDir, ['show', 'HEAD:avtaler/fjordvik-ramme.md']);
  baseRev = git(server.dataDir, ['log', '-1', '--format=%H', '--', 'avtaler/fjordvik-ramme.md']).trim();
});

afterAll(async () => {
  await server.stop();
});

/** The text with «Eleven <number> ble fulgt opp.» as a new paragraph after the front matter: where it stands. */
function withNumber(): { markdown: string; line: number; column: number } {
  const end = current.indexOf('\n---\n') + 5;
  const markdown = `${current.slice(0, end)}\nEleven ${number} ble fulgt opp.\n${current.slice(end)}`;
  return { markdown, line: current.slice(0, end).split('\n').length + 1, column: 'Eleven '.length + 1 };
}

const head = () => git(server.dataDir, ['rev-parse', 'HEAD']).trim();

describe('a fødselsnummer in the Markdown', () => {
  it('PUT /api/agreements/:id refuses it at its line and column', async () => {
    const before = head();
    const { markdown, line, column } = withNumber();
    const res = await kari
      .put('/api/agreements/fjordvik-ramme')
      .send({ markdown, baseRev, reason: 'Ny setning' })
      .expect(422);
    expect(res.body.error).toContain('fødselsnummer');
    expect(res.body.messages).toEqual([
      expect.objectContaining({ line, column, severity: 'error', rule: 'personal-data' }),
    ]);
    expect(res.text).not.toContain(number);
    expect(head()).toBe(before);
  });

  it('the editor page names the line and column', async () => {
    const before = head();
    const { markdown, line, column } = withNumber();
    const res = await kari
      .post('/avtaler/fjordvik-ramme/rediger')
      .type('form')
      .send(new URLSearchParams({ markdown, baseRev, reason: 'Ny setning', action: 'lagre' }).toString())
      .expect(422);
    expect(res.text).toContain(
      `Linje ${line}, kolonne ${column}: Her står det som ser ut som et fødselsnummer.`,
    );
    expect(head()).toBe(before);
  });

  it('POST /api/check reports it at its line and column, as an error', async () => {
    const { markdown, line, column } = withNumber();
    const res = await kari.post('/api/check').send({ markdown }).expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.messages).toContainEqual(
      expect.objectContaining({ line, column, severity: 'error', rule: 'personal-data' }),
    );
    expect(JSON.stringify(res.body.messages)).not.toContain(number);
  });

  it('gjerde validate reports it as file:line:column and fails, so it is not committed with plain git', async () => {
    const { markdown, line, column } = withNumber();
    const file = join(folder, 'med-nummer.md');
    await writeFile(file, markdown);
    const result = runGjerde({ GJERDE_DATA: server.dataDir }, 'validate', file);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `${file}:${line}:${column}: feil: Her står det som ser ut som et fødselsnummer. Fjern det. [personal-data]`,
    );
    expect(result.out).not.toContain(number);
  });
});
