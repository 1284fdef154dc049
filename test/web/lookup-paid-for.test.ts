/**
 * A first-time user's questions about who pays for a thing no Fjordvik clause names (issue 11, session 30),
 * over HTTP on the example agreements, signed in as a Fjordvik case worker and not signed in: the answer says
 * the agreement says nothing about the thing and gives the route for unclear cases; the clause found for where
 * the thing is needed («i arbeidspraksis», «i OT-klassen») is only the nearest, never the first card with its
 * payer. A thing a clause names keeps its clause, also under another name (Innmark's «læremidler» for «skolebøker»).
 */
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { countyReader } from '../helpers/accounts.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const gjerde = testGjerdeForFile({ env: { GJERDE_ANONYMOUS_READ: '1' } });

/** Not signed in, the county given in the address; signed in, the case worker's own county, signed in once. */
let caseWorker: ReturnType<typeof countyReader> | undefined;
const askers = {
  'not signed in': { agent: async () => request(gjerde.app), county: { county: 'Fjordvik' } },
  'a Fjordvik case worker': {
    agent: () => {
      caseWorker ??= countyReader(gjerde.app, gjerde.gjerde.accounts, 'Fjordvik');
      return caseWorker;
    },
    county: {},
  },
};

const notNamed = [
  ['hvem betaler skolebøker for elev', 'skolebøker'],
  ['hvem betaler mobiltelefon i arbeidspraksis', 'mobiltelefon'],
  ['hvem betaler sykkel til praksis', 'sykkel'],
  ['hvem betaler lunsj i OT-klassen', 'lunsj'],
] as const;

const named = [
  ['hvem betaler PC i OT-klassen', 'pc-utstyr'],
  ['hvem betaler arbeidsklær i praksis', 'arbeidsklaer'],
  ['hvem betaler vernesko i arbeidspraksis', 'arbeidsklaer'],
] as const;

describe.each(Object.entries(askers))('who pays for a thing, asked %s', (_, asker) => {
  async function ask(q: string): Promise<LookupAnswer> {
    const agent = await asker.agent();
    const response = await agent
      .get('/api/lookup')
      .query({ q, ...asker.county })
      .expect(200);
    return response.body as LookupAnswer;
  }

  it('says the agreement says nothing about a thing no clause names, with the route', async () => {
    for (const [q, thing] of notNamed) {
      const answer = await ask(q);
      expect({ q, notCovered: answer.notCovered }).toEqual({
        q,
        notCovered: {
          because: 'not-named',
          message: `Avtalen sier ikke noe om «${thing}». Punktene under er bare de nærmeste, ikke svaret.`,
          thing,
          later: null,
        },
      });
      expect(answer.escalation.map(({ to }) => to)).toEqual(['Samarbeidsutvalget (punkt 6)']);
      expect(answer.results.length).toBeGreaterThan(0);
      expect(answer.uncertain).toBeNull();
    }
  });

  it('keeps the clause of a thing a clause names', async () => {
    for (const [q, clause] of named) {
      const answer = await ask(q);
      expect({ q, notCovered: answer.notCovered, first: answer.results[0]?.clauseId }).toEqual({
        q,
        notCovered: null,
        first: clause,
      });
    }
  });

  it('leads the page with what the agreement leaves out, the clauses below only as the nearest', async () => {
    const agent = await asker.agent();
    const page = await agent
      .get('/oppslag')
      .query({ q: 'hvem betaler lunsj i OT-klassen', ...asker.county })
      .expect(200);
    expect(page.text).toContain('Avtalen sier ikke noe om «lunsj».');
    expect(page.text).toContain('Uklare saker tas til: Samarbeidsutvalget (punkt 6).');
    expect(page.text).toContain('Nærmeste punkter');
    expect(page.text).not.toContain('lookup-result--best');
  });
});

describe('a thing a clause names under another name', () => {
  it('keeps Innmark’s clause on learning materials for school books', async () => {
    const response = await request(gjerde.app)
      .get('/api/lookup')
      .query({ q: 'hvem betaler skolebøker for elev', county: 'Innmark' })
      .expect(200);
    const answer = response.body as LookupAnswer;
    expect(answer.notCovered).toBeNull();
    expect(answer.results[0]?.clauseId).toBe('kostnader-opplaering');
  });
});
