/**
 * The living agreement's loop over the real HTTP API on a seeded store: a case worker raises an unclear
 * case about a grey zone, the committee decides it, the decision shows in lookups at once, an editor turns
 * it into a draft of the agreement, both parties approve it, and from its start date the lookup answers
 * from the clause. Each step is a commit by the person who took it; the case is a file anyone can read.
 */
import { describe, expect, it } from '@jest/globals';
import { parseCaseFile } from '../../src/cases/case-file.js';
import { today } from '../../src/format/dates.js';
import { formatDate } from '../../src/format/wording.js';
import { personas, signedInAs } from '../helpers/accounts.js';
import { git } from '../helpers/git.js';
import { submitAndApprove, testGjerdeWithPeople } from '../helpers/gjerde.js';
import { nationalId } from '../security/hostile-cases.js';

const server = testGjerdeWithPeople(['leser', 'utvalg', 'redaktor', 'kari', 'ola']);
const { leser, utvalg, redaktor, kari, ola } = server.people;
let caseId: string;

const question = '/api/lookup?q=hvem betaler PC i OT-klassen';
const yesterday = new Date(Date.parse(`${today()}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const pcCase = {
  title: 'PC til deltaker i OT-klassen som er i NAV-tiltak',
  agreement: 'fjordvik-ramme',
  clause: 'pc-utstyr',
  party: 'ot',
  age: '17',
  facets: ['sluttet', 'utenfor'],
  situation: 'Deltaker i OT-klassen, 17 år, har arbeidspraksis gjennom NAV to dager i uka og trenger PC.',
  disagreement:
    'OT mener NAV skal låne ut PC fordi deltakeren er i et NAV-tiltak. NAV mener fylkeskommunen har ansvaret.',
};

function pcResult(body: { results: Array<Record<string, unknown>> }) {
  return body.results.find((result) => result.clauseId === 'pc-utstyr') as Record<string, unknown> & {
    precedents: Array<{ sentence: string; href: string; incorporated?: unknown }>;
    owner: { name: string } | null;
    status: string;
  };
}

describe('raising a case', () => {
  it('saves an anonymous case as a file in saker/, committed by the person who raised it', async () => {
    const response = await leser.post('/api/cases').send(pcCase).expect(201);
    caseId = response.body.id;
    expect(caseId).toMatch(/^\d{4}-[a-z0-9]{5}$/);
    expect(response.body).toMatchObject({
      status: 'apen',
      agreement: 'fjordvik-ramme',
      clause: 'pc-utstyr',
      party: 'ot',
      raisedBy: personas.leser.name,
      age: '17',
      waitingDays: 0,
    });
    const file = git(server.dataDir, 'show', `HEAD:saker/${caseId}.md`);
    expect(parseCaseFile(file, `saker/${caseId}.md`).ok).toBe(true);
    expect(file).toContain('## Situasjon');
    expect(git(server.dataDir, 'log', '-1', '--format=%an|%s')).toBe(
      `${personas.leser.name}|Sak meldt til samarbeidsutvalget: ${pcCase.title}\n`,
    );
  });

  it('refuses a fødselsnummer in any text field and writes nothing', async () => {
    const head = git(server.dataDir, 'rev-parse', 'HEAD');
    for (const field of ['title', 'situation', 'disagreement']) {
      const number = nationalId(field.length);
      const response = await leser
        .post('/api/cases')
        .send({ ...pcCase, [field]: `${pcCase[field as keyof typeof pcCase]} ${number}` })
        .expect(422);
      expect(response.body.error).toContain('Personopplysninger om ungdom hører ikke hjemme i Gjerde');
      expect(response.text).not.toContain(number);
    }
    expect(git(server.dataDir, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('warns about what looks like a name or an address, and saves once the person confirms', async () => {
    const head = git(server.dataDir, 'rev-parse', 'HEAD');
    const suspicious = {
      ...pcCase,
      title: 'Ola Hansen trenger PC',
      situation: 'Bor i Storgata 12 sammen med mor. Ring 912 34 567.',
    };
    const warned = await leser.post('/api/cases').send(suspicious).expect(422);
    expect(warned.body.problems).toEqual([
      { variable: 'title', message: 'Ser ut som et navn: «Ola Hansen».' },
      { variable: 'situation', message: 'Ser ut som et telefonnummer: «912 34 567».' },
      { variable: 'situation', message: 'Ser ut som en adresse: «Storgata 12».' },
    ]);
    expect(git(server.dataDir, 'rev-parse', 'HEAD')).toBe(head);
    // Names of the agreement's own parties and places are not people.
    await leser
      .post('/api/cases')
      .send({
        ...pcCase,
        title: 'Tolking i Fjordvik',
        situation: 'NAV Fjordvik og Oppfølgingstjenesten er uenige.',
      })
      .expect(201);
    await leser
      .post('/api/cases')
      .send({ ...suspicious, confirmed: true })
      .expect(201);
  });

  it('refuses unknown fields, an unknown clause and a party that is not in the agreement', async () => {
    const response = await leser
      .post('/api/cases')
      .send({ ...pcCase, clause: 'finnes-ikke', party: 'nav-nordfylket', author: 'Noen Andre' })
      .expect(400);
    expect(response.body.problems.map((problem: { variable: string }) => problem.variable).sort()).toEqual([
      'author',
      'clause',
      'party',
    ]);
  });
});

describe('the committee', () => {
  it('sees its queue: open cases in its counties, oldest first, with clause, party, who and when', async () => {
    const mine = await utvalg.get('/api/cases?status=mine').expect(200);
    expect(mine.body.cases.map((entry: { id: string }) => entry.id)).toContain(caseId);
    const entry = mine.body.cases.find((candidate: { id: string }) => candidate.id === caseId);
    expect(entry).toMatchObject({ clause: 'pc-utstyr', party: 'ot', raisedBy: personas.leser.name });
    // Someone who is not a member has no queue of their own.
    expect((await leser.get('/api/cases?status=mine').expect(200)).body.cases).toEqual([]);
  });

  it('is the only one who decides, and only for its own counties', async () => {
    const decision = { outcome: 'avgjort', text: 'NAV dekker PC.', owner: 'nav-fjordvik' };
    await leser.post(`/api/cases/${caseId}/decision`).send(decision).expect(403);
    const nord = await signedInAs(server.app, server.gjerde.accounts, {
      username: 'nordutvalg',
      name: 'Nora Nord',
      email: 'nora@nordfylket.example',
      roles: ['utvalg'],
      counties: ['Nordfylket'],
    });
    await nord.post(`/api/cases/${caseId}/decision`).send(decision).expect(403);
  });

  it('decides a case: the decision is a precedent in the same lookup at once', async () => {
    const before = await leser.get(question).expect(200);
    expect(pcResult(before.body).precedents).toEqual([]);
    const decided = await utvalg
      .post(`/api/cases/${caseId}/decision`)
      .send({
        outcome: 'avgjort',
        text: 'NAV dekker PC når deltakeren er i et NAV-tiltak; ellers låner fylkeskommunen ut PC.',
        owner: 'nav-fjordvik',
      })
      .expect(200);
    expect(decided.body.decision).toMatchObject({
      by: 'Samarbeidsutvalget',
      owner: 'nav-fjordvik',
      date: today(),
    });
    expect(git(server.dataDir, 'log', '-1', '--format=%an')).toBe(`${personas.utvalg.name}\n`);
    const after = await leser.get(question).expect(200);
    const [precedent] = pcResult(after.body).precedents;
    expect(precedent?.sentence).toMatch(/^Avgjort i samarbeidsutvalget \d+\. \w+ \d{4}: NAV dekker PC når/);
    expect(precedent?.href).toBe(`/saker/${caseId}`);
    expect(pcResult(after.body).status).toBe('grey');
    // Deciding again is refused: the case is no longer open.
    await utvalg
      .post(`/api/cases/${caseId}/decision`)
      .send({ outcome: 'avgjort', text: 'Noe annet.' })
      .expect(400);
  });

  it('sends a question of principle to the steering group, and closes a case the agreement covers', async () => {
    const raised = await leser
      .post('/api/cases')
      .send({
        ...pcCase,
        title: 'Hvem holder læreplasskurs',
        clause: 'laereplasskurs',
        facets: ['uten-laereplass'],
      })
      .expect(201);
    const escalated = await utvalg
      .post(`/api/cases/${raised.body.id}/decision`)
      .send({ outcome: 'eskalert', text: 'Gjelder alle fylkets NAV-kontorer; prinsipielt spørsmål.' })
      .expect(200);
    expect(escalated.body).toMatchObject({ status: 'eskalert', escalation: { to: 'Styringsgruppen' } });
    const covered = await utvalg
      .post(`/api/cases/${raised.body.id}/decision`)
      .send({
        outcome: 'dekket',
        clause: 'laereplasskurs',
        text: 'Punktet sier at fylkeskommunen har ansvaret.',
      })
      .expect(200);
    expect(covered.body).toMatchObject({ status: 'dekket', covered: { clauseId: 'laereplasskurs' } });
  });

  it('records a decision with the date of the meeting, also a meeting before the case was raised', async () => {
    const raised = await leser
      .post('/api/cases')
      .send({ ...pcCase, title: 'Drøftet i møtet før saken ble meldt' })
      .expect(201);
    const decide = (date: string) =>
      utvalg
        .post(`/api/cases/${raised.body.id}/decision`)
        .send({ outcome: 'avgjort', text: 'NAV dekker PC.', owner: 'nav-fjordvik', date });
    const dayMonthYear = (iso: string) => iso.split('-').reverse().join('.');
    const daysAgo = (days: number) =>
      new Date(Date.parse(`${today()}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    const tooOld = (await decide(dayMonthYear(daysAgo(400))).expect(400)).body;
    expect(JSON.stringify(tooOld)).toContain('Møtet kan ikke ha vært mer enn ett år før saken ble meldt');
    expect(JSON.stringify((await decide(dayMonthYear(daysAgo(-1))).expect(400)).body)).toContain(
      'Datoen kan ikke være fram i tid.',
    );
    const meeting = daysAgo(25);
    const decided = await decide(dayMonthYear(meeting)).expect(200);
    expect(decided.body.decision).toMatchObject({ date: meeting, by: 'Samarbeidsutvalget' });
    // The case keeps who recorded the decision and when, beside the meeting's date.
    const page = await leser.get(`/saker/${raised.body.id}`).expect(200);
    expect(page.text).toContain(
      `Samarbeidsutvalget, registrert ${formatDate(today())} av ${personas.utvalg.name}`,
    );
  });
});

describe('from decision to agreement', () => {
  it('drafts the amendment through the normal drafting, with the case as its reference', async () => {
    await leser.post(`/api/cases/${caseId}/amendment`).send({}).expect(403);
    const drafted = await redaktor
      .post(`/api/cases/${caseId}/amendment`)
      .send({ validFrom: today() })
      .expect(201);
    expect(drafted.body).toMatchObject({ agreement: 'fjordvik-ramme', status: 'utkast', validFrom: today() });
    const message = git(server.dataDir, 'log', '-2', '--format=%an|%B', '--', 'avtaler/fjordvik-ramme.md');
    expect(message).toContain(`${personas.redaktor.name}|Endring etter vedtak i samarbeidsutvalget`);
    expect(message).toContain(`Sak: ${caseId}`);
    const draft = await server.gjerde.agreements.get('fjordvik-ramme');
    const clause = draft.agreement.clauses.find((candidate) => candidate.id === 'pc-utstyr');
    expect(clause).toMatchObject({ status: 'settled', owner: 'nav-fjordvik' });
    expect(drafted.body.case.amendment.rev).toBe(draft.revision.rev);
    // A draft answers nothing: the lookup still shows the grey zone with the precedent.
    expect(pcResult((await leser.get(question)).body).status).toBe('grey');
  });

  it('after both parties approve, the lookup answers from the clause from its start date; history shows the chain', async () => {
    const done = await submitAndApprove('fjordvik-ramme', redaktor, [
      { by: kari, role: 'Direktør', party: 'nav-fjordvik' },
      { by: ola, role: 'Fylkesdirektør', party: 'fjordvik-fk' },
    ]);
    expect(done.complete).toBe(true);

    const now = pcResult((await leser.get(question).expect(200)).body);
    expect(now.status).toBe('settled');
    expect(now.owner?.name).toBe('NAV Fjordvik');
    expect(now.precedents[0]?.incorporated).toMatchObject({ from: today() });
    const before = pcResult((await leser.get(`${question}&at=${yesterday}`).expect(200)).body);
    expect(before.status).toBe('grey');

    const chain = (await leser.get(`/api/cases/${caseId}`).expect(200)).body.chain as Array<{ step: string }>;
    expect(chain.map((entry) => entry.step)).toEqual(['meldt', 'avgjort', 'endret', 'godkjent', 'i-kraft']);
    const history = await leser.get('/avtaler/fjordvik-ramme/historikk').expect(200);
    expect(history.text).toContain(`href="/saker/${caseId}"`);
  });
});

describe('the pages', () => {
  it('lists, shows and offers the forms to the people who may use them', async () => {
    const list = await utvalg.get('/saker').expect(200);
    expect(list.text).toContain('Til behandling i ditt utvalg');
    const page = await leser.get(`/saker/${caseId}`).expect(200);
    expect(page.text).toContain('Forløp');
    expect(page.text).not.toContain('Behandle saken');
    const form = await leser
      .get('/saker/ny?avtale=fjordvik-ramme&punkt=pc-utstyr&alder=17&situasjon=sluttet')
      .expect(200);
    expect(form.text).toContain('value="pc-utstyr" selected');
    expect(form.text).toContain('Skriv aldri navn');
    const agreement = await leser.get('/avtaler/fjordvik-ramme').expect(200);
    expect(agreement.text).toContain('Meld en sak om punktet');
    expect(agreement.text).toContain(`href="/saker/${caseId}"`);
  });
});
