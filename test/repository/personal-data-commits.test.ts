/**
 * A fødselsnummer committed with plain git (Gjerde refuses it in every save): the version is invalid like
 * any other with an error, listed with line and column by every check, and its text is withheld everywhere
 * Gjerde would serve it; the other versions of the agreement keep working.
 */
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { withheldText } from '../../src/domain/stored.js';
import { AgreementHistory } from '../../src/history/history.js';
import { buildIndex } from '../../src/lookup/build.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { registerApprovalAtHead } from '../helpers/git.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { inForceDate } from '../lookup/helpers.js';
import { cli, commitByHand, git } from './helpers.js';

jest.setTimeout(120_000);

/** A valid fødselsnummer (check digits right), written as people write it. */
const number = '150704 12397';
const digits = '15070412397';

function expectNoNumber(text: string): void {
  expect(text).not.toContain(number);
  expect(text).not.toContain(digits);
}

describe('a committed version that holds a fødselsnummer', () => {
  const server = testGjerdeWithPeople(['leser']);
  const reader = server.people.leser;
  let valid: string;
  let withheld: string;
  let line: number;
  let column: number;
  const sentence = 'Gjelder eleven med fødselsnummer';

  beforeAll(async () => {
    valid = git(server.dataDir, ['log', '-1', '--format=%H', '--', 'avtaler/fjordvik-ramme.md']).trim();
    const before = git(server.dataDir, ['show', 'HEAD:avtaler/fjordvik-ramme.md']);
    const lines = before.split('\n');
    const at = lines.findIndex((text) => text.startsWith(':::ansvar')) + 1;
    lines.splice(at + 1, 0, `${sentence} ${number}.`, '');
    line = at + 2;
    column = sentence.length + 2;
    withheld = await commitByHand(
      server.dataDir,
      { 'avtaler/fjordvik-ramme.md': lines.join('\n') },
      'La inn en sak fra OT',
    );
  });

  it('gjerde validate and gjerde verify list it by line and column, never the number', () => {
    const validate = cli(server.dataDir, 'validate');
    expect(validate.code).toBe(1);
    expect(validate.out).toContain(
      `avtaler/fjordvik-ramme.md:${line}:${column}: feil: Her står det som ser ut som et fødselsnummer`,
    );
    expectNoNumber(validate.out + validate.err);
    const verify = cli(server.dataDir, 'verify');
    expect(verify.code).toBe(1);
    expect(verify.out).toContain(
      `avtaler/fjordvik-ramme.md:${line}:${column}: Her står det som ser ut som et fødselsnummer`,
    );
    expectNoNumber(verify.out + verify.err);
  });

  it('/healthz and the integrity page warn, naming the file', async () => {
    const health = await request(server.app).get('/healthz').expect(200);
    expect(health.body.status).toBe('warning');
    expect(health.body.warnings).toEqual([expect.stringMatching(/^avtaler\/fjordvik-ramme\.md: /)]);
    expectNoNumber(health.text);
    const admin = await server.as('admin');
    const page = (await admin.get('/admin/integritet').expect(200)).text;
    expect(page).toContain(
      `avtaler/fjordvik-ramme.md:${line}:${column}: Her står det som ser ut som et fødselsnummer`,
    );
    expectNoNumber(page);
  });

  it('lookups never answer from it, also from an index built afresh', async () => {
    const answer = (
      await reader
        .get('/api/lookup')
        .query({ q: 'lærling uten læreplass', at: inForceDate, full: '1' })
        .expect(200)
    ).body as LookupAnswer;
    expect(answer.results.some((result) => result.revision.rev === withheld)).toBe(false);
    expectNoNumber(JSON.stringify(answer));
    const { index } = await buildIndex(server.gjerde.store);
    expect(index.history('fjordvik-ramme').map((version) => version.revision.rev)).not.toContain(withheld);
  });

  it('its page, source, API and history say it is withheld and hold no number; the valid version still reads', async () => {
    const page = (await reader.get(`/avtaler/fjordvik-ramme?rev=${withheld}`).expect(200)).text;
    expect(page).toContain('Teksten er holdt tilbake');
    expect(page).toContain(`Linje ${line}, kolonne ${column}`);
    expectNoNumber(page);
    const source = (await reader.get(`/avtaler/fjordvik-ramme.md?rev=${withheld}`).expect(200)).text;
    expect(source).toBe(withheldText);
    const api = await reader.get(`/api/agreements/fjordvik-ramme?rev=${withheld}`).expect(200);
    expect(api.body).toMatchObject({ valid: false, markdown: withheldText, clauses: [] });
    expect(api.body.problems).toContainEqual(
      expect.objectContaining({ line, column, rule: 'personal-data' }),
    );
    expectNoNumber(api.text);
    for (const path of [
      '/avtaler/fjordvik-ramme',
      '/avtaler/fjordvik-ramme/historikk',
      '/api/agreements/fjordvik-ramme/history',
      `/avtaler/fjordvik-ramme/sammenlign?fra=${valid}&til=${withheld}`,
      '/avtaler/fjordvik-ramme/punkter/uten-laereplass/historikk',
      `/avtaler/fjordvik-ramme.docx?rev=${withheld}`,
    ]) {
      const response = await reader.get(path).buffer(true);
      expect(response.status).toBe(200);
      expectNoNumber(Buffer.isBuffer(response.body) ? response.body.toString('latin1') : response.text);
    }
    const current = (await reader.get(`/avtaler/fjordvik-ramme?rev=${valid}`).expect(200)).text;
    expect(current).not.toContain('Teksten er holdt tilbake');
    expect(current).toContain('uten-laereplass');
  });
});

describe('a committed version with a fødselsnummer in its front matter', () => {
  const server = testGjerdeWithPeople(['leser']);
  const reader = server.people.leser;
  let withheld: string;

  beforeAll(async () => {
    const before = git(server.dataDir, ['show', 'HEAD:avtaler/fjordvik-ramme.md']);
    const after = before.replace(/^tittel: .*$/m, `tittel: Avtale for eleven ${number}`);
    expect(after).not.toBe(before);
    withheld = await commitByHand(server.dataDir, { 'avtaler/fjordvik-ramme.md': after }, 'Ny tittel');
  });

  it('is named by its id on the front page, in the agreement list and the history, never by its title', async () => {
    for (const path of [
      '/',
      '/api/agreements',
      '/api/agreements/fjordvik-ramme/history',
      '/avtaler/fjordvik-ramme/historikk',
      `/avtaler/fjordvik-ramme?rev=${withheld}`,
      `/api/agreements/fjordvik-ramme?rev=${withheld}`,
    ]) {
      const response = await reader.get(path).expect(200);
      expectNoNumber(response.text);
    }
    const api = (await reader.get(`/api/agreements/fjordvik-ramme?rev=${withheld}`).expect(200)).body;
    expect(api.meta.title).toBe('fjordvik-ramme');
  });
});

describe('a fødselsnummer in a party’s name in a revision between two compared ones', () => {
  const server = testGjerdeWithPeople(['leser']);
  const reader = server.people.leser;
  let from: string;
  let to: string;

  beforeAll(async () => {
    from = git(server.dataDir, ['log', '-1', '--format=%H', '--', 'avtaler/fjordvik-ramme.md']).trim();
    const before = git(server.dataDir, ['show', 'HEAD:avtaler/fjordvik-ramme.md']);
    const after = before.replace(/navn: NAV Fjordvik$/m, `navn: NAV Fjordvik v/ eleven ${number}`);
    expect(after).not.toBe(before);
    // An approval recorded for the party: the comparison names each revision's approvers with their party.
    await commitByHand(
      server.dataDir,
      { 'avtaler/fjordvik-ramme.md': after },
      'Godkjent for NAV\n\nGodkjenning: Kari Nordmann | Leder | nav-fjordvik | 2026-01-05',
    );
    // As Gjerde's approval path records it (a plain commit's approval is otherwise not recorded).
    registerApprovalAtHead(server.dataDir);
    to = await commitByHand(server.dataDir, { 'avtaler/fjordvik-ramme.md': before }, 'Rettet partens navn');
  });

  it('is withheld from the comparison, read cold (its revisions between read from their front matter alone)', async () => {
    const comparison = await new AgreementHistory(server.gjerde.store).compare('fjordvik-ramme', {
      from,
      to,
    });
    expect(comparison.between.map((revision) => revision.reason)).toEqual([
      'Godkjent for NAV',
      'Rettet partens navn',
    ]);
    expectNoNumber(JSON.stringify(comparison));
  });

  it('is withheld on the comparison page, in its API and on the command line', async () => {
    const page = (await reader.get(`/avtaler/fjordvik-ramme/sammenlign?fra=${from}&til=${to}`).expect(200))
      .text;
    expect(page).toContain('Revisjoner i perioden (2)');
    expect(page).toContain('Godkjent av Kari Nordmann for nav-fjordvik');
    expectNoNumber(page);
    const api = await reader.get('/api/agreements/fjordvik-ramme/compare').query({ from, to }).expect(200);
    expect(api.body.between).toHaveLength(2);
    expectNoNumber(api.text);
    const compared = cli(server.dataDir, 'compare', 'fjordvik-ramme', '--from', from, '--to', to);
    expect(compared.code).toBe(0);
    expectNoNumber(compared.out + compared.err);
  });
});

describe('a fødselsnummer committed into a case and a contact register', () => {
  const server = testGjerdeWithPeople(['leser']);
  const caseFile = 'saker/2026-tng99.md';
  const register = 'kontakter/fjordvik.yaml';
  const caseText =
    '---\nid: 2026-tng99\nstatus: apen\n---\n\n# Uenighet om oppfølging\n\nFnr 150704 12397 nevnt her.\n';

  beforeAll(async () => {
    const contacts = git(server.dataDir, ['show', `HEAD:${register}`]);
    await commitByHand(
      server.dataDir,
      { [caseFile]: caseText, [register]: `${contacts}# Ring om eleven 150704 12397\n` },
      'Notater fra møtet',
    );
  });

  it('gjerde validate names each at its line and column, as a case and a register, never the number', () => {
    const registerLine = `${git(server.dataDir, ['show', `HEAD:${register}`]).split('\n').length - 1}`;
    const whole = cli(server.dataDir, 'validate');
    expect(whole.code).toBe(1);
    expect(whole.out).toContain(`${caseFile}:8:5: feil: Her står det som ser ut som et fødselsnummer`);
    expect(whole.out).toContain(
      `${register}:${registerLine}:18: feil: Her står det som ser ut som et fødselsnummer`,
    );
    // A file that could not be read says only why, not what its readers then missed in it.
    expect(whole.out).not.toContain('«fylke» mangler');
    expectNoNumber(whole.out + whole.err);
    const one = cli(server.dataDir, 'validate', caseFile);
    expect(one.code).toBe(1);
    expect(one.out).toContain(`${caseFile}:8:5: feil: Teksten ser ut til å inneholde et fødselsnummer`);
    // Read as a case, not as an agreement.
    expect(one.out).not.toContain('tittel');
    expectNoNumber(one.out + one.err);
  });

  it('/healthz warns, naming both files', async () => {
    const health = await request(server.app).get('/healthz').expect(200);
    expect(health.body.status).toBe('warning');
    expect(health.body.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^kontakter\/fjordvik\.yaml: /),
        expect.stringMatching(/^saker\/2026-tng99\.md: Filen ser ut til å inneholde et fødselsnummer/),
      ]),
    );
    expectNoNumber(health.text);
  });
});
