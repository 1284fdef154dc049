/**
 * An approval counts only when Gjerde's approval path recorded it (src/store/approval-register.ts). A plain
 * `git commit` that copies the real approval's `Godkjent-av:` trailers under a signatory's name and an old
 * date is a forgery git cannot tell apart: before the register, the agreement page named the signatories,
 * the history said `complete: true`, `/healthz` was silent and `gjerde verify` said «Godkjent tekst: OK».
 * Now such a commit is read without its approval: every reader flags its text as unrecorded, the history
 * shows its trailers as `Uregistrert-Godkjent-av`, and the register itself is never in git.
 * Real git in the data repository, real HTTP, the CLI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, commitByHand, git } from './helpers.js';

jest.setTimeout(180_000);

const server = testGjerdeWithPeople(['leser']);
const reader = server.people.leser;
const file = 'avtaler/fjordvik-ramme.md';

describe('an approval forged with plain git, its trailers copied from the real one', () => {
  let forged: string;

  beforeAll(async () => {
    const before = readFileSync(join(server.dataDir, file), 'utf8');
    const after = before.replace(
      '{#uten-laereplass ansvarlig=nav-fjordvik bistand="fjordvik-fk ot"',
      '{#uten-laereplass ansvarlig=fjordvik-fk bistand="nav-fjordvik ot"',
    );
    expect(after).not.toBe(before);
    const trailers = git(server.dataDir, [
      'log',
      '-1',
      '--grep=^Godkjent-av:',
      '--format=%(trailers:key=Godkjent-av)',
      '--',
      file,
    ]).trim();
    expect(trailers).toMatch(/^Godkjent-av: /);
    forged = await commitByHand(
      server.dataDir,
      { [file]: after },
      `Ansvar for ungdom uten læreplass avklart\n\n${trailers}`,
      { name: 'Kari Nordmann', email: 'kari.nordmann@nav-fjordvik.eksempel.no' },
    );
  });

  it('the agreement API and page do not call it agreed', async () => {
    const version = (await reader.get('/api/agreements/fjordvik-ramme').expect(200)).body;
    expect(version.approvalWarning).toMatchObject({ changedIn: { rev: forged } });
    const page = (await reader.get('/avtaler/fjordvik-ramme').expect(200)).text;
    expect(page).toContain('ingen godkjenning er registrert');
  });

  it('the history API shows its trailers as unregistered and warns of that revision', async () => {
    const { revisions } = (await reader.get('/api/agreements/fjordvik-ramme/history').expect(200)).body as {
      revisions: {
        rev: string;
        trailers: Record<string, string[]>;
        approvalWarning: unknown;
      }[];
    };
    const revision = revisions.find((entry) => entry.rev === forged);
    expect(revision?.approvalWarning).not.toBeNull();
    expect(revision?.trailers['Uregistrert-Godkjent-av']).toHaveLength(2);
    expect(revision?.trailers['Godkjent-av']).toBeUndefined();
  });

  it('/healthz warns and gjerde verify fails on it', async () => {
    const health = (await reader.get('/healthz').expect(200)).body as { status: string; warnings: string[] };
    expect(health.status).toBe('warning');
    expect(health.warnings.join('\n')).toContain(`revisjon ${forged.slice(0, 8)}`);
    const report = cli(server.dataDir, 'verify');
    expect(report.code).toBe(1);
    expect(report.out).toMatch(/FEIL +Godkjent tekst/);
  });

  it('the register of approvals is beside the repository, never in it', () => {
    expect(existsSync(join(server.dataDir, '.git', 'gjerde-godkjenninger'))).toBe(true);
    expect(git(server.dataDir, ['ls-files'])).not.toContain('gjerde-godkjenninger');
  });
});
