/**
 * The clause form's cost fields and a clause's `kostnad` go both ways without loss: what the form shows of
 * a clause (as a page does, or an amendment after a committee decision) reads back as the same shares,
 * written as before. Form problems are said in the form's words, never with `nav:60`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  type ClauseInput,
  clauseToInput,
  costFields,
  costForm,
  readClauseForm,
  renderClause,
} from '../../src/drafting/clause-edit.js';
import { parseAgreement } from '../../src/format/processor.js';
import type { Clause } from '../../src/format/types.js';

const { agreement } = parseAgreement(
  readFileSync(
    fileURLToPath(new URL('../fixtures/format/good/shared-cost/input.md', import.meta.url)),
    'utf8',
  ),
);

/** The clause's own form fields, its cost replaced by `cost`. */
function body(clauseId: string, cost: Record<string, unknown>): Record<string, unknown> {
  const input = clauseToInput(agreement.clauses.find((clause) => clause.id === clauseId) as Clause);
  return {
    id: input.id,
    title: input.title,
    status: 'avklart',
    owner: input.owner,
    text: input.text,
    ...cost,
  };
}

describe('the cost in the clause form', () => {
  it.each([
    ['veileder', 'kostnad="nav fk"'],
    ['arbeidsklaer', 'kostnad="nav:60 fk:40"'],
    ['kurs', 'kostnad="ot nav fk"'],
    ['skyss', 'kostnad="fk"'],
  ])('%s: shown and read back as written (%s)', (clauseId, written) => {
    const clause = agreement.clauses.find((candidate) => candidate.id === clauseId);
    const fields = costFields(costForm(clause?.costShares));
    const { clause: read, problems } = readClauseForm(body(clauseId, fields), agreement, false);
    expect(problems).toEqual([]);
    expect(read?.costShares).toEqual(clause?.costShares);
    expect(renderClause(read as ClauseInput)).toContain(` ${written}`);
  });

  it('says what is wrong in the form’s words', () => {
    const problems = (cost: Record<string, unknown>) =>
      readClauseForm(body('veileder', cost), agreement, false).problems.map((problem) => problem.message);
    const shares = (values: string[]) => ({
      costShareParty: ['nav', 'fk', 'ot'],
      costShare: values,
    });
    expect(problems({ costBearer: 'delt', costParty: 'nav', ...shares(['', '', '']) })).toEqual([
      'Kryss av for minst to parter som deler kostnaden.',
    ]);
    expect(problems({ costBearer: 'delt', costParty: ['nav', 'fk'], ...shares(['60', '', '']) })).toEqual([
      'Skriv en andel for hver part som deler kostnaden, eller ingen for lik deling.',
    ]);
    expect(problems({ costBearer: 'delt', costParty: ['nav', 'fk'], ...shares(['60', '0,5', '']) })).toEqual([
      'Andelen til Vestland fylkeskommune må være et helt tall fra 1 til 100 (prosent).',
    ]);
    expect(
      problems({ costBearer: 'delt', costParty: ['nav', 'fk'], ...shares(['60', '40 %', '10']) }),
    ).toEqual(['Oppfølgingstjenesten deler ikke kostnaden: kryss av for parten, eller tøm andelen.']);
    expect(problems({ costBearer: 'staten' })).toEqual(['Velg en av partene.']);
  });
});
