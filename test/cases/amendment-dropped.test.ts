/**
 * A decision is only part of the agreement when the approved text still says it. Found testing as a
 * stranger: an editor put the clause back to «uavklart» in the amendment's draft before approval, and
 * once the draft was approved the case's chain said «godkjent» and «i kraft», and the lookup's precedent
 * said the decision was incorporated («the answer comes from the clause») beside a clause still grey.
 */
import { describe, expect, it } from '@jest/globals';
import { today } from '../../src/format/dates.js';
import { submitAndApprove, testGjerdeWithPeople } from '../helpers/gjerde.js';

const server = testGjerdeWithPeople(['leser', 'utvalg', 'redaktor', 'kari', 'ola', 'jonas']);
const { leser, utvalg, redaktor, kari, ola, jonas } = server.people;

const question = '/api/lookup?q=hvem betaler PC i OT-klassen';
const greyClause =
  '{#pc-utstyr status=uavklart eskalering=Samarbeidsutvalget situasjon="sluttet utenfor" stikkord="PC, datamaskin, digitalt utstyr, lån av PC" kontakt=sekretariat}';

describe('an amendment dropped before approval', () => {
  it('is neither approved nor in force in the case chain, and the precedent is not incorporated', async () => {
    const raised = await leser
      .post('/api/cases')
      .send({
        title: 'PC til deltaker i OT-klassen som er i NAV-tiltak',
        agreement: 'fjordvik-ramme',
        clause: 'pc-utstyr',
        party: 'ot',
        age: '17',
        facets: ['sluttet', 'utenfor'],
        situation: 'Deltaker i OT-klassen, 17 år, har arbeidspraksis gjennom NAV og trenger PC.',
        disagreement: 'OT mener NAV skal låne ut PC. NAV mener fylkeskommunen har ansvaret.',
      })
      .expect(201);
    const caseId = raised.body.id as string;
    await utvalg
      .post(`/api/cases/${caseId}/decision`)
      .send({
        outcome: 'avgjort',
        text: 'NAV dekker PC når deltakeren er i et NAV-tiltak.',
        owner: 'nav-fjordvik',
      })
      .expect(200);
    await redaktor.post(`/api/cases/${caseId}/amendment`).send({ validFrom: today() }).expect(201);

    // The county's editor takes the decision out of the draft again: the clause is a grey zone as before.
    const draft = (await leser.get('/api/agreements/fjordvik-ramme').expect(200)).body;
    const markdown = (draft.markdown as string).replace(/\{#pc-utstyr [^}]*\}/, greyClause);
    expect(markdown).not.toBe(draft.markdown);
    await ola
      .put('/api/agreements/fjordvik-ramme')
      .send({ markdown, baseRev: draft.revision.rev, reason: 'Vi er ikke enige likevel' })
      .expect(200);
    const done = await submitAndApprove('fjordvik-ramme', redaktor, [
      { by: kari, role: 'Direktør', party: 'nav-fjordvik' },
      { by: jonas, role: 'Fylkesdirektør', party: 'fjordvik-fk' },
    ]);
    expect(done.complete).toBe(true);

    const results = (await leser.get(question).expect(200)).body.results as Array<{
      clauseId: string;
      status: string;
      precedents: Array<{ incorporated?: unknown }>;
    }>;
    const pc = results.find((result) => result.clauseId === 'pc-utstyr');
    expect(pc?.status).toBe('grey');
    expect(pc?.precedents).toHaveLength(1);
    expect(pc?.precedents[0]?.incorporated).toBeUndefined();

    const chain = (await leser.get(`/api/cases/${caseId}`).expect(200)).body.chain as Array<{ step: string }>;
    expect(chain.map((entry) => entry.step)).toEqual(['meldt', 'avgjort', 'endret']);
  });
});
