/**
 * From decision to agreement: a decided case offers a draft of its agreement in which the grey zone
 * becomes a settled clause (or the clause gets the owner the committee named), from a start date, with the
 * decision as its text and the case as its reference (the commit's `Sak:` trailer). The draft is saved
 * through the drafting service like any edit — the editor's scope, a new draft of an approved version —
 * and goes through the normal approval by the parties. The case records which draft it became.
 *
 * The chain of a case (raised → decided → amended → approved → in force) is read from the case's own
 * history and the agreement's versions.
 */
import type { Principal } from '../access/principal.js';
import type { Agreements, AgreementVersion } from '../domain/agreements.js';
import { GjerdeError } from '../domain/errors.js';
import { editFrontMatter } from '../domain/front-matter-edit.js';
import { fieldsRefusal } from '../domain/personal-data.js';
import { isApproved } from '../domain/validity.js';
import { clauseToInput, costFields, costForm, readClauseForm, writeClause } from '../drafting/clause-edit.js';
import type { Drafting } from '../drafting/service.js';
import { dayInNorway, isIsoDate, isoDateOf, typeDateAs } from '../format/dates.js';
import { idFromTitle } from '../format/ids.js';
import { formatDate } from '../format/wording.js';
import type { Revision } from '../store/store.js';
import { agesText } from './case-file.js';
import type { Cases } from './cases.js';
import { keepsAmendment, lowerFirst } from './precedents.js';
import type { UnclearCase } from './types.js';

/** The trailer on the amendment's commit that names the case it comes from. */
export const caseTrailer = 'Sak';

export const amendmentFields = [
  'baseRev',
  'clause',
  'title',
  'owner',
  'text',
  'validFrom',
  'reason',
] as const;

/** What the amendment form starts with: the clause as the decision makes it. */
export interface AmendmentProposal {
  unclear: UnclearCase;
  base: AgreementVersion;
  /** No clause of the agreement is about the case: the amendment adds one. */
  isNew: boolean;
  clause: string;
  title: string;
  owner: string;
  text: string;
  validFrom: string;
  reason: string;
}

export async function proposeAmendment(
  cases: Cases,
  agreements: Agreements,
  id: string,
  today: string,
): Promise<AmendmentProposal> {
  const { case: unclear } = await cases.get(id);
  const decision = decidedOrRefuse(unclear);
  const base = await agreements.get(unclear.agreementId);
  const existing = base.agreement.clauses.find((clause) => clause.id === unclear.clauseId);
  const when = `${lowerFirst(decision.by)} ${formatDate(decision.date)}`;
  return {
    unclear,
    base,
    isNew: !existing,
    clause:
      existing?.id ??
      idFromTitle(
        unclear.title,
        base.agreement.clauses.map((clause) => clause.id),
        'avgjort-sak',
      ),
    title: existing?.title ?? unclear.title,
    owner: decision.owner ?? existing?.owner ?? '',
    text: `${decision.text}\n\nAvgjort i ${when} (sak ${unclear.id}).`,
    validFrom: today > base.agreement.meta.validFrom ? today : base.agreement.meta.validFrom,
    reason: `Endring etter vedtak i ${when}: ${unclear.title}`,
  };
}

/** Saves the amendment as a draft of the agreement (by an editor in scope) and notes it on the case. */
export async function draftAmendment(
  cases: Cases,
  drafting: Drafting,
  id: string,
  body: Record<string, unknown>,
  options: { actor: Principal; today: string },
): Promise<{ version: AgreementVersion; unclear: UnclearCase }> {
  const proposal = await proposeAmendment(cases, drafting.agreements, id, options.today);
  const { unclear } = proposal;
  const unknown = Object.keys(body).filter(
    (key) => !(amendmentFields as readonly string[]).includes(key) && key !== '_csrf' && key !== 'action',
  );
  if (unknown.length > 0)
    throw new GjerdeError('invalid-input', `Ukjent felt «${unknown[0]?.slice(0, 60)}».`, {
      problems: unknown.map((key) => ({ variable: key.slice(0, 60), message: 'Ukjent felt.' })),
    });
  const field = (name: string, fallback: string) =>
    typeof body[name] === 'string' ? (body[name] as string) : fallback;
  const baseRev = field('baseRev', proposal.base.revision.rev);
  const base = await drafting.agreements.get(unclear.agreementId, { rev: baseRev });
  const clauseId = field('clause', proposal.clause);
  const existing = base.agreement.clauses.find((clause) => clause.id === clauseId);
  const isNew = !existing;
  const from = existing ? clauseToInput(existing) : undefined;
  const clauseBody: Record<string, unknown> = {
    id: clauseId,
    title: field('title', proposal.title),
    status: 'avklart',
    owner: field('owner', proposal.owner),
    supporting: (from?.supporting ?? []).filter((party) => party !== field('owner', proposal.owner)),
    facets: from?.facets ?? unclear.facets,
    text: field('text', proposal.text),
  };
  const ages = from?.ages ?? (unclear.ages ? agesText(unclear.ages) : undefined);
  if (ages) clauseBody.ages = ages;
  for (const key of ['keywords', 'legalBasis', 'contact', 'escalation'] as const)
    if (from?.[key]) clauseBody[key] = from[key];
  // The decision changes who owns the case; whoever paid, alone or sharing, still does.
  if (from?.costShares) Object.assign(clauseBody, costFields(costForm(from.costShares)));
  const { clause, problems } = readClauseForm(clauseBody, base.agreement, isNew);
  const validFrom = isoDateOf(field('validFrom', proposal.validFrom));
  if (!isIsoDate(validFrom))
    problems.push({
      variable: 'validFrom',
      message: typeDateAs,
    });
  else if (validFrom < options.today)
    problems.push({
      variable: 'validFrom',
      message: 'Endringen kan ikke gjelde tilbake i tid. Velg i dag eller en senere dato.',
    });
  if (!clause || problems.length > 0)
    throw fieldsRefusal('Endringsforslaget er ikke fylt ut riktig.', problems);
  const markdown = editFrontMatter(writeClause(base.markdown, clause, isNew), (document) => {
    document.set('gyldig-fra', validFrom);
  });
  const reason = `${field('reason', proposal.reason).trim() || proposal.reason}\n\n${caseTrailer}: ${unclear.id}`;
  const saved = await drafting.edit(unclear.agreementId, markdown, {
    actor: options.actor,
    reason,
    baseRev: base.revision.rev,
  });
  const noted = await cases.recordAmendment(id, saved.version, options.actor);
  return { version: saved.version, unclear: noted };
}

function decidedOrRefuse(unclear: UnclearCase): NonNullable<UnclearCase['decision']> {
  if (unclear.status !== 'avgjort' || !unclear.decision)
    throw new GjerdeError(
      'invalid-input',
      'Bare en avgjort sak kan bli en endring av avtalen. Saken må avgjøres i samarbeidsutvalget først.',
    );
  return unclear.decision;
}

export type ChainStep = 'meldt' | 'eskalert' | 'avgjort' | 'dekket' | 'endret' | 'godkjent' | 'i-kraft';

export interface ChainEntry {
  step: ChainStep;
  date: string;
  /** Who did it, when a commit says so. */
  by?: string;
  /** The day the commit recorded it, when that is not the step's own date (a meeting entered later). */
  recorded?: string;
  /** The agreement version it concerns (the amendment draft, the approved version). */
  rev?: string;
  agreementId?: string;
  /** The step lies ahead (an approved version that takes effect later). */
  future?: boolean;
}

/**
 * The case's way through the loop, oldest first: from its own commits (raised, escalated, decided or
 * closed, amendment drafted), then from the agreement's versions after the amendment (approved, and in
 * force from its start date).
 */
export function caseChain(
  unclear: UnclearCase,
  history: Revision[],
  versions: AgreementVersion[],
  today: string,
): ChainEntry[] {
  const oldestFirst = [...history].reverse();
  const authorAt = (index: number) => oldestFirst[index]?.author.name;
  const chain: ChainEntry[] = [];
  const raisedBy = authorAt(0);
  chain.push({ step: 'meldt', date: unclear.raised, ...(raisedBy ? { by: raisedBy } : {}) });
  const commitOf = (date: string, match: RegExp) =>
    oldestFirst.find((revision) => dayInNorway(revision.date) >= date && match.test(revision.reason));
  const add = (step: ChainStep, date: string, match: RegExp, extra: Partial<ChainEntry> = {}) => {
    const commit = commitOf(date, match);
    const recorded = commit && dayInNorway(commit.date);
    chain.push({
      step,
      date,
      ...(commit ? { by: commit.author.name } : {}),
      ...(recorded && recorded !== date ? { recorded } : {}),
      ...extra,
    });
  };
  if (unclear.escalation) add('eskalert', unclear.escalation.date, /^Sak sendt til/);
  if (unclear.decision) add('avgjort', unclear.decision.date, /^Sak avgjort/);
  if (unclear.covered) add('dekket', unclear.covered.date, /^Sak lukket/);
  const amendment = unclear.amendment;
  if (!amendment) return chain;
  const amendedAt = versions.findIndex((version) => version.revision.rev === amendment.rev);
  const draft = versions[amendedAt];
  chain.push({
    step: 'endret',
    date: draft ? dayInNorway(draft.revision.date) : amendment.date,
    rev: amendment.rev,
    agreementId: amendment.agreementId,
    ...(draft ? { by: draft.revision.author.name } : {}),
  });
  if (amendedAt < 0) return chain;
  // The first approved version from the amendment on that still says what it says (newest first).
  const approved = versions
    .slice(0, amendedAt + 1)
    .reverse()
    .find((version) => isApproved(version.agreement.meta) && keepsAmendment(versions, amendedAt, version));
  if (!approved) return chain;
  const approvedBy = approved.revision.author.name;
  chain.push({
    step: 'godkjent',
    date: dayInNorway(approved.revision.date),
    rev: approved.revision.rev,
    agreementId: approved.id,
    by: approvedBy,
  });
  const from = approved.agreement.meta.validFrom;
  chain.push({
    step: 'i-kraft',
    date: from,
    rev: approved.revision.rev,
    agreementId: approved.id,
    future: from > today,
  });
  return chain;
}
