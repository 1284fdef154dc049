/**
 * A typo in a clause's opening line must not save the agreement without the clause: the stranger's
 * `::ansvar[Lærling uten læreplass{#uten-laereplass ansvarlig=nav-fjordvikk` (two colons, no `]`, a party
 * with a typo) was saved with 200 «Lagret.», the line rewritten as text and the clause gone from lookups.
 * It is refused at its line and column, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Agent } from 'supertest';
import { startTestGjerde, type TestGjerde } from '../helpers/gjerde.js';
import { git } from '../repository/helpers.js';

jest.setTimeout(120_000);

let server: TestGjerde;
let kari: Agent;
let current: string;
let baseRev: string;

beforeAll(async () => {
  server = await startTestGjerde();
  kari = await server.as('kari');
  current = git(server.dataDir, ['show', 'HEAD:avtaler/fjordvik-ramme.md']);
  baseRev = git(server.dataDir, ['log', '-1', '--format=%H', '--', 'avtaler/fjordvik-ramme.md']).trim();
});

afterAll(async () => {
  await server.stop();
});

const opening = ':::ansvar[Lærling uten læreplass]{#uten-laereplass ansvarlig=nav-fjordvik';

/** The stranger's edit of the most-asked clause, and the line it stands on. */
function withTypo(): { markdown: string; line: number } {
  const at = current.indexOf(opening);
  expect(at).toBeGreaterThan(0);
  const markdown = current.replace(
    opening,
    '::ansvar[Lærling uten læreplass{#uten-laereplass ansvarlig=nav-fjordvikk',
  );
  return { markdown, line: current.slice(0, at).split('\n').length };
}

const log = () => git(server.dataDir, ['log', '--format=%H']);

describe('a clause marker with a typo', () => {
  it('PUT /api/agreements/:id refuses it with 422 at its line and column, and git log is unchanged', async () => {
    const before = log();
    const { markdown, line } = withTypo();
    const res = await kari
      .put('/api/agreements/fjordvik-ramme')
      .send({ markdown, baseRev, reason: 'Retter ansvarlig' })
      .expect(422);
    expect(res.body.messages).toContainEqual(
      expect.objectContaining({
        line,
        column: 1,
        severity: 'error',
        rule: 'clause-marker',
        message: expect.stringContaining(
          'Dette ser ut som et ansvarspunkt, men kan ikke leses: det står to kolon foran «ansvar», ikke tre («:::ansvar»); tittelen mangler «]»; «nav-fjordvikk» i «ansvarlig» er ingen av avtalens parter (mente du «nav-fjordvik»?).',
        ),
      }),
    );
    expect(log()).toBe(before);
  });

  it('the editor page names the line and column', async () => {
    const before = log();
    const { markdown, line } = withTypo();
    const res = await kari
      .post('/avtaler/fjordvik-ramme/rediger')
      .type('form')
      .send(
        new URLSearchParams({ markdown, baseRev, reason: 'Retter ansvarlig', action: 'lagre' }).toString(),
      )
      .expect(422);
    expect(res.text).toContain(
      `Linje ${line}, kolonne 1: Dette ser ut som et ansvarspunkt, men kan ikke leses:`,
    );
    expect(log()).toBe(before);
  });

  it('a save that leaves out an approved clause is saved with a warning that names it', async () => {
    const start = current.indexOf(opening);
    const end = current.indexOf('\n:::\n', start) + 5;
    const markdown = current.slice(0, start) + current.slice(end + 1);
    const res = await kari
      .put('/api/agreements/fjordvik-ramme')
      .send({ markdown, baseRev, reason: 'Tar ut et punkt' })
      .expect(200);
    expect(res.body.messages).toContainEqual(
      expect.objectContaining({
        line: 2,
        column: 1,
        severity: 'warning',
        rule: 'clause-removed',
        message: expect.stringContaining(
          'Punktet «Lærling uten læreplass» (uten-laereplass) står i den godkjente versjonen, men ikke i denne teksten.',
        ),
      }),
    );
    expect(
      res.body.messages.filter((message: { rule: string }) => message.rule === 'clause-removed'),
    ).toHaveLength(1);
  });

  it('a grey zone given an owner with its text left is saved with a warning the approvers see', async () => {
    const latest = git(server.dataDir, ['show', 'HEAD:avtaler/fjordvik-ramme.md']);
    const rev = git(server.dataDir, ['log', '-1', '--format=%H', '--', 'avtaler/fjordvik-ramme.md']).trim();
    // From tomorrow: an approved text never applies back in time.
    const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const markdown = latest
      .replace(
        '#pc-utstyr status=uavklart eskalering=Samarbeidsutvalget',
        '#pc-utstyr ansvarlig=nav-fjordvik',
      )
      .replace(/^gyldig-fra: .*$/m, `gyldig-fra: ${from}`);
    expect(markdown).not.toBe(latest);
    const saved = await kari
      .put('/api/agreements/fjordvik-ramme')
      .send({ markdown, baseRev: rev, reason: 'NAV tar PC-saken' })
      .expect(200);
    const said =
      'Klausul «pc-utstyr» er avklart med «nav-fjordvik» som ansvarlig, men teksten sier at saken ikke er avklart («er ikke avklart»).';
    expect(saved.body.messages).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        rule: 'status-wording',
        message: expect.stringContaining(said),
      }),
    );
    await kari.post('/api/agreements/fjordvik-ramme/submit').send({}).expect(200);
    const page = await kari.get('/avtaler/fjordvik-ramme/godkjenn').expect(200);
    expect(page.text).toContain('Se over dette før du godkjenner:');
    expect(page.text).toContain(said);
    expect(page.text).toContain(
      'Punktet «Lærling uten læreplass» (uten-laereplass) står i den godkjente versjonen',
    );
  });
});
