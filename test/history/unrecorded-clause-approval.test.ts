/**
 * A clause's history says a change was approved only when an approval gave it. A plain `git commit` that gave
 * #under-18 to NAV and kept `status: godkjent` was listed as «Lagret som godkjent versjon, gyldig fra …» (the
 * history's `approvedIn` was read from the status line alone), though no party approved it: the agreement's
 * page, the lookup and `gjerde verify` call it a text without a recorded approval. Real git store in a temp
 * folder, a plain commit, real HTTP.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { commitByHand } from '../repository/helpers.js';

jest.setTimeout(180_000);

const server = testGjerdeWithPeople(['leser']);
const reader = server.people.leser;
const file = 'avtaler/fjordvik-ramme.md';

interface ClauseChangeJson {
  rev: string;
  kind: string;
  agreementStatus: string | null;
  approvedIn: { rev: string } | null;
}

describe('a clause changed with plain git, status: godkjent kept', () => {
  let plainRev: string;

  beforeAll(async () => {
    const before = await readFile(join(server.dataDir, file), 'utf8');
    const changed = before.replace('{#under-18 ansvarlig=ot ', '{#under-18 ansvarlig=nav-fjordvik ');
    expect(changed).not.toBe(before);
    expect(changed).toMatch(/^status: godkjent$/m);
    plainRev = await commitByHand(server.dataDir, { [file]: changed }, 'NAV tar under 18');
  });

  it('is not said to be approved, in the API or on the page', async () => {
    const history = (await reader.get('/api/agreements/fjordvik-ramme/clauses/under-18/history').expect(200))
      .body as { changes: ClauseChangeJson[] };
    const plain = history.changes.find((change) => change.rev === plainRev);
    expect(plain).toMatchObject({ kind: 'changed', agreementStatus: 'godkjent', approvedIn: null });
    // The changes before it that an approval gave still say so.
    expect(history.changes.filter((change) => change.approvedIn !== null).length).toBeGreaterThan(0);

    const page = (await reader.get('/avtaler/fjordvik-ramme/punkter/under-18/historikk').expect(200)).text
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(page).toContain(
      'Endringen er ikke godkjent: den ble lagret med «status: godkjent», men ingen godkjenning av denne teksten er registrert.',
    );
  });
});
