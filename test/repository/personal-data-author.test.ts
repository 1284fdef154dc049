/**
 * A fødselsnummer in a commit's author or message, committed with plain git (Gjerde refuses one in every
 * save): before, the version stayed valid and the number was served as `revision.author` and
 * `revision.reason` by the agreement API, its page and the history API. Now the store reads such a commit
 * with its author and reason held back, everywhere, and `/healthz` and `gjerde verify` report it as they
 * report a held-back file, without the number. Real git, real HTTP, the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { HELD_BACK_PERSON } from '../../src/store/store.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, commitByHand } from './helpers.js';

jest.setTimeout(180_000);

const server = testGjerdeWithPeople(['leser']);
const reader = server.people.leser;
const file = 'avtaler/sorholm-avtale.md';
const number = '15070412397';
/** The number as written, and as digits in any JSON or HTML that says it back. */
const expectNoNumber = (text: string) => expect(text.replace(/\D+/g, ' ')).not.toContain(number);

describe('a fødselsnummer in a plain commit’s message and author', () => {
  let rev: string;

  beforeAll(async () => {
    const before = readFileSync(join(server.dataDir, file), 'utf8');
    const after = before.replace(/^revideres: .*$/m, 'revideres: 2027-09-01');
    expect(after).not.toBe(before);
    rev = await commitByHand(server.dataDir, { [file]: after }, `Gjelder gutten ${number}`, {
      name: `Gutt ${number}`,
      email: 'x@x',
    });
  });

  it('is held back in the agreement API and page', async () => {
    const api = await reader.get('/api/agreements/sorholm-avtale').expect(200);
    expectNoNumber(api.text);
    expect(api.body.revision).toMatchObject({ rev, author: HELD_BACK_PERSON, reason: HELD_BACK_PERSON });
    const page = (await reader.get('/avtaler/sorholm-avtale').expect(200)).text;
    expectNoNumber(page);
  });

  it('is held back in the history API and page', async () => {
    const history = await reader.get('/api/agreements/sorholm-avtale/history').expect(200);
    expectNoNumber(history.text);
    expect(history.text).toContain(HELD_BACK_PERSON);
    expectNoNumber((await reader.get('/avtaler/sorholm-avtale/historikk').expect(200)).text);
  });

  it('/healthz and gjerde verify report it, without the number', async () => {
    const health = await reader.get('/healthz').expect(200);
    expect(health.body.status).toBe('warning');
    expectNoNumber(health.text);
    expect(health.text).toContain(`${file}: Forfatter eller begrunnelse er holdt tilbake`);
    expect(health.text).toContain(rev.slice(0, 8));
    const report = cli(server.dataDir, 'verify');
    expect(report.code).toBe(1);
    expectNoNumber(report.out + report.err);
    expect(report.out).toContain(rev.slice(0, 8));
  });
});
