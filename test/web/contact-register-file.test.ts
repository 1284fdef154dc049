/**
 * A county's own contact register, written by hand and committed with plain git, keeps its form when it is
 * first changed through Gjerde: the commit changes the one entry that changed, not the quoting, comments,
 * key order or list styles of the rest. A county without a register can start one with its first NAV office,
 * and two offices covering one municipality are pointed out, in the API's answer and on the page. Real git,
 * real HTTP.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { otContact, saveContact, saveOffice } from '../helpers/contacts.js';
import { git } from '../helpers/git.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const server = testGjerdeForFile();

/** Fjordvik's register as a county might write it: its own comments, quotes, key order, flow lists. */
const handWritten = `# Fjordviks kontaktliste – vedlikeholdes av OT-koordinator.
fylke: "Fjordvik"
fylkeskommune: fjordvik-fk

nav-kontorer:
- navn: NAV Fjordvik   # hovedkontoret
  id: nav-fjordvik
  kommuner: [Fjordvik, Vikøy]
- id: nav-strandby
  navn: 'NAV Strandby'
  kommuner: [Strandby, Berg]

kontakter:
# OT
- id: sara-demo
  navn: "Sara Demo"
  side: fylkeskommune
  rolle: 'OT-rådgiver, region Fjordvik'
  telefon: "+47 000 00 102"
  nav-kontorer: [nav-fjordvik]

- id: jon-prove
  navn: Jon Prøve
  side: fylkeskommune
  rolle: OT-rådgiver, region Strandby
  epost: jon.prove@fjordvik-fk.example
  nav-kontorer: [nav-strandby]
# NAV
- id: per-fiktiv
  side: nav
  navn: Per Fiktiv
  rolle: Ungdomskontakt, NAV Strandby
  telefon: "+47 000 00 201"
  nav-kontorer: [nav-strandby]
`;

/** The lines a commit removed and added in the register, without the diff's own header lines. */
function changedLines(rev: string, path: string): string[] {
  return git(server.dataDir, 'show', '--format=', '--unified=0', rev, '--', path)
    .split('\n')
    .filter((line) => /^[-+](?![-+]{2} )/.test(line));
}

describe('a hand-written contact register', () => {
  it('changes only the entry that changed on its first save through Gjerde', async () => {
    const path = 'kontakter/fjordvik.yaml';
    writeFileSync(join(server.dataDir, path), handWritten);
    git(server.dataDir, 'add', path);
    git(
      server.dataDir,
      '-c',
      'user.name=OT',
      '-c',
      'user.email=ot@fjordvik.example',
      'commit',
      '-qm',
      'Vår egen liste',
    );
    const ola = await server.as('ola');
    const jon = otContact('Jon Prøve', {
      role: 'OT-rådgiver, region Strandby og Berg',
      offices: ['nav-strandby'],
      municipalities: [],
    });
    await saveContact(ola, 'Fjordvik', jon, { id: 'jon-prove' }).expect(200);
    expect(changedLines('HEAD', path)).toEqual([
      '-  rolle: OT-rådgiver, region Strandby',
      '+  rolle: OT-rådgiver, region Strandby og Berg',
    ]);
    const text = git(server.dataDir, 'show', `HEAD:${path}`);
    expect(text).toBe(
      handWritten.replace(
        'rolle: OT-rådgiver, region Strandby\n',
        'rolle: OT-rådgiver, region Strandby og Berg\n',
      ),
    );

    // A new contact is added last, in the file's own list style; the rest stays as written.
    const phoned = otContact('Ny Kollega', { phone: '+47 000 00 109', offices: ['nav-fjordvik'] });
    await saveContact(ola, 'Fjordvik', phoned).expect(201);
    const added = changedLines('HEAD', path);
    expect(added.every((line) => line.startsWith('+'))).toBe(true);
    expect(added).toContain('+- id: ny-kollega');
    expect(git(server.dataDir, 'show', `HEAD:${path}`).startsWith(text.trimEnd())).toBe(true);
  });
});

describe('a county without a register', () => {
  it('starts one with its first NAV office, and is told when two offices cover one municipality', async () => {
    const admin = await server.as('admin');
    const nordreVik = { name: 'NAV Nordre Vik', municipalities: ['Vik', 'Holm'], reason: 'Første kontor' };
    const first = await saveOffice(admin, 'Nordre Vik', nordreVik).expect(201);
    expect(first.body).toEqual({
      id: 'nav-nordre-vik',
      name: 'NAV Nordre Vik',
      municipalities: ['Vik', 'Holm'],
      warnings: [],
    });
    expect(git(server.dataDir, 'log', '-1', '--format=%s').trim()).toBe(
      'Kontaktregisteret for Nordre Vik: nytt NAV-kontor NAV Nordre Vik (Vik og Holm)',
    );
    expect(git(server.dataDir, 'show', 'HEAD:kontakter/nordre-vik.yaml')).toContain('fylke: Nordre Vik');

    const second = await saveOffice(admin, 'Nordre Vik', {
      name: 'NAV Holmsund',
      municipalities: 'Holm',
    }).expect(201);
    expect(second.body.warnings).toEqual([
      'Holm dekkes av både NAV Nordre Vik og NAV Holmsund. Er det meningen, for eksempel mens et kontor flytter? Ellers retter du kommunene for ett av kontorene.',
    ]);
    const page = await admin.get('/kontakter').expect(200);
    expect(page.text).toContain('Obs: Holm dekkes av både NAV Nordre Vik og NAV Holmsund.');
  });

  it('is started from the contact page’s form, and a county that is not a name is refused with nothing written', async () => {
    const admin = await server.as('admin');
    const page = await admin.get('/kontakter').expect(200);
    expect(page.text).toContain('Start kontaktregisteret for et fylke');
    const before = git(server.dataDir, 'rev-parse', 'HEAD');
    const refused = await admin
      .post('/kontakter')
      .type('form')
      .send({ county: '<b>', name: 'NAV Sør', municipalities: 'Sør' })
      .expect(400);
    expect(refused.text).toContain('Skriv fylkets navn med bokstaver');
    expect(refused.text).toContain('href="#nytt-register-county"');
    expect(git(server.dataDir, 'rev-parse', 'HEAD')).toBe(before);
    const saved = await admin
      .post('/kontakter')
      .type('form')
      .send({ county: 'Søndre Vik', name: 'NAV Søndre Vik', municipalities: 'Sør, Nord' })
      .expect(303);
    expect(saved.headers.location).toBe('/kontakter?lagret=NAV%20S%C3%B8ndre%20Vik#kontorer-sondre-vik');
    expect((await admin.get('/api/contacts/S%C3%B8ndre%20Vik').expect(200)).body.offices).toEqual([
      { id: 'nav-sondre-vik', name: 'NAV Søndre Vik', municipalities: ['Sør', 'Nord'] },
    ]);
  });
});
