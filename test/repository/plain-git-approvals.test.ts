/**
 * A county that brings its history in with plain git (docs/format.md, «Plain git») records no approvals:
 * its approved versions have no `Godkjent-av:` trailers, so none of them is a recorded approval. That is one
 * fact about the agreement, and the lookup page says it once, plainly, above the answer, with a tag on its
 * cards, instead of the warning about a text changed since its approval on every card. The API keeps the
 * warning on each result. The same history brought in with `gjerde import` records the approvals from its
 * signatories and is not flagged. Real git in a data repository without the examples, real HTTP.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { stringify } from 'yaml';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { tempDirForFile } from '../helpers/temp-dirs.js';
import { cli, commitByHand } from './helpers.js';

jest.setTimeout(180_000);

const root = tempDirForFile('gjerde-plain-git-');
const server = testGjerdeWithPeople(['leser'], { examplesDir: root });

/** Strandby's example agreement as another county's: approved on 16 August 2018, in force from the 20th. */
async function strandbyAs(id: string): Promise<string> {
  return (await readFile(join(projectRoot, 'agreements/strandby-lokal/2018-08-20.md'), 'utf8')).replace(
    'id: strandby-lokal',
    `id: ${id}`,
  );
}

const question = { q: 'ungdom uten skoleplass', at: '2019-01-15', scope: 'all' };

describe('an agreement committed with plain git, without its approvals', () => {
  it('is said once above the answer, not on every card; the API keeps it on each result', async () => {
    await commitByHand(
      server.dataDir,
      { 'avtaler/nordby-lokal.md': await strandbyAs('nordby-lokal') },
      'Lokal avtale godkjent i ledermøtet 16. august 2018',
    );
    const api = (
      await server.people.leser
        .get('/api/lookup')
        .query({ ...question, full: '1' })
        .expect(200)
    ).body as LookupAnswer;
    const nordby = api.results.filter((result) => result.agreementId === 'nordby-lokal');
    expect(nordby.length).toBeGreaterThan(1);
    for (const result of nordby) expect(result.approvalWarning?.approved).toBeNull();

    const page = (await server.people.leser.get('/oppslag').query(question).expect(200)).text;
    const notice = page.match(/Ingen godkjenning av «[^»]+» er registrert i Gjerde/g) ?? [];
    expect(notice).toHaveLength(1);
    expect(page).toContain(
      'avtalen er lagt inn uten at partenes godkjenning ble registrert. Svarene er fra teksten slik den står; sjekk med partene før du handler på dem.',
    );
    // Not the warning about a text changed since its approval, card after card.
    expect(page).not.toContain('Står som godkjent i fila');
    const cards = page.split('<article class="lookup-result').slice(1);
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) expect(card).toContain('Ingen registrert godkjenning');
  });

  it('brought in with gjerde import instead, its approvals are recorded and nothing is flagged', async () => {
    const folder = join(root, 'arkiv', 'sorby-lokal');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, '2018-08-20.md'), await strandbyAs('sorby-lokal'));
    await writeFile(
      join(folder, 'revisions.yaml'),
      stringify([
        {
          file: '2018-08-20.md',
          date: '2018-08-20T08:45:00+02:00',
          author: 'Sofie Dahl',
          email: 'sofie@sorby.example',
          reason: 'Lokal avtale godkjent i ledermøtet 16. august 2018',
        },
      ]),
    );
    const imported = cli(server.dataDir, 'import', folder);
    expect(imported.code).toBe(0);
    const api = (
      await server.people.leser
        .get('/api/lookup')
        .query({ ...question, full: '1' })
        .expect(200)
    ).body as LookupAnswer;
    const sorby = api.results.filter((result) => result.agreementId === 'sorby-lokal');
    expect(sorby.length).toBeGreaterThan(0);
    for (const result of sorby) expect(result.approvalWarning).toBeNull();
    const page = (await server.people.leser.get('/oppslag').query(question).expect(200)).text;
    expect(page.match(/Ingen godkjenning av «[^»]+» er registrert i Gjerde/g)).toHaveLength(1);
  });
});
