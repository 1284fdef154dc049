/**
 * A shared cost (issue 12, item 8: «halvparten hver») wherever a cost is shown or used, over real HTTP on
 * a data repository of its own (test/fixtures/shared-cost): the lookup's answer and card, a filter on a
 * party that pays a share, the national table, the agreement page, the comparison and the clause form.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer, LookupResult } from '../../src/lookup/search.js';
import { binary, readDocx } from '../export/read-back.js';
import { signedInAs } from '../helpers/accounts.js';
import { submitted } from '../helpers/forms.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/shared-cost') });
let editor: Agent;
const shared = '2025-06-01';
const single = '2024-06-01';

beforeAll(async () => {
  editor = await signedInAs(gjerde.app, gjerde.gjerde.accounts, {
    username: 'dina',
    name: 'Dina Deltby',
    email: 'dina@deltby.example',
    roles: ['redaktor'],
    counties: ['Deltby'],
  });
});

async function ask(query: Record<string, string>): Promise<LookupAnswer> {
  // Every part of each result: `costBearer` beside `costShares`.
  const response = await gjerde.reader.get('/api/lookup').query({ county: 'Deltby', full: '1', ...query });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

function result(answer: LookupAnswer, clauseId: string): LookupResult {
  const found = answer.results.find((candidate) => candidate.clauseId === clauseId);
  expect(found).toBeDefined();
  return found as LookupResult;
}

describe('the lookup', () => {
  it('«hvem betaler …» answers a shared cost as shared, with each party’s share', async () => {
    const answer = await ask({ q: 'hvem betaler lønna til NAV-veilederen på skolen', at: shared });
    expect(hits(answer)[0]).toBe('deltby-ramme#veileder');
    expect(answer.results[0]).toMatchObject({
      costBearer: null,
      costShares: [
        { party: { id: 'deltby-fk', name: 'Deltby fylkeskommune' }, share: 50 },
        { party: { id: 'nav-deltby', name: 'NAV Deltby' }, share: 50 },
      ],
    });
    const clothes = await ask({ q: 'hvem betaler arbeidsklær i praksis', at: shared });
    expect(result(clothes, 'arbeidsklaer').costShares.map((share) => share.share)).toEqual([60, 40]);

    // Before the split, one party paid: `costBearer` as clients have always read it.
    const before = await ask({ q: 'hvem betaler lønna til NAV-veilederen på skolen', at: single });
    expect(before.results[0]).toMatchObject({
      clauseId: 'veileder',
      costBearer: { id: 'nav-deltby', name: 'NAV Deltby' },
      costShares: [{ party: { id: 'nav-deltby', name: 'NAV Deltby' }, share: 100 }],
    });
  });

  it('the card says the split in words', async () => {
    const page = await gjerde.reader
      .get('/oppslag')
      .query({ q: 'hvem betaler lønna til NAV-veilederen på skolen', at: shared, county: 'Deltby' })
      .expect(200);
    expect(page.text).toContain(
      '<dt>Kostnad</dt><dd>delt likt mellom Deltby fylkeskommune og NAV Deltby</dd>',
    );
    const clothes = await gjerde.reader
      .get('/oppslag')
      .query({ q: 'hvem betaler arbeidsklær i praksis', at: shared, county: 'Deltby' })
      .expect(200);
    expect(clothes.text).toContain('<dt>Kostnad</dt><dd>NAV Deltby 60 %, Deltby fylkeskommune 40 %</dd>');
  });

  it('a filter on a party finds the clauses where it pays a share, and not before it did', async () => {
    // The county neither owns nor supports the counsellor clause: it only pays half.
    const now = await ask({ q: 'NAV-veileder på skolen', party: 'deltby-fk', at: shared });
    expect(hits(now)).toContain('deltby-ramme#veileder');
    const then = await ask({ q: 'NAV-veileder på skolen', party: 'deltby-fk', at: single });
    expect(hits(then)).not.toContain('deltby-ramme#veileder');
  });

  it('the national table shows the split under «Betaler»', async () => {
    const api = await gjerde.reader
      .get('/api/national')
      .query({ agreement: 'deltby-ramme', clause: 'arbeidsklaer', at: shared })
      .expect(200);
    const row = (
      api.body as { rows: { county: string; answer: Record<string, unknown> | null }[] }
    ).rows.find((candidate) => candidate.county === 'Deltby');
    expect(row?.answer).toMatchObject({
      clauseId: 'arbeidsklaer',
      costBearer: null,
      costShares: [
        { party: { id: 'nav-deltby' }, share: 60 },
        { party: { id: 'deltby-fk' }, share: 40 },
      ],
    });
    const page = await gjerde.reader
      .get('/fylkene')
      .query({ agreement: 'deltby-ramme', clause: 'arbeidsklaer', at: shared });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<td data-label="Betaler">NAV Deltby 60 %, Deltby fylkeskommune 40 %</td>');
  });
});

describe('the agreement, its history and its API', () => {
  it('the agreement page says who pays what under each clause', async () => {
    const page = await gjerde.reader.get('/avtaler/deltby-ramme').expect(200);
    expect(page.text).toContain('delt likt mellom Deltby fylkeskommune og NAV Deltby');
    expect(page.text).toContain('NAV Deltby 60 %, Deltby fylkeskommune 40 %');
  });

  it('the Word export says it as the page does', async () => {
    const docx = await gjerde.reader.get('/avtaler/deltby-ramme.docx').buffer(true).parse(binary).expect(200);
    const { text } = await readDocx(docx.body as Buffer);
    expect(text).toContain('delt likt mellom Deltby fylkeskommune og NAV Deltby');
    expect(text).toContain('NAV Deltby 60 %, Deltby fylkeskommune 40 %');
  });

  it('the agreement API gives the shares as written, and `costBearer` only for a single bearer', async () => {
    const now = await gjerde.reader.get('/api/agreements/deltby-ramme').expect(200);
    const clauses = (now.body as { clauses: Record<string, unknown>[] }).clauses;
    expect(clauses.find((clause) => clause.id === 'veileder')).toMatchObject({
      costShares: [{ party: 'deltby-fk' }, { party: 'nav-deltby' }],
    });
    expect(clauses.find((clause) => clause.id === 'veileder')).not.toHaveProperty('costBearer');
    const then = await gjerde.reader.get('/api/agreements/deltby-ramme').query({ at: single }).expect(200);
    expect((then.body as { clauses: Record<string, unknown>[] }).clauses[0]).toMatchObject({
      costBearer: 'nav-deltby',
      costShares: [{ party: 'nav-deltby' }],
    });
  });

  it('a comparison calls a single bearer becoming a split a change of responsibility', async () => {
    const compare = await gjerde.reader
      .get('/api/agreements/deltby-ramme/compare')
      .query({ from: single, to: shared })
      .expect(200);
    const texts = (
      compare.body as { summary: { responsibility: { text: string }[] } }
    ).summary.responsibility.map((sentence) => sentence.text);
    expect(texts).toEqual([
      'NAV-veileder på videregående skole: kostnadsansvar endret fra NAV Deltby til delt Deltby fylkeskommune 50 % / NAV Deltby 50 %',
      'Arbeidsklær og verneutstyr i praksis: kostnadsansvar endret fra Deltby fylkeskommune til delt NAV Deltby 60 % / Deltby fylkeskommune 40 %',
    ]);
  });

  it('the clause history says the split in words', async () => {
    const history = await gjerde.reader
      .get('/api/agreements/deltby-ramme/clauses/veileder/history')
      .expect(200);
    const entries = (history.body as { changes: { clause: { costBearer?: string } | null }[] }).changes;
    expect(entries.map((entry) => entry.clause?.costBearer)).toEqual([
      'delt likt mellom Deltby fylkeskommune og NAV Deltby',
      'NAV Deltby',
    ]);
  });
});

describe('the clause form', () => {
  async function clauseForm(clauseId: string): Promise<string> {
    const page = await editor.get('/avtaler/deltby-ramme/rediger').expect(200);
    const form = [
      ...page.text.matchAll(
        /<form method="post" action="\/avtaler\/deltby-ramme\/rediger\/punkt"[\s\S]*?<\/form>/g,
      ),
    ]
      .map((match) => match[0])
      .find((html) => html.includes(`<input type="hidden" name="id" value="${clauseId}">`));
    expect(form).toBeDefined();
    return form as string;
  }

  async function markdown(): Promise<string> {
    return (
      (await gjerde.reader.get('/api/agreements/deltby-ramme').expect(200)).body as { markdown: string }
    ).markdown;
  }

  it('shows a split as «Delt kostnad» with the parties ticked and their shares', async () => {
    const form = await clauseForm('arbeidsklaer');
    expect(form).toMatch(/<option value="delt" selected>Delt kostnad/);
    expect(form).toMatch(/name="costParty" value="nav-deltby" checked/);
    expect(form).toMatch(/name="costParty" value="deltby-fk" checked/);
    expect(form).not.toMatch(/name="costParty" value="ot" checked/);
    expect(form).toContain('id="punkt-arbeidsklaer-andel-nav-deltby" name="costShare" value="60"');
    expect(form).toContain('id="punkt-arbeidsklaer-andel-deltby-fk" name="costShare" value="40"');
  });

  it('keeps a split when the clause is saved with another change, byte for byte', async () => {
    for (const clauseId of ['veileder', 'arbeidsklaer']) {
      const fields = submitted(await clauseForm(clauseId)).map(([name, value]): [string, string] =>
        name === 'title'
          ? [name, `${value} (endret)`]
          : name === 'reason'
            ? [name, 'Ny tittel']
            : [name, value],
      );
      const response = await editor
        .post('/avtaler/deltby-ramme/rediger/punkt')
        .type('form')
        .send(new URLSearchParams(fields).toString());
      expect(response.status).toBe(303);
    }
    const saved = await markdown();
    expect(saved).toContain(
      ':::ansvar[NAV-veileder på videregående skole (endret)]{#veileder ansvarlig=nav-deltby stikkord="NAV-veileder, skole, lønn" kostnad="deltby-fk nav-deltby"}',
    );
    expect(saved).toContain(
      ':::ansvar[Arbeidsklær og verneutstyr i praksis (endret)]{#arbeidsklaer ansvarlig=ot stikkord="arbeidsklær, vernesko, verneutstyr" kostnad="nav-deltby:60 deltby-fk:40"}',
    );
  });

  it('sets a shared cost, and refuses shares that do not add up, saving nothing', async () => {
    const before = await markdown();
    // Each time the form as the page gives it now (its base revision), with the cost filled in anew.
    const send = async (cost: [string, string][]) => {
      const fields = submitted(await clauseForm('veileder')).filter(
        ([name]) => !['costBearer', 'costParty', 'costShare', 'costShareParty', 'reason'].includes(name),
      );
      return editor
        .post('/avtaler/deltby-ramme/rediger/punkt')
        .type('form')
        .send(new URLSearchParams([...fields, ...cost, ['reason', 'Kostnaden deles på tre']]).toString());
    };
    const shares = (values: [string, string, string]): [string, string][] =>
      ['nav-deltby', 'deltby-fk', 'ot'].flatMap((party, index): [string, string][] => [
        ['costShareParty', party],
        ['costShare', values[index] ?? ''],
      ]);
    const refused = await send([
      ['costBearer', 'delt'],
      ['costParty', 'nav-deltby'],
      ['costParty', 'ot'],
      ...shares(['50', '', '40']),
    ]);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Andelene blir til sammen 90 %, ikke 100 %.');
    // The form comes back as filled in.
    expect(refused.text).toContain('id="punkt-veileder-andel-ot" name="costShare" value="40"');
    expect(await markdown()).toBe(before);

    const saved = await send([
      ['costBearer', 'delt'],
      ['costParty', 'nav-deltby'],
      ['costParty', 'ot'],
      ...shares(['50', '', '50']),
    ]);
    expect(saved.status).toBe(303);
    expect(await markdown()).toContain('kostnad="nav-deltby:50 ot:50"');

    const equal = await send([
      ['costBearer', 'delt'],
      ['costParty', 'nav-deltby'],
      ['costParty', 'deltby-fk'],
      ['costParty', 'ot'],
      ...shares(['', '', '']),
    ]);
    expect(equal.status).toBe(303);
    // The parties sharing before keep their order; one that joins comes last.
    expect(await markdown()).toContain('kostnad="nav-deltby ot deltby-fk"');
  });
});
