/**
 * The shared glossary and a contact register travel with the data repository like agreements and cases: two
 * instances on one bare remote, real git and real HTTP. Terms added on both sides at once are both kept,
 * and a contact changed on one side reaches the other; nothing is forced, nothing lost.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { partyDirectory } from '../../src/access/party-grants.js';
import type { Principal } from '../../src/access/principal.js';
import { writeRegisterFile } from '../../src/domain/contact-file.js';
import { glossaryPath, parseGlossaryFile, writeGlossaryFile } from '../../src/domain/glossary-file.js';
import { git, type Instance, type Pair, settled, startPair, webhook } from '../sync/instances.js';

let pair: Pair;
let remote: string;
let a: Instance;
let b: Instance;

const editor = (name: string): Principal => ({
  username: name.toLowerCase(),
  name,
  email: `${name.toLowerCase()}@testfylke.example`,
  roles: ['redaktor'],
  parties: ['nav-test'],
  counties: ['Testfylke'],
  // As a request reads grants: no agreement here names a party id differently in two counties.
  partyDirectory: partyDirectory([]),
});

beforeAll(async () => {
  pair = await startPair('gjerde-glossary-sync-', async (first) => {
    const author = { name: 'Kari Nordmann', email: 'kari@nav.example' };
    await first.gjerde.store.commitFile(
      glossaryPath,
      writeGlossaryFile([
        { term: 'OT', aliases: ['oppfølgingstjenesten'], definition: 'Fylkeskommunens tjeneste.' },
      ]),
      { author, reason: 'Begrepsliste' },
    );
    await first.gjerde.store.commitFile(
      'kontakter/testfylke.yaml',
      writeRegisterFile({
        county: 'Testfylke',
        offices: [{ id: 'nav-test', name: 'NAV Test', municipalities: ['Testby'] }],
        contacts: [
          {
            id: 'ola-test',
            side: 'nav',
            name: 'Ola Test',
            role: 'Ungdomskontakt',
            email: 'ola@nav.example',
            offices: ['nav-test'],
            municipalities: [],
          },
        ],
      }),
      { author, reason: 'Kontaktregister' },
    );
    // Commits made through the store, not a service, push on the webhook.
    await webhook(first);
  });
  ({ remote, a, b } = pair);
}, 120_000);
afterAll(() => pair?.stop());

describe('the glossary and the contacts between two instances', () => {
  it('keeps terms added on both sides at once, and brings a changed contact to the other side', async () => {
    // b has not fetched a's term: its commits diverge, and its push merges.
    await a.gjerde.glossary.save(
      undefined,
      { term: 'Aktivitetsplan', definition: 'NAVs plan.' },
      editor('Anne'),
    );
    await settled(a);
    await b.gjerde.glossary.save(
      undefined,
      { term: 'Ungdomsrett', definition: 'Retten til vgo.' },
      editor('Bjørn'),
    );
    await b.gjerde.contacts.save(
      'Testfylke',
      'ola-test',
      { side: 'nav', name: 'Ola Test', role: 'Ungdomskontakt', phone: '+47 000 00 001', offices: 'nav-test' },
      editor('Bjørn'),
    );
    await settled(b);
    expect((await webhook(a)).status).toBe(200);
    const head = git(remote, 'rev-parse', 'refs/heads/main');
    expect(git(a.dataDir, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(b.dataDir, 'rev-parse', 'HEAD')).toBe(head);
    const merged = parseGlossaryFile(git(remote, 'show', `${head}:${glossaryPath}`));
    expect(merged.ok).toBe(true);
    for (const instance of [a, b]) {
      expect((await instance.gjerde.glossary.terms()).map((entry) => entry.term).sort()).toEqual([
        'Aktivitetsplan',
        'OT',
        'Ungdomsrett',
      ]);
      expect((await instance.gjerde.contacts.find({ municipality: 'Testby' }))[0]?.phone).toBe(
        '+47 000 00 001',
      );
    }
    const authors = git(remote, 'log', '--format=%an', head, '--', glossaryPath);
    expect(authors).toContain('Anne');
    expect(authors).toContain('Bjørn');
    expect(git(remote, 'fsck', '--full', '--no-dangling')).toBe('');
  });
});
