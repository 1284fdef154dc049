/**
 * An agreement's file moved with plain git (`git mv`) to a name that is not its id: its history says where the
 * file went and that Gjerde does not read it there, never that the agreement was deleted; moved back, it is
 * the agreement again. Real git (a seeded data repository), real HTTP, the CLI.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, commitByHand, git } from '../repository/helpers.js';

jest.setTimeout(120_000);

const moved =
  'Filen ble flyttet til avtaler/fjordvik-rammeavtale.md. Der leser ikke Gjerde den som denne avtalen: filnavnet må være avtalens id. Flytt den tilbake med git mv avtaler/fjordvik-rammeavtale.md avtaler/fjordvik-ramme.md.';

describe('an agreement’s file moved with plain git to a name that is not its id', () => {
  const server = testGjerdeWithPeople(['leser']);
  const reader = server.people.leser;

  it('reads as a move with what to do, on the history page, in its API and by gjerde history', async () => {
    git(server.dataDir, ['mv', 'avtaler/fjordvik-ramme.md', 'avtaler/fjordvik-rammeavtale.md']);
    await commitByHand(server.dataDir, {}, 'Ga filen et tydeligere navn');
    const page = (await reader.get('/avtaler/fjordvik-ramme/historikk').expect(200)).text;
    expect(page).toContain(moved);
    expect(page).not.toContain('Avtalen ble slettet');
    const api = (await reader.get('/api/agreements/fjordvik-ramme/history').expect(200)).body;
    expect(api.revisions[0]).toMatchObject({ kind: 'deleted', movedTo: 'avtaler/fjordvik-rammeavtale.md' });
    const history = cli(server.dataDir, 'history', 'fjordvik-ramme');
    expect(history.code).toBe(0);
    expect(history.out).toContain(moved);
    expect(history.out).not.toContain('Avtalen ble slettet');
  });

  it('moved back with plain git, is the agreement in force again', async () => {
    git(server.dataDir, ['mv', 'avtaler/fjordvik-rammeavtale.md', 'avtaler/fjordvik-ramme.md']);
    await commitByHand(server.dataDir, {}, 'Flyttet tilbake');
    const list = (await reader.get('/api/agreements').expect(200)).body.agreements as Array<{
      id: string;
      inForce: unknown;
    }>;
    expect(list.find((agreement) => agreement.id === 'fjordvik-ramme')?.inForce).not.toBeNull();
    const history = (await reader.get('/api/agreements/fjordvik-ramme/history').expect(200)).body;
    // The move away stays in the history as what it was.
    expect(history.revisions[1]).toMatchObject({
      kind: 'deleted',
      movedTo: 'avtaler/fjordvik-rammeavtale.md',
    });
  });
});
