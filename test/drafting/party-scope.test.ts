/**
 * A party grant means one party: `fylket-fk` is Fjordvik fylkeskommune in one county's agreements and Dalheim
 * fylkeskommune in another's (as `ot` and `vgs` are in the examples), so only a grant qualified by county
 * (`Dalheim/fylket-fk`) approves or edits for it, and an unqualified one approves nothing. An id with the same name in both counties (`nav-fjordvik`) works unqualified.
 * Real git, real HTTP, signed-in accounts.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { signedInAs } from '../helpers/accounts.js';
import { type SignedIn, testGjerdeWithPeople } from '../helpers/gjerde.js';

// Each test signs in the person its grant is about.
const server = testGjerdeWithPeople([]);

/** An agreement awaiting approval in `county`, whose county party has the id `fylket-fk` in both counties. */
function agreement(id: string, county: string, countyName: string): string {
  return `---
id: ${id}
tittel: Avtale mellom OT og NAV Fjordvik i ${county}
type: ramme
fylke: ${county}
status: til-godkjenning
gyldig-fra: 2027-01-01
revideres: 2028-01-01
eskalering: Lederne for partene
parter:
  - id: nav-fjordvik
    navn: NAV Fjordvik
  - id: fylket-fk
    navn: ${countyName}
---

# Avtale mellom OT og NAV Fjordvik i ${county}

## 1 Formål {#formal}

OT og NAV Fjordvik samarbeider om ungdom som trenger oppfølging.
`;
}

const person = (username: string, roles: string[], parties: string[]) => ({
  username,
  name: `Test ${username}`,
  email: `${username}@example.no`,
  roles: roles as never,
  parties,
});

beforeAll(async () => {
  const author = { name: 'Rita Redaktør', email: 'rita@fjordvik.example' };
  for (const [id, county, name] of [
    ['ot-fjordvik-test', 'Fjordvik', 'Fjordvik fylkeskommune'],
    ['ot-dalheim-test', 'Dalheim', 'Dalheim fylkeskommune'],
  ] as const)
    await server.gjerde.store.commitFile(`avtaler/${id}.md`, agreement(id, county, name), {
      author,
      reason: 'Til godkjenning',
    });
});

const approve = (agent: SignedIn, id: string, party: string) =>
  agent.post(`/api/agreements/${id}/approvals`).send({ role: 'Leder', party });

/** Saves the agreement with a sentence added at its end, expecting `status`. */
async function edit(agent: SignedIn, id: string, status: number) {
  const current = (await agent.get(`/api/agreements/${id}`).expect(200)).body as {
    markdown: string;
    revision: { rev: string };
  };
  return agent
    .put(`/api/agreements/${id}`)
    .send({
      markdown: `${current.markdown.trimEnd()} Partene møtes jevnlig.\n`,
      baseRev: current.revision.rev,
      reason: 'Endring',
    })
    .expect(status);
}

describe('a party grant qualified by county', () => {
  it("lets an editor for Dalheim's OT edit Dalheim's agreement, not Fjordvik's OT agreement", async () => {
    const editor = await signedInAs(
      server.app,
      server.gjerde.accounts,
      person('dalheim-ot-redaktor', ['redaktor'], ['Dalheim/ot']),
    );
    await edit(editor, 'fjordvik-ot-nav', 403);
    await edit(editor, 'dalheim-avtale', 200);
  });

  it("lets Dalheim's county approver approve Dalheim's agreement, and neither approve nor edit Fjordvik's", async () => {
    const dalheimOt = await signedInAs(
      server.app,
      server.gjerde.accounts,
      person('dalheim-ot', ['godkjenner', 'redaktor'], ['Dalheim/fylket-fk']),
    );
    const refused = await approve(dalheimOt, 'ot-fjordvik-test', 'fylket-fk').expect(403);
    expect(refused.body.error).toContain('Du representerer ingen av partene');
    await edit(dalheimOt, 'ot-fjordvik-test', 403);
    await approve(dalheimOt, 'ot-dalheim-test', 'fylket-fk').expect(201);
  });

  it('refuses an unqualified ambiguous grant, saying why', async () => {
    const anyOt = await signedInAs(
      server.app,
      server.gjerde.accounts,
      person('hvilken-ot', ['godkjenner', 'redaktor'], ['fylket-fk']),
    );
    const reason =
      'Du har parten «fylket-fk», men den betyr ulike parter: Dalheim fylkeskommune og Fjordvik fylkeskommune. En administrator må velge fylke for parten på «Brukere».';
    const refused = await approve(anyOt, 'ot-fjordvik-test', 'fylket-fk').expect(403);
    expect(refused.body.error).toBe(reason);
    const notSaved = await edit(anyOt, 'ot-dalheim-test', 403);
    expect(notSaved.body.error).toBe(`Du kan ikke endre denne avtalen. ${reason}`);
  });

  it('keeps an id with the same party in both counties unqualified', async () => {
    const nav = await signedInAs(
      server.app,
      server.gjerde.accounts,
      person('nav-begge', ['godkjenner'], ['nav-fjordvik']),
    );
    await approve(nav, 'ot-fjordvik-test', 'nav-fjordvik').expect(201);
    await approve(nav, 'ot-dalheim-test', 'nav-fjordvik').expect(201);
  });

  it('the users API refuses a county or party no agreement names, and an id that names several', async () => {
    const admin = await signedInAs(server.app, server.gjerde.accounts, {
      username: 'admin',
      name: 'Adam Admin',
      email: 'admin@fjordvik.example',
      roles: ['admin'],
    });
    const add = (parties: string[]) =>
      admin.post('/api/admin/users').send({
        username: `u${parties.length}${Date.now() % 1000}`,
        name: 'Ny Bruker',
        email: 'ny@example.no',
        roles: ['godkjenner'],
        parties,
      });
    const county = await add(['Atlantis/ot']).expect(400);
    expect(JSON.stringify(county.body)).toContain('Ingen avtale gjelder fylket «Atlantis»');
    const party = await add(['Dalheim/ot', 'Dalheim/vgs-ukjent']).expect(400);
    expect(JSON.stringify(party.body)).toContain('Ingen avtale i Dalheim har parten «vgs-ukjent»');
    // An unqualified ambiguous id would give nothing: the admin is told which grants mean one party.
    const ambiguous = await add(['ot']).expect(400);
    expect(JSON.stringify(ambiguous.body)).toMatch(/«ot» er en annen part i hvert av fylkene .*Dalheim/);
    expect(JSON.stringify(ambiguous.body)).toMatch(/Velg fylket: .*Dalheim\/ot/);
    await add(['Dalheim/ot', 'nav-fjordvik', 'nav-lyngmark']).expect(201);
  });
});
