/**
 * What the history calls a revision is what its commit recorded, not what the file says. A plain-git rename
 * put back by `git revert` keeps `status: godkjent`, but approved nothing: it is «Lagret uten ny godkjenning»,
 * never «Versjonen godkjent» by whoever typed the command, and since it puts the approved file back byte for
 * byte, the approved version is the one in force again, never «erstattet med tilbakevirkende kraft» (found by
 * a stranger). An approval is dated by the approvals its commit
 * records, not by the commit. Real git in the seeded data repository, real HTTP.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { formatDate } from '../../src/format/wording.js';
import { authorEnv } from '../helpers/git.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, git } from '../repository/helpers.js';

jest.setTimeout(180_000);

const server = testGjerdeWithPeople(['leser']);
const gunnar = { name: 'Gunnar Git', email: 'gunnar@strandby.example' };

/** The history page's rows, each as its text with whitespace folded. */
async function rows(id: string): Promise<string[]> {
  const page = (await server.people.leser.get(`/avtaler/${id}/historikk`).expect(200)).text;
  return page
    .split('<tr class="history-row')
    .slice(1)
    .map((row) => row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
}

describe('a plain-git rename put back with git revert', () => {
  it('is a save without a new approval, and the approved version it saved again was not replaced', async () => {
    const approved = git(server.dataDir, [
      'log',
      '-1',
      '--format=%H',
      '--',
      'avtaler/strandby-lokal.md',
    ]).trim();
    git(server.dataDir, ['mv', 'avtaler/strandby-lokal.md', 'avtaler/strandby.md']);
    git(server.dataDir, ['commit', '-q', '-m', 'Kortere filnavn'], authorEnv(gunnar));
    git(server.dataDir, ['revert', '--no-edit', 'HEAD'], authorEnv(gunnar));
    const revert = git(server.dataDir, ['rev-parse', 'HEAD']).trim();
    const today = formatDate(git(server.dataDir, ['log', '-1', '--format=%aI']).trim());

    const history = await rows('strandby-lokal');
    // Each row by its own revision: the revert's row names the approved version it put back too.
    const row = (rev: string) =>
      history.find((text) => new RegExp(`Nr\\. \\d+ · revisjon ${rev.slice(0, 8)}`).test(text));
    const reverted = row(revert);
    expect(reverted).toContain(`Lagret uten ny godkjenning ${today}`);
    expect(reverted).toContain('Gunnar Git');
    expect(reverted).not.toContain('Versjonen godkjent');
    // The same file put back is the approved version again, not a new one (src/domain/restored-text.ts).
    expect(reverted).toContain(`Samme tekst som versjonen lagret`);
    expect(reverted).toContain(`(revisjon ${approved.slice(0, 8)}), lagt tilbake uendret: ingen ny versjon.`);
    const original = row(approved);
    expect(original).toMatch(/Versjonen godkjent \d+\. \w+ \d{4}/);
    expect(original).toContain('(gjeldende i dag)');
    expect(original).not.toContain('tilbakevirkende');
    // The same words on that version's own page and from the command line.
    const versionPage = (
      await server.people.leser
        .get('/avtaler/strandby-lokal')
        .query({ rev: approved.slice(0, 12) })
        .expect(200)
    ).text.replace(/\s+/g, ' ');
    expect(versionPage).not.toContain('En ny versjon er godkjent');
    expect(versionPage).not.toContain('tilbakevirkende');
    const printed = cli(server.dataDir, 'history', 'strandby-lokal');
    expect(printed.out).not.toContain('tilbakevirkende');
    expect(printed.out).toMatch(
      new RegExp(
        `^${revert.slice(0, 8)} .* Gunnar Git: Revert .*\n {10}Lagret uten ny godkjenning. Samme tekst som versjonen lagret`,
        'm',
      ),
    );
  });
});

describe('an approval recorded some days after it was given', () => {
  it('is headed by the day of the approvals, the day it was recorded apart', async () => {
    // fjordvik-ramme 2018: signed by both parties 14 December, recorded with its text on the 17th.
    const history = await rows('fjordvik-ramme');
    const approval = history.find((row) => row.includes('Hilde Strand for NAV Fjordvik (14. desember 2018)'));
    expect(approval).toContain('Versjonen godkjent 14. desember 2018 (registrert 17. desember 2018)');
    expect(history.join('\n')).not.toContain('Versjonen godkjent 17. desember 2018');
  });
});
