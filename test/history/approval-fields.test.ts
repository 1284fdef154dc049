/**
 * The history API says who approved a revision as fields (name, role, party, day), never as the git
 * trailer text the approval path writes: a script reading `GET /api/agreements/:id/history` or a clause's
 * history does not parse «Godkjent-av: Nina Holm | Direktør | …». Real git, real HTTP, signed-in approvers.
 */
import { describe, expect, it } from '@jest/globals';
import { rammeAnswers } from '../drafting/helpers.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const server = testGjerdeForFile();

const forNav = { role: 'Direktør', party: 'nav-eksempelfylket' };
const forCounty = { role: 'Fylkesdirektør for opplæring', party: 'eksempelfylket-fk' };

interface RevisionJson {
  rev: string;
  author: string;
  approval: {
    complete: boolean;
    approvals: { name: string; role: string; party: string; date: string }[];
  } | null;
  trailers: Record<string, string[]>;
}

describe('approvals in the history API', () => {
  it('gives each approval as who, role, party and day, and no approval trailers', async () => {
    const rita = await server.as('redaktor');
    const nina = await server.as('nina');
    const jonas = await server.as('jonas');
    const id = 'felt-ramme';
    await rita
      .post('/api/agreements')
      .send({ template: 'ramme', answers: rammeAnswers({ id }), reason: 'Første utkast' })
      .expect(201);
    await rita.post(`/api/agreements/${id}/submit`).send({}).expect(200);
    await nina.post(`/api/agreements/${id}/approvals`).send(forNav).expect(201);
    await jonas.post(`/api/agreements/${id}/approvals`).send(forCounty).expect(201);

    const history = (await server.reader.get(`/api/agreements/${id}/history`).expect(200)).body as {
      revisions: RevisionJson[];
    };
    const [approved, partial, sent, drafted] = history.revisions as [
      RevisionJson,
      RevisionJson,
      RevisionJson,
      RevisionJson,
    ];
    const day = expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/);
    expect(approved.author).toBe('Jonas Haugland');
    expect(approved.approval).toEqual({
      complete: true,
      approvals: expect.arrayContaining([
        { name: 'Nina Holm', role: 'Direktør', party: 'nav-eksempelfylket', date: day },
        {
          name: 'Jonas Haugland',
          role: 'Fylkesdirektør for opplæring',
          party: 'eksempelfylket-fk',
          date: day,
        },
      ]),
    });
    expect(approved.approval?.approvals).toHaveLength(2);
    expect(partial.approval).toEqual({
      complete: false,
      approvals: [{ name: 'Nina Holm', role: 'Direktør', party: 'nav-eksempelfylket', date: day }],
    });
    expect(sent.approval).toBeNull();
    expect(drafted.approval).toBeNull();
    // The raw trailer text is nowhere in the answer.
    const text = JSON.stringify(history);
    expect(text).not.toContain('Godkjent-av');
    expect(text).not.toContain('Godkjenning');
    expect(text).not.toMatch(/\| nav-eksempelfylket \|/);

    const clause = (
      await server.reader.get(`/api/agreements/${id}/clauses/uten-laereplass/history`).expect(200)
    ).body as { changes: RevisionJson[] };
    expect(clause.changes[0]?.approval).toBeNull();
    expect(JSON.stringify(clause)).not.toContain('Godkjenning');
  }, 120_000);
});
