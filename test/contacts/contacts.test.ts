/**
 * The contact register (src/contacts): which OT contact serves which NAV office and municipality and the
 * other way round, kept in the data repository per county, each side changed by its own editors, one
 * commit per change; staff only, and never a fødselsnummer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { partyDirectory } from '../../src/access/party-grants.js';
import type { Principal } from '../../src/access/principal.js';
import { parseRegisterFile } from '../../src/domain/contact-file.js';
import { otContact } from '../helpers/contacts.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { nationalId } from '../security/hostile-cases.js';

const person = (username: string, name: string, scope: Partial<Principal>): Principal => ({
  username,
  name,
  email: `${username}@fjordvik.example`,
  roles: ['redaktor'],
  parties: [],
  counties: [],
  // As a request reads grants: no agreement here names a party id differently in two counties.
  partyDirectory: partyDirectory([]),
  ...scope,
});
/** An editor for the county authority (and so for OT), for NAV in Fjordvik, and for another county. */
const ola = person('ola', 'Ola Nordmann', { parties: ['fjordvik-fk'] });
const kari = person('kari', 'Kari Nordmann', { parties: ['nav-fjordvik'] });
const una = person('una', 'Una Utenfor', { counties: ['Nordfylket'], parties: ['nav-nordfylket'] });

describe('the contact register', () => {
  let server: Awaited<ReturnType<typeof startTestGjerde>>;
  beforeAll(async () => {
    server = await startTestGjerde();
  });
  afterAll(async () => server?.stop());

  it('finds both sides for a NAV office, and for a municipality through the offices that serve it', async () => {
    const { contacts } = server.gjerde;
    const forOffice = await contacts.find({ offices: ['nav-strandby'] });
    expect(forOffice.map((contact) => [contact.side, contact.name])).toEqual([
      ['fylkeskommune', 'Jon Prøve'],
      ['nav', 'Per Fiktiv'],
    ]);
    const forMunicipality = await contacts.find({ municipality: 'vikøy' });
    expect(forMunicipality.map((contact) => contact.name)).toEqual([
      'Jon Prøve',
      'Sara Demo',
      'Maria Testesen',
    ]);
    expect(forMunicipality[0]?.officeNames).toEqual(['NAV Fjordvik', 'NAV Strandby']);
    // The other way round: the offices and municipalities one OT contact serves.
    const jon = (await contacts.all('Fjordvik')).find((contact) => contact.id === 'jon-prove');
    expect(jon?.serves).toEqual(['Strandby', 'Fjordvik', 'Vikøy', 'Berg']);
  });

  it('keeps its history: a contact replaced is a commit, not a new agreement', async () => {
    const history = await server.gjerde.contacts.history('Fjordvik');
    expect(history.map((revision) => revision.reason.split('\n')[0])).toEqual([
      'Ny OT-kontakt for NAV Fjordvik',
      'Kontaktregister for Fjordvik, flyttet ut av avtalene',
    ]);
  });

  it('is changed by each side’s own editors, one commit in their name', async () => {
    const perFiktiv = {
      side: 'nav',
      name: 'Per Fiktiv',
      role: 'Ungdomskontakt',
      phone: '+47 000 00 999',
      offices: ['nav-strandby'],
    };
    const { contacts, store } = server.gjerde;
    const added = await contacts.save('Fjordvik', undefined, otContact('Ny Kollega'), ola);
    expect(added.id).toBe('ny-kollega');
    const [last] = await store.history('kontakter/fjordvik.yaml');
    expect(last?.author.name).toBe('Ola Nordmann');
    expect(last?.reason).toBe('Kontaktregisteret for Fjordvik: ny kontakt Ny Kollega (OT-rådgiver)');
    await expect(
      contacts.save('Fjordvik', 'ny-kollega', otContact('Ny Kollega', { role: 'OT' }), kari),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(contacts.save('Fjordvik', 'per-fiktiv', perFiktiv, ola)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await contacts.save('Fjordvik', 'per-fiktiv', perFiktiv, kari);
    expect(
      (await contacts.find({ offices: ['nav-strandby'] })).find((contact) => contact.id === 'per-fiktiv')
        ?.phone,
    ).toBe('+47 000 00 999');
    await expect(contacts.remove('Fjordvik', 'ny-kollega', una)).rejects.toMatchObject({ code: 'forbidden' });
    await contacts.remove('Fjordvik', 'ny-kollega', ola);
    expect((await contacts.all('Fjordvik')).some((contact) => contact.id === 'ny-kollega')).toBe(false);
  });

  it('refuses what is not a staff contact, and writes nothing', async () => {
    const { contacts, store } = server.gjerde;
    const head = await store.head();
    const base = otContact('Ny Kollega');
    await expect(
      contacts.save('Fjordvik', undefined, { ...base, role: `Følger opp ${nationalId(8)}` }, ola),
    ).rejects.toMatchObject({ code: 'personal-data' });
    await expect(
      contacts.save('Fjordvik', undefined, { ...base, municipalities: [`Strandby ${nationalId(9)}`] }, ola),
    ).rejects.toMatchObject({ code: 'personal-data' });
    await expect(
      contacts.save('Fjordvik', undefined, { ...base, email: 'ikke en adresse' }, ola),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(
      contacts.save('Fjordvik', undefined, { ...base, offices: 'nav-oslo' }, ola),
    ).rejects.toMatchObject({
      details: {
        problems: [
          {
            variable: 'offices',
            message: 'Fjordvik har ikke NAV-kontoret «nav-oslo». Kontorene er NAV Fjordvik, NAV Strandby.',
          },
        ],
      },
    });
    await expect(
      contacts.save('Fjordvik', undefined, { ...base, fodselsnummer: '1' }, ola),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await store.head()).toBe(head);
  });

  it('reads a hand-written file with messages by line and column', () => {
    const text =
      'fylke: Fjordvik\nnav-kontorer:\n  - id: nav-a\n    navn: NAV A\nkontakter:\n  - id: en\n    side: ot\n    navn: En\n    rolle: OT\n    epost: en@a.example\n    nav-kontorer: [nav-b]\n';
    const parsed = parseRegisterFile(text, 'kontakter/fjordvik.yaml');
    expect(parsed.ok).toBe(false);
    expect(parsed.messages.map((message) => [message.line, message.column, message.message])).toEqual([
      [7, 11, '«side» er «fylkeskommune» eller «nav».'],
      [11, 19, 'NAV-kontoret «nav-b» står ikke under «nav-kontorer».'],
    ]);
    expect(
      parseRegisterFile(
        text.replace('side: ot', 'side: nav').replace('[nav-b]', '[nav-a]'),
        'kontakter/dalheim.yaml',
      ).messages[0]?.message,
    ).toBe(
      'Kontaktregisteret for Fjordvik skal ligge i kontakter/fjordvik.yaml: fylkesnavnet skrives med små bokstaver, bindestrek i stedet for mellomrom og æ, ø, å som ae, o, a.',
    );
  });
});
