/**
 * How an answer is judged: right only with the right clause, owner or grey status, county and date; and
 * which wrong first answers are dangerous. Answers are made by hand here; the floor test runs the real lookup.
 */
import { describe, expect, it } from '@jest/globals';
import { summarize } from '../../eval/evaluate.js';
import { judge } from '../../eval/judge.js';
import type { EvalQuestion } from '../../eval/question-set.js';
import { printEvaluation } from '../../eval/report.js';
import type { LookupAnswer, LookupResult } from '../../src/lookup/search.js';

const today = '2026-12-01';
const counties: Record<string, string> = { 'dalheim-avtale': 'Dalheim', 'fjordvik-ramme': 'Fjordvik' };
const countyOf = (id: string) => counties[id];

function result(
  ref: string,
  owner: string | null,
  validity = { from: '2024-08-01', to: null as string | null },
): LookupResult {
  const [agreementId = '', clauseId = ''] = ref.split('#');
  return {
    agreementId,
    clauseId,
    county: counties[agreementId] ?? '?',
    status: owner ? 'settled' : 'grey',
    owner: owner ? { id: owner, name: owner } : null,
    validity,
  } as LookupResult;
}

function answer(
  results: LookupResult[],
  date = today,
  escalation: LookupAnswer['escalation'] = [],
  intents: string[] = [],
): LookupAnswer {
  return { date, results, escalation, question: { intents } } as unknown as LookupAnswer;
}

const question: EvalQuestion = {
  id: 'x',
  q: 'fekk ikkje læreplass',
  scope: { county: 'Dalheim' },
  expect: {
    kind: 'clause',
    agreement: 'dalheim-avtale',
    clause: 'utan-laereplass',
    owner: 'dalheim-fk',
    also: [],
  },
  style: 'terse-nynorsk',
  classes: ['county'],
  heldOut: false,
};

describe('judging an answer', () => {
  it('is right first with the expected clause and owner in force on the day', () => {
    const verdict = judge(
      question,
      answer([result('dalheim-avtale#utan-laereplass', 'dalheim-fk')]),
      today,
      countyOf,
    );
    expect(verdict).toEqual({
      rank: 1,
      danger: null,
      first: 'dalheim-avtale#utan-laereplass dalheim-fk [Dalheim, 2026-12-01]',
    });
  });

  it('counts the rank of the first right result, and a clause listed as saying the same', () => {
    const other = {
      ...question,
      expect: { ...question.expect, also: ['dalheim-avtale#utanfor'] },
    } as EvalQuestion;
    const verdict = judge(
      other,
      answer([result('dalheim-avtale#samtykke', 'ot'), result('dalheim-avtale#utanfor', 'dalheim-fk')]),
      today,
      countyOf,
    );
    expect(verdict.rank).toBe(2);
    expect(verdict.danger).toBeNull();
  });

  it('calls another county’s clause first dangerous', () => {
    const verdict = judge(
      question,
      answer([result('fjordvik-ramme#uten-laereplass', 'nav-fjordvik')]),
      today,
      countyOf,
    );
    expect(verdict).toMatchObject({ rank: null, danger: 'other-county' });
  });

  it('calls the right clause with another owner an owner for the wrong date', () => {
    const verdict = judge(
      question,
      answer([result('dalheim-avtale#utan-laereplass', 'nav-fjordvik')]),
      today,
      countyOf,
    );
    expect(verdict.danger).toBe('wrong-date');
  });

  it('does not count a version that is not in force on the day', () => {
    const old = result('dalheim-avtale#utan-laereplass', 'dalheim-fk', {
      from: '2024-03-01',
      to: '2024-07-31',
    });
    expect(judge(question, answer([old]), today, countyOf).rank).toBeNull();
  });

  it('needs the date a question names to be the date answered', () => {
    const dated = {
      ...question,
      asked: { from: '2024-05-01', to: '2024-05-31' },
      classes: ['date'],
    } as EvalQuestion;
    const right = result('dalheim-avtale#utan-laereplass', 'dalheim-fk');
    expect(judge(dated, answer([right], '2024-05-01'), today, countyOf).rank).toBe(1);
    expect(judge(dated, answer([right], today), today, countyOf)).toMatchObject({ rank: null, danger: null });
    const todays = result('dalheim-avtale#utan-laereplass', 'ot');
    expect(judge(dated, answer([todays], today), today, countyOf).danger).toBe('wrong-date');
  });

  it("takes the expected agreement's county on the answer's day, so a merged county's clause is not another county's", () => {
    // The agreement named the merged county until the split in 2024, and Dalheim after it.
    const countyOnDay = (id: string, date: string) =>
      id === 'dalheim-avtale' && date < '2024-01-01' ? 'Dalheim og Fjordvik' : counties[id];
    const dated = { ...question, asked: { from: '2022-03-01', to: '2022-03-31' } } as EvalQuestion;
    const neighbour = {
      ...result('dalheim-avtale#praksisplass', 'dalheim-fk'),
      county: 'Dalheim og Fjordvik',
    };
    expect(judge(dated, answer([neighbour], '2022-03-01'), today, countyOnDay).danger).toBeNull();
    expect(judge(dated, answer([neighbour], '2022-03-01'), today, countyOf).danger).toBe('other-county');
  });

  it('calls a settled clause above the governing grey zone dangerous, and a grey zone where the agreement decides', () => {
    const grey = {
      ...question,
      expect: { ...question.expect, clause: 'utstyr', owner: 'uavklart' },
    } as EvalQuestion;
    expect(
      judge(grey, answer([result('dalheim-avtale#praksisplass', 'nav-fjordvik')]), today, countyOf).danger,
    ).toBe('settled-over-grey');
    expect(judge(grey, answer([result('dalheim-avtale#utstyr', null)]), today, countyOf).rank).toBe(1);
    expect(judge(question, answer([result('dalheim-avtale#utstyr', null)]), today, countyOf).danger).toBe(
      'grey-where-covered',
    );
    expect(judge(question, answer([]), today, countyOf).danger).toBe('grey-where-covered');
  });

  it('takes «no clause covers this» as right only when the answer leads with the county’s escalation route', () => {
    const none = {
      ...question,
      expect: { kind: 'none', county: 'Dalheim', escalation: 'Leiarmøtet' },
    } as EvalQuestion;
    const route = { agreementId: 'dalheim-avtale', agreementTitle: '', county: 'Dalheim', to: 'Leiarmøtet' };
    expect(judge(none, answer([], today, [route]), today, countyOf).rank).toBe(1);
    expect(judge(none, answer([], today, []), today, countyOf).rank).toBeNull();
    const settled = judge(
      none,
      answer([result('dalheim-avtale#samtykke', 'ot')], today, [route]),
      today,
      countyOf,
    );
    expect(settled).toMatchObject({ rank: null, danger: null });
    const elsewhere = judge(
      none,
      answer([result('fjordvik-ramme#samtykke', 'ot')], today, [route]),
      today,
      countyOf,
    );
    expect(elsewhere.danger).toBe('other-county');
    // A dispute: the answer shows the route before the cards.
    const dispute = answer([result('dalheim-avtale#samtykke', 'ot')], today, [route], ['escalation']);
    expect(judge(none, dispute, today, countyOf).rank).toBe(1);
  });
});

describe('an answer that asks for the county', () => {
  /** Nobody's county known: Fjordvik's clause first, and the answer asks which county (these two). */
  const asking = (counties: string[]) =>
    ({
      ...answer([
        result('fjordvik-ramme#uten-laereplass', 'nav-fjordvik'),
        result('dalheim-avtale#utan-laereplass', 'dalheim-fk'),
      ]),
      countyNeeded: { counties: counties.map((county) => ({ county })) },
    }) as unknown as LookupAnswer;
  const nobodys = { ...question, scope: undefined } as EvalQuestion;

  it('is not dangerous with another county’s clause first when the county asked about is among the choices', () => {
    expect(judge(nobodys, asking(['Fjordvik', 'Dalheim']), today, countyOf)).toEqual({
      rank: 2,
      danger: null,
      countyAsked: true,
      first: 'fjordvik-ramme#uten-laereplass nav-fjordvik [Fjordvik, 2026-12-01]',
    });
  });

  it('stays dangerous when the choices leave the county asked about out', () => {
    const verdict = judge(nobodys, asking(['Fjordvik', 'Innmark']), today, countyOf);
    expect(verdict).toMatchObject({ rank: 2, danger: 'other-county' });
    expect(verdict.countyAsked).toBeUndefined();
  });

  it('is still right first only with the right clause first', () => {
    const right = {
      ...asking(['Dalheim', 'Fjordvik']),
      results: [result('dalheim-avtale#utan-laereplass', 'dalheim-fk')],
    } as LookupAnswer;
    expect(judge(nobodys, right, today, countyOf)).toMatchObject({ rank: 1, danger: null });
    expect(judge(nobodys, right, today, countyOf).countyAsked).toBeUndefined();
  });

  it('counts the same for «no clause covers this» with another county’s clause first', () => {
    const none = {
      ...nobodys,
      expect: { kind: 'none', county: 'Dalheim', escalation: 'Leiarmøtet' },
    } as EvalQuestion;
    expect(judge(none, asking(['Fjordvik', 'Dalheim']), today, countyOf)).toMatchObject({
      rank: null,
      danger: null,
      countyAsked: true,
    });
    expect(judge(none, asking(['Fjordvik']), today, countyOf).danger).toBe('other-county');
  });

  it('the report counts those answers on their own line under the dangerous misses', () => {
    const outcome = {
      question: { ...nobodys, heldOut: true },
      verdict: judge(nobodys, asking(['Fjordvik', 'Dalheim']), today, countyOf),
    };
    const lines: string[] = [];
    printEvaluation(summarize(today, [outcome]), (line) => lines.push(line));
    const heldOut = lines.indexOf('Farlige bom (holdt ute, bare antall)');
    expect(lines.slice(heldOut, heldOut + 6)).toContain('  et annet fylke først, men svaret ber om fylke: 1');
    expect(lines).toContain('    0  et annet fylkes punkt først');
    expect(lines.some((line) => line.startsWith('- x ') && line.endsWith('nr. 2 (ber om fylke)'))).toBe(true);
  });
});
