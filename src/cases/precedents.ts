/**
 * Decided cases as precedents: what the lookup shows next to its answer, on the clause a decision
 * concerns and for questions whose situation fits it («Avgjort i samarbeidsutvalget 12. mars 2026: NAV
 * dekker …»). Once the agreement has been amended after the decision and that version is in force on the
 * asked date, the precedent says so: the answer then comes from the clause itself.
 *
 * This is the seam between the register and the lookup: the lookup (or its page) passes what it answered
 * — the date, the question's age and situation, the clauses it shows — and gets precedents back, without
 * either module knowing the other's insides.
 */
import type { AgreementVersion } from '../domain/agreements.js';
import { versionInForce } from '../domain/validity.js';
import { agesOverlap } from '../format/clauses.js';
import type { AgeRange, Clause } from '../format/types.js';
import { formatDate, partyName } from '../format/wording.js';
import type { UnclearCase } from './types.js';

export interface PrecedentQuery {
  /** The date the answer is for (`YYYY-MM-DD`): decisions made after it are not shown. */
  date: string;
  county?: string | null;
  age?: AgeRange | null;
  facets: readonly string[];
  /** The clauses the answer shows; their counties are the situation's scope. */
  results: readonly { agreementId: string; clauseId: string; county?: string }[];
  /** Clauses shown apart (other counties'): they get their precedents, but set no scope. */
  elsewhere?: readonly { agreementId: string; clauseId: string }[];
}

export interface Precedent {
  caseId: string;
  title: string;
  agreementId: string;
  clauseId?: string;
  decided: string;
  by: string;
  text: string;
  owner?: { id: string; name: string };
  /** «Avgjort i samarbeidsutvalget 12. mars 2026: NAV dekker …» */
  sentence: string;
  /** The amended version is in force on the asked date: from when, and which version. */
  incorporated?: { from: string; rev: string };
}

export interface Precedents {
  /** By `agreementId#clauseId` of a clause the answer shows. */
  byClause: Map<string, Precedent[]>;
  /** Decisions about the asked situation that concern no clause the answer shows. */
  bySituation: Precedent[];
}

export const clauseKey = (agreementId: string, clauseId: string) => `${agreementId}#${clauseId}`;

/** Precedents for one answer, from the cases decided on or before its date. */
export async function findPrecedents(
  cases: readonly UnclearCase[],
  versionsOf: (agreementId: string) => Promise<AgreementVersion[]>,
  query: PrecedentQuery,
): Promise<Precedents> {
  const shown = new Set(
    [...query.results, ...(query.elsewhere ?? [])].map((result) =>
      clauseKey(result.agreementId, result.clauseId),
    ),
  );
  const counties = new Set(
    [query.county, ...query.results.map((result) => result.county)]
      .filter((county): county is string => Boolean(county))
      .map((county) => county.toLocaleLowerCase('nb')),
  );
  const byClause = new Map<string, Precedent[]>();
  const bySituation: Precedent[] = [];
  const memo = new Map<string, Promise<AgreementVersion[]>>();
  const versions = (id: string) => {
    let pending = memo.get(id);
    if (!pending) {
      pending = versionsOf(id).catch(() => []);
      memo.set(id, pending);
    }
    return pending;
  };
  for (const unclear of cases) {
    const decision = unclear.decision;
    if (unclear.status !== 'avgjort' || !decision || decision.date > query.date) continue;
    const key = unclear.clauseId ? clauseKey(unclear.agreementId, unclear.clauseId) : undefined;
    const onClause = key !== undefined && shown.has(key);
    if (!onClause && !fitsSituation(unclear, query, counties)) continue;
    const precedent = await toPrecedent(unclear, await versions(unclear.agreementId), query.date);
    if (onClause && key) byClause.set(key, [...(byClause.get(key) ?? []), precedent]);
    else bySituation.push(precedent);
  }
  const newestFirst = (a: Precedent, b: Precedent) => b.decided.localeCompare(a.decided);
  for (const list of byClause.values()) list.sort(newestFirst);
  return { byClause, bySituation: bySituation.sort(newestFirst) };
}

/** The case is about the asked situation: a shared facet, an age that fits, the same county. */
function fitsSituation(unclear: UnclearCase, query: PrecedentQuery, counties: Set<string>): boolean {
  if (query.facets.length === 0 || !unclear.facets.some((facet) => query.facets.includes(facet)))
    return false;
  if (query.age && unclear.ages && !agesOverlap(query.age, unclear.ages)) return false;
  return counties.size === 0 || counties.has(unclear.county.toLocaleLowerCase('nb'));
}

async function toPrecedent(
  unclear: UnclearCase,
  versions: AgreementVersion[],
  date: string,
): Promise<Precedent> {
  const decision = unclear.decision as NonNullable<UnclearCase['decision']>;
  const latest = versions[0];
  const precedent: Precedent = {
    caseId: unclear.id,
    title: unclear.title,
    agreementId: unclear.agreementId,
    decided: decision.date,
    by: decision.by,
    text: decision.text,
    sentence: `Avgjort i ${lowerFirst(decision.by)} ${formatDate(decision.date)}: ${decision.text}`,
  };
  if (unclear.clauseId) precedent.clauseId = unclear.clauseId;
  if (decision.owner)
    precedent.owner = {
      id: decision.owner,
      name: latest ? partyName(latest.agreement, decision.owner) : decision.owner,
    };
  const incorporated = amendedInForce(unclear, versions, date);
  if (incorporated)
    precedent.incorporated = {
      from: incorporated.agreement.meta.validFrom,
      rev: incorporated.revision.rev,
    };
  return precedent;
}

/**
 * The version in force on `date` when it is the amendment drafted from the case or a later version of
 * the agreement (versions of one agreement are a line, newest first).
 */
export function amendedInForce(
  unclear: UnclearCase,
  versions: AgreementVersion[],
  date: string,
): AgreementVersion | undefined {
  const rev = unclear.amendment?.rev;
  if (!rev) return undefined;
  const amendedAt = versions.findIndex((version) => version.revision.rev === rev);
  const inForce = versionInForce(versions, date);
  if (amendedAt < 0 || !inForce) return undefined;
  return versions.indexOf(inForce) <= amendedAt && keepsAmendment(versions, amendedAt, inForce)
    ? inForce
    : undefined;
}

/**
 * Whether `later` still gives the clauses the amendment changed (`versions[amendedAt]`, newest first) the
 * status and owner the amendment gave them: an editor may take the decision out of the draft again before
 * it is approved, and then the approved version does not carry the case.
 */
export function keepsAmendment(
  versions: AgreementVersion[],
  amendedAt: number,
  later: AgreementVersion,
): boolean {
  const amended = versions[amendedAt];
  if (!amended) return false;
  const responsibility = (clause: Clause) => `${clause.status} ${clause.owner ?? ''}`;
  const responsibilities = (version: AgreementVersion | undefined) =>
    new Map(version?.agreement.clauses.map((clause) => [clause.id, responsibility(clause)]));
  const before = responsibilities(versions[amendedAt + 1]);
  const after = responsibilities(later);
  return amended.agreement.clauses.every(
    (clause) =>
      before.get(clause.id) === responsibility(clause) || after.get(clause.id) === responsibility(clause),
  );
}

/** «Samarbeidsutvalget» inside a sentence: «i samarbeidsutvalget»; a name like «NAV-utvalget» stays. */
export function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text[0]?.toLocaleLowerCase('nb') + text.slice(1) : text;
}
