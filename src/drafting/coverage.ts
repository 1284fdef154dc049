import type { VFile } from 'vfile';
import { ageMatches, agesOverlap, parseAgeRange } from '../format/clauses.js';
import type { AgeRange, Agreement, Clause } from '../format/types.js';
import { isSituationFacet } from '../format/vocabulary.js';
import { describeAges } from '../format/wording.js';
import type { Template } from '../templates/render.js';
import { claritySource } from './checks/clarity.js';

/**
 * Coverage, like a RACI check: for every situation a template expects an agreement to settle, some
 * clause says who is responsible (or says it is a grey zone, and where it goes), and no two clauses give
 * the same task to different parties. A clause applies to a situation when it names every facet the
 * situation names (`situasjon=`) and its ages overlap the situation's. Two clauses give the same task
 * to different owners (an overlap) when they have the same facets, overlapping ages and a keyword in
 * common: different tasks for the same young person (income, school place) may well have different owners.
 * An umbrella agreement leaves some situations to its sub-agreements (`type: del`, `overordnet:`): where
 * those in force are known, ages they settle are not gaps; where they are not (one file checked on its
 * own), a gap in an umbrella says it may be settled in one.
 */

export interface CoverageSituation {
  label: string;
  facets: string[];
  ages?: AgeRange;
}

export type CoverageStatus = 'covered' | 'gap' | 'overlap' | 'grey';

export interface ClauseRef {
  id: string;
  title: string;
  /** The sub-agreement the clause is in, when it is not in the agreement checked. */
  agreement?: string;
}

/** A sub-agreement in force: its id, its umbrella agreement (`overordnet`) and its clauses. */
export interface SubAgreementClauses {
  id: string;
  parent: string;
  clauses: Clause[];
}

export interface CoverageSegment {
  ages?: AgeRange;
  /** The responsible parties in these ages, each with the clauses that name it. */
  owners: { party: string; clauses: ClauseRef[] }[];
  /** Grey zones for these ages. */
  grey: ClauseRef[];
}

export interface CoverageOverlap {
  /** The two clauses and their owners. */
  clauses: (ClauseRef & { owner: string })[];
  /** A keyword both use: the shared task. */
  keyword: string;
}

export interface CoverageRow {
  situation: CoverageSituation;
  status: CoverageStatus;
  segments: CoverageSegment[];
  overlaps: CoverageOverlap[];
  /** Supporting parties named by the clauses that apply. */
  supporting: string[];
}

/** Reads and checks a template's `coverage:`; a malformed list is a bug in the template. */
export function coverageOf(template: Template | undefined): CoverageSituation[] {
  const raw = (template?.schema as { coverage?: unknown } | undefined)?.coverage;
  if (raw === undefined) return [];
  const where = `${template?.path ?? 'malen'}: coverage`;
  if (!Array.isArray(raw)) throw new Error(`${where} må være en liste`);
  return raw.map((item, index) => {
    const { label, facets, ages } = (item ?? {}) as { label?: unknown; facets?: unknown; ages?: unknown };
    if (typeof label !== 'string' || label.trim() === '')
      throw new Error(`${where}[${index}] mangler «label»`);
    if (
      !Array.isArray(facets) ||
      facets.length === 0 ||
      !facets.every((facet) => isSituationFacet(String(facet)))
    ) {
      throw new Error(`${where}[${index}] («${label}») må ha «facets» fra situasjonslisten`);
    }
    const situation: CoverageSituation = { label, facets: facets.map(String) };
    if (ages !== undefined) {
      const range = parseAgeRange(String(ages));
      if (!range) throw new Error(`${where}[${index}] («${label}») har ugyldig «ages»: ${String(ages)}`);
      situation.ages = range;
    }
    return situation;
  });
}

function applies(clause: Clause, situation: CoverageSituation): boolean {
  return (
    situation.facets.every((facet) => clause.facets.includes(facet)) &&
    agesOverlap(clause.ages, situation.ages)
  );
}

function ref(clause: Clause, agreement?: string): ClauseRef {
  return agreement
    ? { id: clause.id, title: clause.title, agreement }
    : { id: clause.id, title: clause.title };
}

function segmentFor(clauses: Clause[], ages: AgeRange | undefined, agreement?: string): CoverageSegment {
  const owners = new Map<string, ClauseRef[]>();
  const grey: ClauseRef[] = [];
  for (const clause of clauses) {
    if (clause.status === 'grey') grey.push(ref(clause, agreement));
    else if (clause.owner)
      owners.set(clause.owner, [...(owners.get(clause.owner) ?? []), ref(clause, agreement)]);
  }
  const segment: CoverageSegment = {
    owners: [...owners].map(([party, refs]) => ({ party, clauses: refs })),
    grey,
  };
  if (ages) segment.ages = ages;
  return segment;
}

function signature(segment: CoverageSegment): string {
  const owners = segment.owners.map((owner) => `${owner.party}:${owner.clauses.map((c) => c.id).join(',')}`);
  return `${owners.join(';')}|${segment.grey.map((c) => c.id).join(',')}`;
}

/** Splits a situation with a closed age range into runs of ages that have the same owners. */
function segments(candidates: Clause[], situation: CoverageSituation, agreement?: string): CoverageSegment[] {
  const { ages } = situation;
  if (ages?.min === undefined || ages.max === undefined) return [segmentFor(candidates, ages, agreement)];
  const result: CoverageSegment[] = [];
  let previous: string | undefined;
  for (let age = ages.min; age <= ages.max; age += 1) {
    const segment = segmentFor(
      candidates.filter((clause) => ageMatches(clause.ages, age)),
      { min: age, max: age },
      agreement,
    );
    const key = signature(segment);
    const last = result.at(-1);
    if (last && key === previous && last.ages) last.ages.max = age;
    else result.push(segment);
    previous = key;
  }
  return result;
}

function sameFacets(a: Clause, b: Clause): boolean {
  return a.facets.length === b.facets.length && a.facets.every((facet) => b.facets.includes(facet));
}

function sharedKeyword(a: Clause, b: Clause): string | undefined {
  const words = new Set(b.keywords.map((keyword) => keyword.toLowerCase()));
  return a.keywords.find((keyword) => words.has(keyword.toLowerCase()));
}

function overlaps(candidates: Clause[]): CoverageOverlap[] {
  const settled = candidates.filter((clause) => clause.status === 'settled' && clause.owner);
  const found: CoverageOverlap[] = [];
  settled.forEach((clause, index) => {
    for (const other of settled.slice(index + 1)) {
      if (other.owner === clause.owner || !sameFacets(clause, other) || !agesOverlap(clause.ages, other.ages))
        continue;
      const keyword = sharedKeyword(clause, other);
      if (keyword === undefined) continue;
      found.push({
        clauses: [
          { ...ref(clause), owner: clause.owner as string },
          { ...ref(other), owner: other.owner as string },
        ],
        keyword,
      });
    }
  });
  return found;
}

/** A gap's ages as the sub-agreements settle them: still a gap only where none of them does. */
function settledBySubAgreements(
  gap: CoverageSegment,
  situation: CoverageSituation,
  subAgreements: readonly SubAgreementClauses[],
): CoverageSegment[] {
  let parts = [gap];
  for (const sub of subAgreements) {
    parts = parts.flatMap((part) => {
      if (part.owners.length > 0 || part.grey.length > 0) return [part];
      // A closed range is split by age; otherwise the part has the situation's ages.
      const within: CoverageSituation = part.ages ? { ...situation, ages: part.ages } : situation;
      const candidates = sub.clauses.filter((clause) => applies(clause, within));
      return candidates.length === 0 ? [part] : segments(candidates, within, sub.id);
    });
  }
  return parts;
}

/**
 * The coverage of an agreement's expected situations. `subAgreements`: those in force, when known; the
 * clauses of the ones under this agreement settle what it leaves to them.
 */
export function checkCoverage(
  agreement: Agreement,
  situations: CoverageSituation[],
  subAgreements: readonly SubAgreementClauses[] = [],
): CoverageRow[] {
  const own = subAgreements.filter((sub) => sub.parent === agreement.meta.id);
  return situations.map((situation) => {
    const candidates = agreement.clauses.filter((clause) => applies(clause, situation));
    const parts = segments(candidates, situation).flatMap((part) =>
      part.owners.length === 0 && part.grey.length === 0
        ? settledBySubAgreements(part, situation, own)
        : [part],
    );
    const found = overlaps(candidates);
    const supporting = [...new Set(candidates.flatMap((clause) => clause.supporting))];
    let status: CoverageStatus = 'covered';
    if (found.length > 0) status = 'overlap';
    else if (parts.some((part) => part.owners.length === 0 && part.grey.length === 0)) status = 'gap';
    else if (parts.some((part) => part.owners.length === 0)) status = 'grey';
    return { situation, status, segments: parts, overlaps: found, supporting };
  });
}

/**
 * Gaps and overlaps as warnings beside the other checks (`coverage-gap`, `coverage-overlap`).
 * `subAgreementsKnown`: whether the rows count the sub-agreements in force (false for one file on its own).
 */
export function reportCoverage(
  file: VFile,
  agreement: Agreement,
  rows: CoverageRow[],
  subAgreementsKnown: boolean,
): void {
  const maybeInSubAgreement =
    agreement.meta.kind === 'ramme' && !subAgreementsKnown
      ? ' Det kan være avklart i en delavtale under denne rammeavtalen; det ser ikke sjekken av én fil.'
      : '';
  const firstClause = agreement.clauses[0]?.position ?? { line: 1, column: 1 };
  const clauseAt = (id: string) =>
    agreement.clauses.find((clause) => clause.id === id)?.position ?? firstClause;
  const warn = (reason: string, place: { line: number; column: number }, ruleId: string) => {
    const message = file.message(reason, { place, ruleId, source: claritySource });
    message.fatal = false;
  };
  for (const row of rows) {
    const { label } = row.situation;
    for (const part of row.segments) {
      if (part.owners.length > 0 || part.grey.length > 0) continue;
      const ages = describeAges(part.ages);
      warn(
        `Ingen punkt sier hvem som har ansvaret for «${label}»${ages ? ` (${ages})` : ''}. Legg til et ansvarspunkt, eller skriv det som en gråsone med hvor saken tas.${maybeInSubAgreement}`,
        firstClause,
        'coverage-gap',
      );
    }
    for (const overlap of row.overlaps) {
      const [first, second] = overlap.clauses as [
        CoverageOverlap['clauses'][0],
        CoverageOverlap['clauses'][0],
      ];
      warn(
        `Punktene «${first.id}» (${first.owner}) og «${second.id}» (${second.owner}) gir samme oppgave («${overlap.keyword}», ${label.toLowerCase()}) til to ansvarlige. Én oppgave skal ha én ansvarlig; den andre kan stå som «bistår».`,
        clauseAt(second.id),
        'coverage-overlap',
      );
    }
  }
}
