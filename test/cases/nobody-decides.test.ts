/**
 * A case raised where nobody has the committee role waits with nobody to decide it: the person raising it
 * is told before and after, and the administrators see it on «Brukere» until someone has the role. A case
 * on a fictional example agreement is marked as an example wherever it is shown. Real HTTP, real git.
 */
import { describe, expect, it } from '@jest/globals';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';

// Nobody is signed in ahead: the test adds the committee's first member itself, half-way.
const server = testGjerdeWithPeople([]);

const nobody = '<strong>Ingen kan behandle saken ennå.</strong>';

describe('a case nobody can decide yet', () => {
  it('is said so to the person raising it, on the case, and to the administrators, until the committee has members', async () => {
    const leser = await server.as('leser');
    const form = await leser.get('/saker/ny?avtale=fjordvik-ramme&punkt=pc-utstyr').expect(200);
    expect(form.text).toContain(nobody);
    expect(form.text).toContain('Du kan melde saken, men den venter til en administrator har gitt rollen');
    expect(form.text).toContain('<strong>EKSEMPEL:</strong> avtalen er fiktiv.');

    const raised = await leser
      .post('/api/cases')
      .send({
        title: 'PC til deltaker i OT-klassen',
        agreement: 'fjordvik-ramme',
        clause: 'pc-utstyr',
        party: 'ot',
        situation: 'Deltaker i OT-klassen, 17 år, trenger PC.',
        disagreement: 'Partene er uenige om hvem som låner ut PC.',
      })
      .expect(201);
    expect(raised.body.nobodyDecides).toBe(true);
    const href = `/saker/${raised.body.id}`;
    const page = await leser.get(`${href}?meldt=1`).expect(200);
    expect(page.text).toContain(nobody);
    expect(page.text).toContain('Saken er meldt til samarbeidsutvalget.</p>');
    expect(page.text).toContain('<strong>EKSEMPEL:</strong> saken gjelder en fiktiv eksempelavtale');
    const list = await leser.get('/saker').expect(200);
    expect(list.text).toMatch(
      /Samarbeidsavtale[^<]* <span class="ds-tag" data-color="info" data-size="sm">Eksempel<\/span>/,
    );

    const admin = await server.as('admin');
    const users = await admin.get('/admin/brukere').expect(200);
    expect(users.text).toContain('Saker ingen kan behandle');
    expect(users.text).toContain(
      `<a class="ds-link" href="${href}">PC til deltaker i OT-klassen</a> (Fjordvik)`,
    );

    // A committee member for Fjordvik: now somebody can decide it.
    await server.as('utvalg');
    expect((await leser.get(href).expect(200)).text).not.toContain(nobody);
    expect((await leser.get(`/api/cases/${raised.body.id}`).expect(200)).body.nobodyDecides).toBe(false);
    expect((await admin.get('/admin/brukere').expect(200)).text).not.toContain('Saker ingen kan behandle');
  });
});
