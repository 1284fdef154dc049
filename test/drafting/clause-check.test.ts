/**
 * A clause that cites a repealed legal basis is warned about while it is written, by the rule `gjerde
 * validate` and the agreement page use (`legalBasisWarnings`, the table in the data repository): the
 * editor's clause form asks `POST /api/agreements/:id/clause-check`, which saves nothing, and the checks of
 * a preview, of `POST /api/check` and of the editor after a save say it too. Real git, real HTTP.
 */
import { describe, expect, it } from '@jest/globals';
import { git } from '../helpers/git.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { nationalId } from '../security/hostile-cases.js';

const server = testGjerdeWithPeople(['kari', 'leser']);
const { kari, leser } = server.people;

const id = 'fjordvik-ramme';
const head = () => git(server.dataDir, 'rev-parse', 'HEAD').trim();
const repealed = 'opplæringslova § 3-6';

/** The clause form of «livsopphold-elev» as the editor posts it, with the legal basis given. */
async function clauseForm(legalBasis: string) {
  const latest = (await kari.get(`/api/agreements/${id}`).expect(200)).body as {
    revision: { rev: string };
    clauses: { id: string; title: string; owner: string; text: string }[];
  };
  const clause = latest.clauses.find((candidate) => candidate.id === 'livsopphold-elev');
  if (!clause) throw new Error('the example agreement has no livsopphold-elev');
  return {
    baseRev: latest.revision.rev,
    action: 'lagre-punkt',
    id: clause.id,
    title: clause.title,
    status: 'avklart',
    owner: clause.owner,
    text: clause.text,
    legalBasis,
  };
}

describe('a repealed legal basis while the clause is written', () => {
  it('is said about the legal basis field of the clause form, and nothing is saved', async () => {
    const before = head();
    const checked = await kari
      .post(`/api/agreements/${id}/clause-check`)
      .type('form')
      .send(await clauseForm(repealed))
      .expect(200);
    expect(checked.body.problems).toEqual([]);
    expect(checked.body.messages).toContainEqual({
      severity: 'warning',
      rule: 'legal-basis-repealed',
      field: 'legalBasis',
      message: expect.stringMatching(
        /^«Elev som spør om penger til livsopphold»: Hjemmelen «opplæringslova § 3-6» er opphevet fra 1\. august 2024; nå: opplæringslova § 9-4\./,
      ),
    });
    const current = await kari
      .post(`/api/agreements/${id}/clause-check`)
      .send(await clauseForm('opplæringslova § 9-4'))
      .expect(200);
    expect(current.body.messages.map((message: { rule: string }) => message.rule)).not.toContain(
      'legal-basis-repealed',
    );
    expect(head()).toBe(before);
  });

  it('gives a field’s own problems, and refuses a fødselsnummer without repeating it', async () => {
    const untitled = await kari
      .post(`/api/agreements/${id}/clause-check`)
      .send({ ...(await clauseForm(repealed)), title: '' })
      .expect(200);
    expect(untitled.body).toMatchObject({ ok: false, messages: [] });
    expect(untitled.body.problems).toContainEqual({
      variable: 'title',
      message: 'Skriv hvilken situasjon punktet gjelder.',
    });
    const number = nationalId(3);
    const personal = await kari
      .post(`/api/agreements/${id}/clause-check`)
      .send({ ...(await clauseForm(repealed)), text: `Gjelder ${number}.` })
      .expect(422);
    expect(personal.body.error).toContain('Personopplysninger om ungdom hører ikke hjemme i Gjerde');
    expect(personal.text).not.toContain(number);
    await leser
      .post(`/api/agreements/${id}/clause-check`)
      .send(await clauseForm(repealed))
      .expect(403);
  });

  it('is among the checks of a whole text, and of the editor once the clause is saved', async () => {
    const latest = (await kari.get(`/api/agreements/${id}`).expect(200)).body as { markdown: string };
    const markdown = latest.markdown.replace(
      /(:::ansvar\[Elev som spør om penger til livsopphold\]\{[^}]*?)\}/,
      `$1 hjemmel="${repealed}"}`,
    );
    expect(markdown).not.toBe(latest.markdown);
    const checked = await kari.post('/api/check').send({ markdown }).expect(200);
    const warning = checked.body.messages.find(
      (message: { rule?: string }) => message.rule === 'legal-basis-repealed',
    );
    expect(warning).toMatchObject({
      severity: 'warning',
      line: expect.any(Number),
      column: expect.any(Number),
    });
    expect((markdown.split('\n')[warning.line - 1] ?? '').slice(warning.column - 1)).toMatch(/^hjemmel=/);

    const saved = await kari
      .post(`/avtaler/${id}/rediger/punkt`)
      .type('form')
      .send({ ...(await clauseForm(repealed)), visning: 'skjema', reason: 'Hjemmel lagt til' })
      .expect(303);
    const editor = await kari.get(saved.headers.location as string).expect(200);
    expect(editor.text).toContain('Hjemmelen «opplæringslova § 3-6» er opphevet fra 1. august 2024');
  });
});
