/**
 * A withdrawn text is never in force again (docs/format.md, «Tekst uten registrert godkjenning»), wherever a
 * version is chosen by `gyldig-fra`, not only in the lookup and on the agreement page. A stranger's plain
 * `git commit` moved Sørholm's `gyldig-fra` forward, gave #sluttet to NAV and wrote `fylke: Dalheim`
 * (`status: godkjent` kept); `git revert` undid it. Before, the compare page's default pair and its dates
 * still took the withdrawn version as the one in force, and the overlap check found Sørholm's agreement a
 * second Dalheim umbrella from its withdrawn first day. Real git store in a temp folder, real HTTP.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { today } from '../../src/format/dates.js';
import { authorEnv } from '../helpers/git.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { git } from './helpers.js';

jest.setTimeout(180_000);

const server = testGjerdeWithPeople(['leser']);
const reader = server.people.leser;

const file = 'avtaler/sorholm-avtale.md';
const mallory = { name: 'Mallory', email: 'mallory@example.org' };
/** Mallory's first day: not after today, so the default comparison would take it as in force. */
const malloryFrom = '2026-12-01';
const afterMallory = '2027-01-15';
/** After the withdrawn first day, before the revert was saved. */
const beforeRevert = '2026-12-03';

interface CompareSideJson {
  rev: string;
  requested: { kind: string };
  restoredBy: { rev: string } | null;
}

async function compared(query: Record<string, string>) {
  return (await reader.get('/api/agreements/sorholm-avtale/compare').query(query).expect(200)).body as {
    from: CompareSideJson;
    to: CompareSideJson;
  };
}

describe('a plain-git change to an approved umbrella agreement, reverted', () => {
  let approvedRev: string;
  let malloryRev: string;
  let revertRev: string;

  beforeAll(async () => {
    approvedRev = git(server.dataDir, ['log', '-1', '--format=%H', '--', file]).trim();
    const before = await readFile(join(server.dataDir, file), 'utf8');
    const changed = before
      .replace(/^gyldig-fra: 2024-08-15$/m, `gyldig-fra: ${malloryFrom}`)
      .replace(/^fylke: Sørholm$/m, 'fylke: Dalheim')
      .replace('{#sluttet ansvarlig=ot-sorholm', '{#sluttet ansvarlig=nav-sorholm');
    expect(changed).toMatch(/^fylke: Dalheim$/m);
    expect(changed).toContain('{#sluttet ansvarlig=nav-sorholm');
    // Saved before its first day, reverted after it: as recorded then, it stood as in force on that day.
    await writeFile(join(server.dataDir, file), changed);
    git(server.dataDir, ['add', file]);
    git(server.dataDir, ['commit', '-q', '-m', 'Endret ansvar for sluttet'], {
      ...authorEnv(mallory),
      GIT_AUTHOR_DATE: '2026-11-20T10:00:00+01:00',
    });
    malloryRev = git(server.dataDir, ['rev-parse', 'HEAD']).trim();
    git(
      server.dataDir,
      ['revert', '--no-edit', malloryRev],
      authorEnv({ name: 'Tester', email: 't@example.org' }),
    );
    revertRev = git(server.dataDir, ['rev-parse', 'HEAD']).trim();
    expect(today() > beforeRevert).toBe(true);
  });

  it('the compare page’s default pair is the approved version the revert put back, against the approved one before it', async () => {
    // The revert is the approved file byte for byte: that version is in force (src/domain/restored-text.ts),
    // and the side names the revert as the commit that put it back.
    const pair = await compared({});
    expect(pair.to.rev).toBe(approvedRev);
    expect(pair.to.restoredBy?.rev).toBe(revertRev);
    expect([approvedRev, malloryRev, revertRev]).not.toContain(pair.from.rev);
  });

  it('a date names the version in force then, never the withdrawn one', async () => {
    const byDate = await compared({ from: '2023-01-15', to: afterMallory });
    expect(byDate.to.rev).toBe(approvedRev);
    expect(byDate.from.rev).not.toBe(malloryRev);
    // Only «to» given: «from» is the approved version before it, neither the withdrawn one nor the revert.
    const toOnly = await compared({ to: afterMallory });
    expect(toOnly.to.rev).toBe(approvedRev);
    expect([approvedRev, malloryRev, revertRev]).not.toContain(toOnly.from.rev);
  });

  it('the agreement page as of a date shows the approved version the revert put back, never the withdrawn one', async () => {
    // The revert is the approved file byte for byte: that approved version is the one in force
    // (src/domain/restored-text.ts), on both sides of the revert's own day and with no note of retroactive effect.
    for (const at of [afterMallory, beforeRevert]) {
      const page = await reader.get('/avtaler/sorholm-avtale').query({ at }).expect(200);
      expect(page.text).toContain(`rev&#x3D;${approvedRev.slice(0, 12)}`);
      expect(page.text).not.toContain(`rev&#x3D;${malloryRev.slice(0, 12)}`);
      expect(page.text).not.toContain('gitt virkning');
    }
  });

  it('the overlap check finds no second Dalheim umbrella agreement', async () => {
    const dalheim = (
      await reader.get('/api/agreements/dalheim-avtale').query({ at: afterMallory }).expect(200)
    ).body as { overlaps: unknown[] };
    expect(dalheim.overlaps).toEqual([]);
    const front = await reader.get('/').expect(200);
    expect(front.text).not.toContain('gjelder begge for Dalheim');
  });
});
