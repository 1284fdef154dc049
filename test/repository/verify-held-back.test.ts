/**
 * `gjerde verify` and a «godkjent» text held back for a fødselsnummer. Such a version is invalid: never in
 * force, never approved in any reader's eyes (src/domain/stored.ts), even when the commit that made it
 * carries recorded approval trailers. Verify must not count it among the approved versions, nor seal it
 * as one (a seal is what auditors read as «this approved text is unchanged»).
 */

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { COMMITTER } from '../../src/store/store.js';
import { registerApprovalAtHead } from '../helpers/git.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, git } from './helpers.js';

jest.setTimeout(120_000);

/** A generated fødselsnummer (valid check digits), as in personal-data-held-back.test.ts. */
const number = '15080510044';
const file = 'avtaler/fjordvik-ramme.md';

function report(dataDir: string, ...args: string[]) {
  const run = cli(dataDir, 'verify', '--json', ...args);
  return { code: run.code, report: JSON.parse(run.out) as { counts: { approved: number; sealed: number } } };
}

describe('an approved text held back for a fødselsnummer', () => {
  const server = testGjerdeWithPeople([]);

  it('is not counted or sealed as an approved version by gjerde verify', async () => {
    const before = report(server.dataDir).report.counts;
    const trailers = git(server.dataDir, [
      'log',
      '-1',
      '--grep=^Godkjent-av:',
      '--format=%(trailers:key=Godkjent-av)',
      '--',
      file,
    ]).trim();
    const lines = git(server.dataDir, ['show', `HEAD:${file}`]).split('\n');
    const at = lines.findIndex((text) => text.startsWith(':::ansvar')) + 1;
    lines.splice(at + 1, 0, `Gjelder eleven ${number}.`, '');
    await writeFile(join(server.dataDir, file), lines.join('\n'));
    git(server.dataDir, ['commit', '-q', '-a', '-m', `Godkjent tekst\n\n${trailers}`], {
      GIT_AUTHOR_NAME: 'Per Olav Vik',
      GIT_AUTHOR_EMAIL: 'per.olav.vik@nav.example',
      GIT_COMMITTER_NAME: COMMITTER.name,
      GIT_COMMITTER_EMAIL: COMMITTER.email,
    });
    registerApprovalAtHead(server.dataDir);
    const held = git(server.dataDir, ['rev-parse', 'HEAD']).trim();

    const after = report(server.dataDir, '--seal');
    expect(after.report.counts.approved).toBe(before.approved);
    const tags = git(server.dataDir, ['tag', '-l', 'godkjent/*']);
    expect(tags).not.toContain(held.slice(0, 12));
    expect(JSON.stringify(after.report)).not.toContain(number);
  });
});
