/**
 * What counts as agreed must be true after a bad plain-git commit is undone. Found by a stranger: a commit
 * outside Gjerde moved Sørholm's `gyldig-fra` to a later day and gave a clause to another party, keeping
 * `status: godkjent`; `git revert` put the approved text back, but versions are placed by `gyldig-fra`, so
 * the revert landed in the past and the unapproved version stayed in force from its own later first day: in
 * the lookup, the agreement page and the history, while the API and `gjerde verify` called all well and
 * `--seal` would have sealed it. An unrecorded text counts only while no later version withdraws it; it is
 * never sealed. And one unapproved «real» file, committed by hand, took every example out of the lookup.
 * Real git store in a temp folder, plain git commits, the composed service over real HTTP, the CLI.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { authorEnv } from '../helpers/git.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, commitByHand, git } from './helpers.js';

jest.setTimeout(180_000);

const server = testGjerdeWithPeople(['leser']);
const reader = server.people.leser;

const file = (id: string) => `avtaler/${id}.md`;
const mallory = { name: 'Mallory', email: 'mallory@example.org' };
/** A day after the first day Mallory's version gave itself: before the fix, it was in force then. */
const askedOn = '2027-01-15';

async function atHead(id: string): Promise<string> {
  return readFile(join(server.dataDir, file(id)), 'utf8');
}

describe('a plain-git change to an approved agreement, reverted', () => {
  let malloryRev: string;
  let revertRev: string;

  beforeAll(async () => {
    const before = await atHead('sorholm-avtale');
    const changed = before
      .replace(/^gyldig-fra: 2024-08-15$/m, 'gyldig-fra: 2026-12-01')
      .replace('{#sluttet ansvarlig=ot-sorholm', '{#sluttet ansvarlig=nav-sorholm');
    expect(changed).toMatch(/^gyldig-fra: 2026-12-01$/m);
    expect(changed).toContain('{#sluttet ansvarlig=nav-sorholm');
    malloryRev = await commitByHand(
      server.dataDir,
      { [file('sorholm-avtale')]: changed },
      'Endret ansvar for sluttet',
      mallory,
    );
    git(
      server.dataDir,
      ['revert', '--no-edit', malloryRev],
      authorEnv({ name: 'Tester', email: 't@example.org' }),
    );
    revertRev = git(server.dataDir, ['rev-parse', 'HEAD']).trim();
    expect(await atHead('sorholm-avtale')).toBe(before);
  });

  it('the lookup answers from the approved text again, without a warning', async () => {
    const answer = (
      await reader
        .get('/api/lookup')
        .query({ q: 'har sluttet på skolen i Sørholm', agreement: 'sorholm-avtale', at: askedOn, full: '1' })
        .expect(200)
    ).body as LookupAnswer;
    const result = answer.results.find((candidate) => candidate.clauseId === 'sluttet');
    expect(result?.owner?.id).toBe('ot-sorholm');
    // The revert put the approved file back byte for byte: the answer names that approved version, and the
    // revert as the commit that put it back (src/web/lookup-restored.ts).
    const approvedRev = git(server.dataDir, [
      'log',
      '-1',
      '--format=%H',
      `${malloryRev}~1`,
      '--',
      file('sorholm-avtale'),
    ]).trim();
    expect(result?.revision.rev).toBe(approvedRev);
    expect((result as { restoredBy?: { rev: string } } | undefined)?.restoredBy?.rev).toBe(revertRev);
    expect(result?.approvalWarning).toBeNull();
  });

  it('the API and the history say the same: the approved text the revert put back is in force, Mallory’s version never was', async () => {
    // The revert is the approved file byte for byte, so it is that approved version (src/domain/restored-text.ts).
    const approvedRev = git(server.dataDir, [
      'log',
      '-1',
      '--format=%H',
      `${malloryRev}~1`,
      '--',
      file('sorholm-avtale'),
    ]).trim();
    const version = (await reader.get('/api/agreements/sorholm-avtale').query({ at: askedOn }).expect(200))
      .body as { revision: { rev: string }; approvalWarning: unknown };
    expect(version.revision.rev).toBe(approvedRev);
    expect(version.approvalWarning).toBeNull();

    const history = (await reader.get('/api/agreements/sorholm-avtale/history').expect(200)).body as {
      revisions: { rev: string; inForce: { from: string; to: string | null }[]; approvalWarning: unknown }[];
    };
    const entry = (rev: string) => history.revisions.find((candidate) => candidate.rev === rev);
    expect(entry(malloryRev)?.inForce).toEqual([]);
    expect(entry(malloryRev)?.approvalWarning).not.toBeNull();
    expect(entry(revertRev)?.inForce).toEqual([]);
    expect(entry(approvedRev)?.inForce).toEqual([{ from: '2024-08-15', to: null }]);
  });

  it('`gjerde verify` finds the text in force approved, and `--seal` never seals Mallory’s version', () => {
    const report = cli(server.dataDir, 'verify');
    expect(report.out).toMatch(/OK +Godkjent tekst/);
    expect(report.out).not.toContain(malloryRev.slice(0, 8));
    cli(server.dataDir, 'verify', '--seal');
    const seals = git(server.dataDir, ['tag', '--list', 'godkjent/sorholm-avtale/*']);
    expect(seals).toContain(revertRev.slice(0, 12));
    expect(seals).not.toContain(malloryRev.slice(0, 12));
  });
});

describe('a «real» agreement committed by hand, with no recorded approval', () => {
  it('does not take the example agreements out of the lookup', async () => {
    const question = 'fikk ikke læreplass';
    const before = (await reader.get('/api/lookup').query({ q: question }).expect(200)).body as LookupAnswer;
    expect(before.results.some((result) => result.example)).toBe(true);

    const real = (await atHead('sorholm-avtale'))
      .replace(/^id: sorholm-avtale$/m, 'id: sorholm-ekte')
      .replace(/^eksempel: true\n/m, '');
    expect(real).not.toMatch(/^eksempel:/m);
    await commitByHand(server.dataDir, { [file('sorholm-ekte')]: real }, 'Ekte avtale', mallory);

    const after = (await reader.get('/api/lookup').query({ q: question }).expect(200)).body as LookupAnswer;
    expect(after.emptyBecause).toBeNull();
    expect(after.results.some((result) => result.example)).toBe(true);
  });
});
