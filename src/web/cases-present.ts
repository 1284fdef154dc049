import { holdsParty } from '../access/party-grants.js';
import type { Principal } from '../access/principal.js';
import type { AmendmentProposal, ChainEntry } from '../cases/amendment.js';
import { agesText } from '../cases/case-file.js';
import { type CaseEntry, defaultCommittee, outcomes } from '../cases/cases.js';
import { NeedsConfirmation } from '../cases/input.js';
import { clauseKey, type Precedent, type Precedents } from '../cases/precedents.js';
import { caseStatuses, isOpen, type UnclearCase } from '../cases/types.js';
import type { AgreementSummary, AgreementVersion } from '../domain/agreements.js';
import type { GjerdeError } from '../domain/errors.js';
import type { AgeRange, AgreementStatus, Clause } from '../format/types.js';
import { agreementKinds, situationFacets } from '../format/vocabulary.js';
import { describeAges, formatDate, partyName } from '../format/wording.js';
import type { ClauseNote } from '../render/agreement-html.js';
import { urls } from './urls.js';

/** Plain data for the case pages and API: Norwegian labels, links, and the forms' values and problems. */

const statusColors: Record<UnclearCase['status'], string> = {
  apen: 'warning',
  eskalert: 'warning',
  avgjort: 'success',
  dekket: 'info',
};

/** Whole days from one date to another (`YYYY-MM-DD`). */
function daysBetween(from: string, to: string): number {
  const day = (date: string) =>
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

function waitingLabel(days: number): string {
  if (days <= 0) return 'meldt i dag';
  return days === 1 ? 'har ventet 1 dag' : `har ventet ${days} dager`;
}

function situationOf(unclear: UnclearCase): string {
  return [describeAges(unclear.ages), ...unclear.facets.map((facet) => situationFacets[facet] ?? facet)]
    .filter(Boolean)
    .join(' · ');
}

/** One case in a list or at the top of its page; names from the agreement when it can be read. */
export function presentCaseSummary(entry: CaseEntry, today: string, agreement?: AgreementVersion) {
  const { case: unclear } = entry;
  const clause = agreement?.agreement.clauses.find((candidate) => candidate.id === unclear.clauseId);
  const waiting = daysBetween(unclear.raised, today);
  return {
    id: unclear.id,
    href: urls.case(unclear.id),
    title: unclear.title,
    status: unclear.status,
    statusLabel: caseStatuses[unclear.status],
    statusColor: statusColors[unclear.status],
    open: isOpen(unclear.status),
    escalated: unclear.status === 'eskalert',
    agreementId: unclear.agreementId,
    agreementTitle: agreement?.agreement.meta.title ?? unclear.agreementId,
    /** On a fictional example agreement: a try-out, not a real case. */
    example: agreement?.agreement.meta.example ?? false,
    agreementHref: urls.agreement(unclear.agreementId),
    clauseId: unclear.clauseId,
    clauseTitle: clause?.title ?? unclear.clauseId,
    clauseHref: unclear.clauseId
      ? urls.agreement(unclear.agreementId, { clause: unclear.clauseId })
      : undefined,
    county: unclear.county,
    raisedByParty: agreement ? partyName(agreement.agreement, unclear.raisedBy) : unclear.raisedBy,
    raisedByName: entry.raisedBy?.name,
    raisedLabel: formatDate(unclear.raised),
    waiting: isOpen(unclear.status) ? waitingLabel(waiting) : undefined,
    situation: situationOf(unclear),
    decisionSentence: unclear.decision
      ? `${unclear.decision.by}, ${formatDate(unclear.decision.date)}: ${unclear.decision.text}`
      : undefined,
  };
}

/** The list page: the person's queue (committee members), the other open cases, and the handled ones. */
export function presentCaseList(
  data: {
    queue: CaseEntry[];
    open: CaseEntry[];
    all: {
      entries: CaseEntry[];
      unreadable: { path: string; messages: { message: string; line?: number }[] }[];
    };
    member: boolean;
    agreements: Map<string, AgreementVersion>;
  },
  today: string,
) {
  const summary = (entry: CaseEntry) =>
    presentCaseSummary(entry, today, data.agreements.get(entry.case.agreementId));
  const mine = new Set(data.queue.map((entry) => entry.case.id));
  return {
    member: data.member,
    queue: data.queue.map(summary),
    others: data.open.filter((entry) => !mine.has(entry.case.id)).map(summary),
    handled: data.all.entries.filter((entry) => !isOpen(entry.case.status)).map(summary),
    unreadable: data.all.unreadable.map((file) => ({
      path: file.path,
      message: file.messages.map((message) => `linje ${message.line ?? 1}: ${message.message}`).join(' '),
    })),
  };
}

/** A case as the API gives it: the facts of the file, who raised it, and how long it has waited. */
export function presentCaseJson(entry: CaseEntry, today: string) {
  const { case: unclear } = entry;
  return {
    id: unclear.id,
    title: unclear.title,
    status: unclear.status,
    agreement: unclear.agreementId,
    clause: unclear.clauseId ?? null,
    county: unclear.county,
    party: unclear.raisedBy,
    raised: unclear.raised,
    raisedBy: entry.raisedBy?.name ?? null,
    waitingDays: isOpen(unclear.status) ? daysBetween(unclear.raised, today) : null,
    age: unclear.ages ? agesText(unclear.ages) : null,
    facets: unclear.facets,
    situation: unclear.situation,
    disagreement: unclear.disagreement,
    escalation: unclear.escalation ?? null,
    decision: unclear.decision ?? null,
    covered: unclear.covered ?? null,
    amendment: unclear.amendment ?? null,
    href: urls.case(unclear.id),
  };
}

/** Problems by field, and the error summary's links to them. */
function problemsOf(error: GjerdeError | undefined, prefix: string) {
  const problems = error?.details.problems ?? [];
  const byField: Record<string, string> = {};
  for (const problem of problems) byField[problem.variable] ??= problem.message;
  const confirm = error instanceof NeedsConfirmation;
  return {
    byField: confirm ? {} : byField,
    warnings: confirm
      ? problems.map((problem) => ({ ...problem, href: `#${prefix}-${problem.variable}` }))
      : [],
    summary: confirm
      ? []
      : problems.length > 0
        ? problems.map((problem) => ({ message: problem.message, href: `#${prefix}-${problem.variable}` }))
        : error
          ? [{ message: error.message, href: `#${prefix}-skjema` }]
          : [],
    needsConfirmation: confirm,
  };
}

const text = (values: Record<string, unknown>, name: string) =>
  typeof values[name] === 'string' ? (values[name] as string) : '';

/** The form for raising a case: the agreement first; then its clauses and parties. */
export function presentRaiseForm(data: {
  values: Record<string, unknown>;
  version: AgreementVersion | undefined;
  summaries: AgreementSummary[];
  principal: Principal | undefined;
  error: GjerdeError | undefined;
  /** No account can decide the chosen agreement's cases yet (src/web/case-deciders.ts). */
  nobodyDecides: boolean;
}) {
  const { values, version } = data;
  const facets = new Set(
    (Array.isArray(values.facets) ? values.facets : [values.facets]).filter(
      (facet): facet is string => typeof facet === 'string',
    ),
  );
  const meta = version?.agreement.meta;
  const principal = data.principal;
  const ownParty =
    meta && principal && meta.parties.find((party) => holdsParty(principal, party.id, meta.county))?.id;
  const chosenParty = text(values, 'party') || ownParty;
  const clauseId = text(values, 'clause');
  const clause = version?.agreement.clauses.find((candidate) => candidate.id === clauseId);
  return {
    chosen: Boolean(version),
    agreement: meta && { id: meta.id, title: meta.title, county: meta.county, example: meta.example },
    nobodyDecides: data.nobodyDecides,
    agreementGroups: groupByCounty(data.summaries),
    clauses: (version?.agreement.clauses ?? []).map((candidate) => ({
      id: candidate.id,
      title: `${candidate.title}${candidate.status === 'grey' ? ' (uavklart)' : ''}`,
      selected: candidate.id === clauseId,
    })),
    clause: clause && { id: clause.id, title: clause.title, grey: clause.status === 'grey' },
    parties: (meta?.parties ?? []).map((party) => ({
      id: party.id,
      name: party.name,
      checked: party.id === chosenParty,
    })),
    facets: Object.entries(situationFacets).map(([value, label]) => ({
      value,
      label,
      checked: facets.has(value),
    })),
    form: {
      title: text(values, 'title') || (clause ? `Uklart: ${clause.title}` : ''),
      age: text(values, 'age'),
      situation: text(values, 'situation'),
      disagreement: text(values, 'disagreement'),
      confirmed: text(values, 'confirmed') !== '',
    },
    problems: problemsOf(data.error, 'sak'),
  };
}

function groupByCounty(summaries: AgreementSummary[]) {
  const groups = new Map<string, { id: string; label: string }[]>();
  for (const summary of summaries) {
    const shown = summary.inForce ?? summary.latest;
    const { county, title, kind } = shown.agreement.meta;
    groups.set(county, [
      ...(groups.get(county) ?? []),
      { id: summary.id, label: `${agreementKinds[kind]}: ${title}` },
    ]);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b, 'nb'))
    .map(([county, agreements]) => ({ county, agreements }));
}

const chainLabels: Record<ChainEntry['step'], string> = {
  meldt: 'Meldt til samarbeidsutvalget',
  eskalert: 'Sendt til styringsgruppen',
  avgjort: 'Avgjort',
  dekket: 'Lukket: dekket av avtalen',
  endret: 'Endringsforslag til avtalen',
  godkjent: 'Endringen godkjent av partene',
  'i-kraft': 'I kraft i avtalen',
};

/**
 * The chain as the case page says it. `decidedBy`: the body that decided (the decision's «av»); the person on
 * the decision's step only recorded it («Samarbeidsutvalget i Fjordvik, registrert av …»).
 */
function presentChain(chain: ChainEntry[], base?: AgreementVersion, decidedBy?: string) {
  const beforeRev = base?.revision.rev;
  return chain.map((entry) => {
    const linksOf: { href: string; text: string }[] = [];
    if (entry.agreementId && entry.rev) {
      linksOf.push({ href: urls.revision(entry.agreementId, entry.rev), text: 'Les versjonen' });
      if (entry.step === 'endret' && beforeRev && beforeRev !== entry.rev)
        linksOf.push({
          href: urls.compare(entry.agreementId, beforeRev.slice(0, 12), entry.rev.slice(0, 12)),
          text: 'Sammenlign med gjeldende avtale',
        });
      if (entry.step === 'endret')
        linksOf.push({ href: urls.timeline(entry.agreementId), text: 'Historikk' });
    }
    return {
      label: chainLabels[entry.step],
      when: entry.future ? `fra ${formatDate(entry.date)}` : formatDate(entry.date),
      by: chainBy(entry, decidedBy),
      future: entry.future ?? false,
      links: linksOf,
    };
  });
}

/** Who did a step; a step recorded after the meeting's day says when it was recorded («registrert 7. desember 2026 av …»). */
function chainBy(entry: ChainEntry, decidedBy?: string): string | undefined {
  if (!entry.by) return undefined;
  const recorded = entry.recorded ? ` ${formatDate(entry.recorded)}` : '';
  if (entry.step === 'avgjort' && decidedBy) return `${decidedBy}, registrert${recorded} av ${entry.by}`;
  return recorded ? `${entry.by}, registrert${recorded}` : entry.by;
}

/** One case: its facts, what was done with it, the forms the person may use. */
export function presentCasePage(data: {
  entry: CaseEntry;
  version: AgreementVersion;
  chain: ChainEntry[];
  mayDecide: boolean;
  mayAmend: boolean;
  /** The status of the agreement's latest version: whether the amendment's draft was sent, or approved without it. */
  latestStatus: AgreementStatus;
  /** An open case that no account can decide yet (src/web/case-deciders.ts). */
  nobodyDecides: boolean;
  flash: { raised: boolean; handled: boolean; amended: boolean };
  failed?: { body: Record<string, unknown>; error: GjerdeError };
  today: string;
}) {
  const { entry, version } = data;
  const { case: unclear } = entry;
  const values = data.failed?.body ?? {};
  const agreement = version.agreement;
  const outcome = text(values, 'outcome');
  const owner = text(values, 'owner') || unclear.decision?.owner || '';
  const amendment = unclear.amendment;
  const amendedStep = data.chain.find((step) => step.step === 'godkjent');
  return {
    unclear: presentCaseSummary(entry, data.today, version),
    situationText: unclear.situation.split(/\n{2,}/),
    disagreementText: unclear.disagreement.split(/\n{2,}/),
    escalation: unclear.escalation && {
      to: unclear.escalation.to,
      date: formatDate(unclear.escalation.date),
      paragraphs: unclear.escalation.text.split(/\n{2,}/),
    },
    decision: unclear.decision && {
      by: unclear.decision.by,
      date: formatDate(unclear.decision.date),
      owner: unclear.decision.owner ? partyName(agreement, unclear.decision.owner) : undefined,
      paragraphs: unclear.decision.text.split(/\n{2,}/),
    },
    covered: unclear.covered && {
      date: formatDate(unclear.covered.date),
      clauseTitle:
        agreement.clauses.find((clause) => clause.id === unclear.covered?.clauseId)?.title ??
        unclear.covered.clauseId,
      href: urls.agreement(unclear.covered.agreementId, { clause: unclear.covered.clauseId }),
      paragraphs: unclear.covered.text ? unclear.covered.text.split(/\n{2,}/) : [],
    },
    chain: presentChain(data.chain, version, unclear.decision?.by),
    flash: data.flash,
    nobodyDecides: data.nobodyDecides && isOpen(unclear.status),
    decide: data.mayDecide &&
      isOpen(unclear.status) && {
        outcomes: Object.entries(outcomes)
          .filter(([value]) => !(value === 'eskalert' && unclear.status === 'eskalert'))
          .map(([value, label]) => ({ value, label, checked: value === outcome })),
        text: text(values, 'text'),
        by:
          text(values, 'by') ||
          (unclear.status === 'eskalert'
            ? unclear.escalation?.to
            : defaultCommittee(version, unclear.clauseId)),
        date: text(values, 'date'),
        parties: agreement.meta.parties.map((party) => ({
          id: party.id,
          name: party.name,
          checked: party.id === owner,
        })),
        clauses: agreement.clauses.map((clause) => ({
          id: clause.id,
          title: clause.title,
          selected: clause.id === (text(values, 'clause') || unclear.clauseId),
        })),
        confirmed: text(values, 'confirmed') !== '',
      },
    problems: problemsOf(data.failed?.error, 'vedtak'),
    amend: data.mayAmend && unclear.status === 'avgjort' && !amendment,
    amendmentPending: amendment && !amendedStep && amendmentState(amendment.agreementId, data.latestStatus),
  };
}

/**
 * Where the amendment's draft stands, said as it is: saved but not sent, sent and waiting for the parties,
 * or the agreement approved without it (an editor took the decision out of the draft before approval).
 */
function amendmentState(agreementId: string, latestStatus: AgreementStatus) {
  const edit = { href: urls.edit(agreementId), text: 'Rediger utkastet' };
  if (latestStatus === 'utkast')
    return {
      text: 'Utkastet til endring er lagret, men ikke sendt til godkjenning ennå.',
      links: [edit, { href: urls.send(agreementId), text: 'Send til godkjenning' }],
    };
  if (latestStatus === 'til-godkjenning')
    return {
      text: 'Utkastet til endring venter på godkjenning hos partene.',
      links: [edit, { href: urls.approve(agreementId), text: 'Godkjenning' }],
    };
  return {
    text: 'Avtalen ble godkjent uten endringen fra vedtaket.',
    links: [{ href: urls.edit(agreementId), text: 'Rediger avtalen' }],
  };
}

/** The amendment form: the clause as the decision makes it, the start date and the reason. */
export function presentAmendmentForm(
  proposal: AmendmentProposal,
  today: string,
  failed?: { body: Record<string, unknown>; error: GjerdeError },
) {
  const values = failed?.body ?? {};
  const value = (name: keyof AmendmentProposal & string) =>
    text(values, name) || String(proposal[name] ?? '');
  const owner = value('owner');
  const current = proposal.base.agreement.clauses.find((clause) => clause.id === proposal.clause);
  return {
    caseHref: urls.case(proposal.unclear.id),
    caseTitle: proposal.unclear.title,
    agreementTitle: proposal.base.agreement.meta.title,
    baseRev: proposal.base.revision.rev,
    isNew: proposal.isNew,
    current: current && {
      title: current.title,
      grey: current.status === 'grey',
      owner: current.owner ? partyName(proposal.base.agreement, current.owner) : undefined,
    },
    form: {
      clause: value('clause'),
      title: value('title'),
      text: value('text'),
      validFrom: value('validFrom'),
      reason: value('reason'),
    },
    today,
    parties: proposal.base.agreement.meta.parties.map((party) => ({
      id: party.id,
      name: party.name,
      checked: party.id === owner,
    })),
    problems: problemsOf(failed?.error, 'endring'),
  };
}

/** Precedents as a lookup card or an agreement's clause shows them. */
export function presentPrecedent(precedent: Precedent) {
  return {
    ...precedent,
    href: urls.case(precedent.caseId),
    incorporatedLabel: precedent.incorporated
      ? `Vedtaket er skrevet inn i avtalen, som gjelder fra ${formatDate(precedent.incorporated.from)}.`
      : undefined,
  };
}

/** Raising a case with what a lookup or a clause knows filled in: agreement, clause, age and situation. */
export function raiseHref(given: {
  agreement?: string | null | undefined;
  clause?: string;
  age?: AgeRange | null;
  facets?: readonly string[];
}): string {
  return urls.newCase({
    agreement: given.agreement ?? undefined,
    clause: given.clause,
    ages: given.age ? agesText(given.age) : undefined,
    situations: given.facets?.join(' '),
  });
}

/** Under each clause of an agreement page: the committee's decisions about it, and raising a case. */
export function clauseNotes(precedents: Precedents, agreementId: string, offerRaise: boolean) {
  return (clause: Clause): ClauseNote[] => [
    ...(precedents.byClause.get(clauseKey(agreementId, clause.id)) ?? []).map((precedent) => ({
      text: presentPrecedent(precedent).incorporatedLabel ?? precedent.sentence,
      link: { href: urls.case(precedent.caseId), text: 'Se saken' },
    })),
    ...(offerRaise
      ? [
          {
            link: {
              href: raiseHref({
                agreement: agreementId,
                clause: clause.id,
                facets: clause.facets,
                age: clause.ages ?? null,
              }),
              text:
                clause.status === 'grey'
                  ? 'Meld en sak om punktet til samarbeidsutvalget'
                  : 'Uklart? Meld en sak om punktet',
            },
          },
        ]
      : []),
  ];
}
