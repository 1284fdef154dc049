import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/drafting/checks/analyze.js';
import { checkCoverage, coverageOf } from '../../src/drafting/coverage.js';
import type { Template } from '../../src/templates/render.js';

function agreement(clauses: string): string {
  return `---
id: testavtale
tittel: Testavtale
type: ramme
fylke: Testfylket
status: utkast
gyldig-fra: 2030-01-01
eskalering: Samarbeidsutvalget
parter:
  - id: nav-test
    navn: NAV Test
  - id: test-fk
    navn: Testfylket fylkeskommune
---

# Testavtale

${clauses}
`;
}

const situations = [
  { label: 'Søkt læreplass, fikk ikke', facets: ['uten-laereplass'], ages: { min: 16, max: 24 } },
  { label: 'Lærling', facets: ['laerling'] },
];

describe('coverage (RACI: one owner per task)', () => {
  it('finds the ages no clause covers, and situations with no clause at all', () => {
    const markdown = agreement(
      ':::ansvar[Uten læreplass, over 19]{#over-19 ansvarlig=nav-test alder=19-24 situasjon=uten-laereplass}\nNAV følger opp.\n:::',
    );
    const analysis = analyze(markdown, { wordBudget: 1000, coverage: situations });
    const [apprentice, noPlace] = [analysis.coverage[1], analysis.coverage[0]];
    expect(noPlace?.status).toBe('gap');
    expect(
      noPlace?.segments.map((segment) => [segment.ages, segment.owners.map((owner) => owner.party)]),
    ).toEqual([
      [{ min: 16, max: 18 }, []],
      [{ min: 19, max: 24 }, ['nav-test']],
    ]);
    expect(apprentice?.status).toBe('gap');
    const gaps = analysis.messages.filter((message) => message.rule === 'coverage-gap');
    expect(gaps.map((message) => message.message)).toEqual([
      expect.stringContaining('«Søkt læreplass, fikk ikke» (16–18 år)'),
      expect.stringContaining('«Lærling»'),
    ]);
  });

  it('counts the clauses of sub-agreements under this umbrella agreement, and only those', () => {
    const umbrella = analyze(agreement(''), { wordBudget: 1000, coverage: [] }).agreement;
    const sub = analyze(
      agreement(
        ':::ansvar[Lærling]{#laerling ansvarlig=test-fk situasjon=laerling}\nFagopplæringen følger opp.\n:::',
      ),
      { wordBudget: 1000, coverage: [] },
    ).agreement;
    const under = (parent: string) => [{ id: 'testdel', parent, clauses: sub.clauses }];
    const covered = checkCoverage(umbrella, situations, under('testavtale'))[1];
    expect(covered?.status).toBe('covered');
    expect(covered?.segments[0]?.owners).toEqual([
      { party: 'test-fk', clauses: [{ id: 'laerling', title: 'Lærling', agreement: 'testdel' }] },
    ]);
    expect(checkCoverage(umbrella, situations, under('annen-ramme'))[1]?.status).toBe('gap');
  });

  it('a grey zone is not a gap: it says where the case goes', () => {
    const markdown = agreement(
      ':::ansvar[Lærling]{#laerling status=uavklart eskalering=Utvalget situasjon=laerling}\nIkke avklart.\n:::',
    );
    const rows = checkCoverage(analyze(markdown, { wordBudget: 1000, coverage: [] }).agreement, situations);
    expect(rows[1]?.status).toBe('grey');
  });

  it('finds two clauses that give the same task to different owners', () => {
    const markdown = agreement(
      [
        ':::ansvar[Formidling]{#formidling ansvarlig=test-fk alder=16-24 situasjon=uten-laereplass stikkord="formidling, læreplass"}\nFylket formidler.\n:::',
        ':::ansvar[Oppfølging]{#oppfolging ansvarlig=nav-test alder=19-24 situasjon=uten-laereplass stikkord="oppfølging, læreplass"}\nNAV følger opp.\n:::',
        ':::ansvar[Penger]{#penger ansvarlig=nav-test situasjon=uten-laereplass stikkord="livsopphold"}\nNAV vurderer.\n:::',
      ].join('\n\n'),
    );
    const analysis = analyze(markdown, { wordBudget: 1000, coverage: situations });
    expect(analysis.coverage[0]?.status).toBe('overlap');
    expect(analysis.coverage[0]?.overlaps).toEqual([
      {
        clauses: [
          { id: 'formidling', title: 'Formidling', owner: 'test-fk' },
          { id: 'oppfolging', title: 'Oppfølging', owner: 'nav-test' },
        ],
        keyword: 'læreplass',
      },
    ]);
    const [overlap] = analysis.messages.filter((message) => message.rule === 'coverage-overlap');
    expect(overlap).toMatchObject({ severity: 'warning', line: 22 });
  });

  it("reads a template's coverage and refuses a malformed one", () => {
    const template = (coverage: unknown) =>
      ({
        id: 't',
        path: 'templates/t/schema.yaml',
        source: '',
        schema: { title: 'T', variables: [], coverage },
      }) as unknown as Template;
    expect(coverageOf(template([{ label: 'Elev', facets: ['elev'], ages: '15-19' }]))).toEqual([
      { label: 'Elev', facets: ['elev'], ages: { min: 15, max: 19 } },
    ]);
    expect(() => coverageOf(template([{ label: 'Elev', facets: ['ukjent'] }]))).toThrow(/facets/);
    expect(() => coverageOf(template([{ label: 'Elev', facets: ['elev'], ages: 'ung' }]))).toThrow(/ages/);
    expect(() => coverageOf(template('alt'))).toThrow(/liste/);
  });
});
