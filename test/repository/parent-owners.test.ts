/**
 * A part agreement (`type: del`) that gives a clause another owner than its umbrella agreement gives the
 * clause of the same id: before, nothing said so (`gjerde validate`, `gjerde verify` and `/healthz` were
 * silent while both answered lookups). Now each says it as a warning, as for two umbrella agreements of one
 * county. Real git in the data repository, real HTTP, the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, commitByHand } from './helpers.js';

jest.setTimeout(180_000);

const server = testGjerdeWithPeople(['leser']);
const file = 'avtaler/lyngmark-nav-skole.md';
const sentence =
  'Delavtalen «lyngmark-nav-skole» gir punktet #fare-for-a-slutte ansvarlig nav-lyngmark, men rammeavtalen «lyngmark-ramme» gir det vgs-lyngmark.';

describe('a part agreement giving a clause of its umbrella agreement another owner', () => {
  beforeAll(async () => {
    const before = readFileSync(join(server.dataDir, file), 'utf8');
    const after = before.replace(
      '{#veileder-pa-skolen ansvarlig=nav-lyngmark',
      '{#fare-for-a-slutte ansvarlig=nav-lyngmark',
    );
    expect(after).not.toBe(before);
    await commitByHand(server.dataDir, { [file]: after }, 'NAV tar elever som står i fare for å slutte');
  });

  it('is a warning in /healthz', async () => {
    const health = (await server.people.leser.get('/healthz').expect(200)).body as {
      status: string;
      warnings: string[];
    };
    expect(health.status).toBe('warning');
    expect(health.warnings).toContain(sentence);
  });

  it('is a warning in gjerde verify and gjerde validate', () => {
    const report = cli(server.dataDir, 'verify');
    expect(report.out).toMatch(/ADVARSEL +Delavtaler og rammeavtalen|Delavtaler og rammeavtalen/);
    expect(report.out).toContain(sentence);
    const validated = cli(server.dataDir, 'validate');
    expect(validated.out).toContain(`${file}: advarsel: ${sentence} [parent-owner]`);
  });
});
