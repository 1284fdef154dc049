/**
 * A fødselsnummer the Markdown hides in a file committed with plain git (a save refuses it: test/drafting/
 * personal-data-markup.test.ts). The text as written holds no number, a reader of the page would see one, so
 * the version is held back exactly as one with a plain number is: `gjerde validate` and `gjerde verify` name
 * its line and column, its page, source, API, comparison and export show the notice, lookups never answer
 * from it, and its editor opens it with the number masked.
 */
import { describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { maskedNationalId } from '../../src/domain/personal-data.js';
import { withheldText } from '../../src/domain/stored.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { readDocx } from '../export/read-back.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { inForceDate } from '../lookup/helpers.js';
import { cli, commitByHand, git } from './helpers.js';

jest.setTimeout(180_000);

/** A valid fødselsnummer (check digits right); each case below writes it so that no 11 digits stand together. */
const digits = '15070412397';

/** The digits a reader can make out of a text: references and escapes decoded, tags and everything else gone. */
function expectNoNumber(text: string): void {
  const decoded = text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);|\\x([0-9a-f]{2})/gi, (_, a?: string, b?: string) =>
      String.fromCodePoint(Number.parseInt((a ?? b) as string, 16)),
    );
  expect(decoded.replace(/<[^>]*>/g, '').replace(/\D/g, '')).not.toContain(digits);
}

const path = 'avtaler/fjordvik-ramme.md';
const escapedTitle = '"Avtale for eleven 15070\\x3412397"';
const clauseLine = 'Søkere uten læreplass 1. september som ikke tar imot Vg3 i skole,';

/** Each way of hiding the number, made from the file at HEAD: the text, and where the number starts. */
const cases: Array<{ name: string; write: (text: string) => string; find: string }> = [
  {
    name: 'emphasis in a clause',
    write: (text) => text.replace(clauseLine, `${clauseLine} (eleven 1507**04**12397)`),
    find: '1507**04**12397',
  },
  {
    name: 'a character reference in a paragraph between clauses',
    write: (text) => text.replace('\n:::ansvar', '\nGjelder eleven 15070&#52;12397.\n\n:::ansvar'),
    find: '15070&#52;12397',
  },
  {
    name: 'a quote over two lines',
    write: (text) => text.replace('\n:::ansvar', '\n> Eleven 150704\n> 12397\n\n:::ansvar'),
    find: '150704\n> 12397',
  },
  {
    // The whole YAML scalar is the number's place: its escape hides the digits from the text as written.
    name: 'a YAML escape in the front matter',
    write: (text) => text.replace(/^tittel: .*$/m, `tittel: ${escapedTitle}`),
    find: escapedTitle,
  },
];

describe('a committed version that hides a fødselsnummer in its Markdown', () => {
  const server = testGjerdeWithPeople(['leser', 'redaktor']);
  const reader = server.people.leser;

  describe.each(cases)('$name', ({ write, find }) => {
    let valid: string;
    let held: string;
    let line: number;
    let column: number;

    it('is committed with plain git; gjerde validate and verify name its line and column', async () => {
      valid = git(server.dataDir, ['log', '-1', '--format=%H', '--', path]).trim();
      const original = git(server.dataDir, ['show', `${valid}:${path}`]);
      const text = write(original);
      expect(text).not.toBe(original);
      expect(text).not.toContain(digits);
      const before = text.slice(0, text.indexOf(find));
      line = before.split('\n').length;
      column = before.length - before.lastIndexOf('\n');
      held = await commitByHand(server.dataDir, { [path]: text }, 'La inn en sak fra OT');

      const validate = cli(server.dataDir, 'validate');
      expect(validate.code).toBe(1);
      expect(validate.out).toContain(
        `${path}:${line}:${column}: feil: Her står det som ser ut som et fødselsnummer`,
      );
      expectNoNumber(validate.out + validate.err);
      const verify = cli(server.dataDir, 'verify');
      expect(verify.code).toBe(1);
      expect(verify.out).toContain('Teksten er holdt tilbake');
      expect(verify.out).toContain(`${path}:${line}:${column}: Her står det som ser ut som et fødselsnummer`);
      expectNoNumber(verify.out + verify.err);
    });

    it('its page, source and API say it is held back; the lookup never answers from it', async () => {
      const page = (await reader.get(`/avtaler/fjordvik-ramme?rev=${held}`).expect(200)).text;
      expect(page).toContain('Teksten er holdt tilbake');
      expect(page).toContain(`Linje ${line}, kolonne ${column}`);
      expectNoNumber(page);
      const source = (await reader.get(`/avtaler/fjordvik-ramme.md?rev=${held}`).expect(200)).text;
      expect(source).toBe(withheldText);
      const api = await reader.get(`/api/agreements/fjordvik-ramme?rev=${held}`).expect(200);
      expect(api.body).toMatchObject({ valid: false, markdown: withheldText, clauses: [] });
      expect(api.body.problems).toContainEqual(
        expect.objectContaining({ line, column, rule: 'personal-data' }),
      );
      const answer = await reader
        .get('/api/lookup')
        .query({ q: 'lærling uten læreplass', at: inForceDate, full: '1' })
        .expect(200);
      expect((answer.body as LookupAnswer).results.some((result) => result.revision.rev === held)).toBe(
        false,
      );
      expectNoNumber(answer.text);
      const health = await request(server.app).get('/healthz').expect(200);
      expect(health.body.status).toBe('warning');
    });

    it('comparisons, history, the current page and the Word export show no number', async () => {
      for (const address of [
        '/avtaler/fjordvik-ramme',
        '/api/agreements/fjordvik-ramme',
        '/avtaler/fjordvik-ramme/historikk',
        `/avtaler/fjordvik-ramme/sammenlign?fra=${valid}&til=${held}`,
        '/avtaler/fjordvik-ramme/punkter/uten-laereplass/historikk',
      ])
        expectNoNumber((await reader.get(address).expect(200)).text);
      const docx = await reader
        .get(`/avtaler/fjordvik-ramme.docx?rev=${held}`)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const word = await readDocx(docx.body as Buffer);
      expect(word.text).toContain('Teksten er holdt tilbake');
      expectNoNumber(word.text);
    });

    it('opens in the editor with the number masked', async () => {
      const page = (await server.people.redaktor.get('/avtaler/fjordvik-ramme/rediger').expect(200)).text;
      expect(page).toContain(maskedNationalId);
      expectNoNumber(page);
      // The next case starts from the valid text again.
      await commitByHand(
        server.dataDir,
        { [path]: git(server.dataDir, ['show', `${valid}:${path}`]) },
        'Tok bort saken',
      );
    });
  });
});

describe('a committed version whose front matter hides a fødselsnummer in a YAML escape', () => {
  const server = testGjerdeWithPeople(['leser']);
  const reader = server.people.leser;

  it('is held back and named by its id, never its title', async () => {
    const before = git(server.dataDir, ['show', `HEAD:${path}`]);
    const after = before.replace(/^tittel: .*$/m, `tittel: ${escapedTitle}`);
    expect(after).not.toBe(before);
    const held = await commitByHand(server.dataDir, { [path]: after }, 'Ny tittel');
    const validate = cli(server.dataDir, 'validate');
    expect(validate.code).toBe(1);
    const line = after.slice(0, after.indexOf(escapedTitle)).split('\n').length;
    expect(validate.out).toContain(`${path}:${line}:9: feil: Her står det som ser ut som et fødselsnummer`);
    for (const address of [
      '/',
      '/api/agreements',
      '/avtaler/fjordvik-ramme/historikk',
      `/avtaler/fjordvik-ramme?rev=${held}`,
      `/avtaler/fjordvik-ramme.md?rev=${held}`,
    ])
      expectNoNumber((await reader.get(address).expect(200)).text);
  });
});
