/**
 * A county's NAV offices and the municipalities they serve, changed through the contact page and the API
 * over real HTTP against a real data repository: one commit per change by the signed-in person, its first
 * line what changed and its body why; bad input refused in Norwegian with nothing written; editors of
 * either side of the register and administrators only.
 */
import { describe, expect, it } from '@jest/globals';
import { saveOffice } from '../helpers/contacts.js';
import { git } from '../helpers/git.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { nationalId } from '../security/hostile-cases.js';

const server = testGjerdeForFile();

const head = () => git(server.dataDir, 'rev-parse', 'HEAD').trim();
const lastCommit = () => git(server.dataDir, 'log', '-1', '--format=%an%n%B').trim();
const officesOf = async (county: string) =>
  (await (await server.as('leser')).get(`/api/contacts/${county}`).expect(200)).body.offices as {
    id: string;
    name: string;
    municipalities: string[];
  }[];

describe('a county’s NAV offices', () => {
  it('are added through the form on the contact page, as a commit in the editor’s name with the reason', async () => {
    const ola = await server.as('ola');
    const page = await ola.get('/kontakter').expect(200);
    expect(page.text).toContain('Endre NAV-kontorene i Fjordvik');
    const berg = {
      name: 'NAV Berg',
      municipalities: 'Berg, Vik',
      reason: 'NAV Strandby er delt i to kontorer',
    };
    const saved = await saveOffice(ola, 'Fjordvik', berg, { form: true }).expect(303);
    expect(saved.headers.location).toBe('/kontakter?lagret=NAV%20Berg#kontorer-fjordvik');
    expect(lastCommit()).toBe(
      'Ola Nordmann\nKontaktregisteret for Fjordvik: nytt NAV-kontor NAV Berg (Berg og Vik)\n\nNAV Strandby er delt i to kontorer',
    );
    expect(await officesOf('Fjordvik')).toContainEqual({
      id: 'nav-berg',
      name: 'NAV Berg',
      municipalities: ['Berg', 'Vik'],
    });
    const after = await ola.get(saved.headers.location as string).expect(200);
    expect(after.text).toContain('Lagret: NAV Berg.');
    expect(after.text).toContain('NAV Berg (Berg, Vik)');
  });

  it('are renamed and given other municipalities with their id kept, which contacts and grants use', async () => {
    const kari = await server.as('kari');
    const strandby = { name: 'NAV Strandby og Berg', municipalities: ['Strandby', 'Berg'] };
    const renamed = await saveOffice(kari, 'Fjordvik', strandby, { id: 'nav-strandby' }).expect(200);
    expect(renamed.body).toEqual({
      id: 'nav-strandby',
      name: 'NAV Strandby og Berg',
      municipalities: ['Strandby', 'Berg'],
      // NAV Berg, added above, covers Berg too: allowed, and said.
      warnings: [
        'Berg dekkes av både «NAV Strandby og Berg» og «NAV Berg». Er det meningen, for eksempel mens et kontor flytter? Ellers retter du kommunene for ett av kontorene.',
      ],
    });
    expect(lastCommit()).toBe(
      'Kari Nordmann\nKontaktregisteret for Fjordvik: NAV Strandby heter nå NAV Strandby og Berg',
    );
    await saveOffice(
      kari,
      'Fjordvik',
      { ...strandby, municipalities: 'Strandby, Berg, Vik' },
      { id: 'nav-strandby' },
    ).expect(200);
    expect(lastCommit()).toContain('NAV Strandby og Berg dekker nå Strandby, Berg og Vik');
    // The contacts serving the office are found by its new name.
    const found = await kari.get('/api/contacts?municipality=Vik').expect(200);
    expect(found.body.contacts.map((contact: { name: string }) => contact.name)).toContain('Jon Prøve');
  });

  it('refuses bad input with a Norwegian message, gives back what was typed, and writes nothing', async () => {
    const rita = await server.as('redaktor');
    const before = head();
    const holmen = { name: 'NAV Holmen', municipalities: 'Holmen' };
    const notNames = await saveOffice(
      rita,
      'Fjordvik',
      { ...holmen, municipalities: 'Holmen, 4020' },
      { form: true },
    ).expect(400);
    expect(notNames.text).toContain(
      '«4020» er ikke et kommunenavn: bruk bokstaver, mellomrom og bindestrek, og skill kommunene med komma.',
    );
    // The message links to the field, and the form has what was typed, open to be corrected.
    expect(notNames.text).toContain('href="#nytt-kontor-fjordvik-municipalities"');
    expect(notNames.text).toMatch(
      /id="nytt-kontor-fjordvik-municipalities" name="municipalities" value="Holmen, 4020"/,
    );
    const taken = await saveOffice(rita, 'Fjordvik', { ...holmen, name: 'nav fjordvik' }).expect(400);
    expect(taken.body.problems).toEqual([
      { variable: 'name', message: 'Fjordvik har allerede et NAV-kontor som heter NAV Fjordvik.' },
    ]);
    const none = await saveOffice(rita, 'Fjordvik', { ...holmen, municipalities: ' , ' }).expect(400);
    expect(none.body.problems).toEqual([
      { variable: 'municipalities', message: 'Skriv minst én kommune kontoret dekker.' },
    ]);
    const fjordvik = { name: 'NAV Fjordvik', municipalities: 'Fjordvik, Vikøy' };
    const unchanged = await saveOffice(rita, 'Fjordvik', fjordvik, { id: 'nav-fjordvik' }).expect(400);
    expect(unchanged.body.error).toBe(
      'Ingenting er endret for NAV Fjordvik: navnet og kommunene er de samme.',
    );
    const number = nationalId(7);
    const personal = await saveOffice(
      rita,
      'Fjordvik',
      { ...holmen, reason: `Gjelder ${number}` },
      { form: true },
    ).expect(422);
    expect(personal.text).toContain('Personopplysninger om ungdom hører ikke hjemme i Gjerde');
    expect(personal.text).not.toContain(number);
    const gone = await saveOffice(rita, 'Fjordvik', {}, { id: 'nav-finnes-ikke' }).expect(404);
    expect(gone.body.error).toBe(
      'Fant ikke NAV-kontoret i Fjordvik. Det kan være fjernet eller endret av noen andre i mellomtiden.',
    );
    expect(head()).toBe(before);
  });

  it('are removed only when no contact serves them any longer', async () => {
    const ola = await server.as('ola');
    const before = head();
    const serving = await ola.post('/kontakter/Fjordvik/kontor/nav-strandby/slett').type('form').send({});
    expect(serving.status).toBe(409);
    expect(serving.text).toContain(
      'NAV Strandby og Berg kan ikke fjernes ennå: Jon Prøve og Per Fiktiv er kontakter for kontoret. Endre eller fjern dem først.',
    );
    expect(head()).toBe(before);
    await ola.post('/kontakter/Fjordvik/kontor/nav-berg/slett').type('form').send({}).expect(303);
    expect(lastCommit()).toBe('Ola Nordmann\nKontaktregisteret for Fjordvik: NAV-kontoret NAV Berg fjernet');
    expect((await officesOf('Fjordvik')).map((office) => office.id)).not.toContain('nav-berg');
  });

  it('are changed by the register’s editors and administrators, nobody else', async () => {
    const admin = await server.as('admin');
    expect((await admin.get('/kontakter').expect(200)).text).toContain('Endre NAV-kontorene i Sørholm');
    await saveOffice(admin, 'Sørholm', {
      name: 'NAV Havøy',
      municipalities: 'Havøy',
      id: 'nav-havoy',
    }).expect(201);
    expect(lastCommit()).toBe('Adam Admin\nKontaktregisteret for Sørholm: nytt NAV-kontor NAV Havøy (Havøy)');
    const before = head();
    const leser = await server.as('leser');
    expect((await leser.get('/kontakter').expect(200)).text).not.toContain('Endre NAV-kontorene');
    await saveOffice(leser, 'Fjordvik', { name: 'NAV X', municipalities: 'X' }).expect(403);
    const una = await server.as('utenfor');
    const refused = await una.delete('/api/contacts/Fjordvik/offices/nav-fjordvik').expect(403);
    expect(refused.body.error).toBe(
      'NAV-kontorene i Fjordvik endres av redaktører for fylket, fylkeskommunen eller et NAV-kontor i fylket, og av administratorer.',
    );
    expect(head()).toBe(before);
  });
});
