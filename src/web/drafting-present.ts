import type { AgreementVersion } from '../domain/agreements.js';
import type { ApprovalState } from '../domain/approvals.js';
import type { MergeConflict } from '../domain/merge.js';
import type { Analysis } from '../drafting/checks/analyze.js';
import {
  type ClauseInput,
  type CostForm,
  clauseFields,
  clauseToInput,
  costForm,
  facetOptions,
  sharedCostChoice,
} from '../drafting/clause-edit.js';
import type { CoverageRow } from '../drafting/coverage.js';
import {
  type FieldProblem,
  type FormChoices,
  fieldId,
  onVisibleFields,
  type RawAnswers,
} from '../drafting/form.js';
import type { OverlapWarning } from '../drafting/replacement.js';
import type { DraftPreview } from '../drafting/service.js';
import type { PlainMessage } from '../format/messages.js';
import type { Agreement } from '../format/types.js';
import { situationFacets } from '../format/vocabulary.js';
import { describeAges, formatDate, partyName } from '../format/wording.js';
import { agreementToHtml } from '../render/agreement-html.js';
import { presentRevision } from './present.js';
import { urls } from './urls.js';

/** Plain data for the drafting pages and their JSON: messages, checks, coverage, approvals. */

const ruleLabels: Record<string, string> = {
  'too-long': 'For lang',
  'long-sentence': 'Lang setning',
  'long-paragraph': 'Langt avsnitt',
  'unknown-term': 'Fagord',
  'no-owner-phrase': 'Uten ansvarlig',
  'repeated-text': 'Gjentakelse',
  'coverage-gap': 'Mangler ansvarlig',
  'coverage-overlap': 'To ansvarlige',
  'status-wording': 'Status og tekst',
  'clause-removed': 'Punkt tatt ut',
  'unapproved-carried': 'Ikke godkjent',
};

/** Warnings about what the parties approve (a clause left out, a status its text contradicts): the approval page shows them. */
const approvalRules = new Set(['status-wording', 'clause-removed', 'unapproved-carried']);

export function presentMessages(messages: PlainMessage[], markdown?: string) {
  const lines = markdown?.split('\n');
  return messages.map((message) => ({
    ...message,
    error: message.severity === 'error',
    label: message.severity === 'error' ? 'Feil' : (ruleLabels[message.rule ?? ''] ?? 'Råd'),
    excerpt: message.line !== undefined ? lines?.[message.line - 1]?.slice(0, 200) : undefined,
  }));
}

/**
 * What a check's message is about, for a link to the field that fixes it: the clause its line falls in, or
 * the list of clauses for a situation no clause covers. Undefined for the agreement as a whole (its length).
 */
export type MessageTarget = { clause: string } | { newClause: true };

export function messageTarget(
  message: Pick<PlainMessage, 'line' | 'rule'>,
  agreement: Agreement | undefined,
): MessageTarget | undefined {
  if (message.rule === 'coverage-gap') return { newClause: true };
  const line = message.line;
  if (line === undefined || !agreement) return undefined;
  const clause = agreement.clauses.filter((candidate) => candidate.position.line <= line).at(-1);
  // The directive's opening line, its body and the closing «:::».
  const end = clause ? clause.position.line + clause.markdown.split('\n').length + 1 : 0;
  return clause?.id && line <= end ? { clause: clause.id } : undefined;
}

/** The clause form's field a check is about, by its rule, when it is one field's. */
const checkFields: Record<string, string> = { 'legal-basis-repealed': 'legalBasis' };

/**
 * The checks of one clause form as it is typed: its fields' problems, and what the checks of the whole
 * text say about this clause (`field`: the form field it is about, when it is one).
 */
export function presentClauseCheck(result: {
  problems: FieldProblem[];
  clauseId?: string;
  analysis?: Analysis;
}) {
  const { analysis, clauseId } = result;
  const messages = (analysis?.messages ?? []).filter((message) => {
    const target = messageTarget(message, analysis?.agreement);
    return target !== undefined && 'clause' in target && target.clause === clauseId;
  });
  return {
    ok: result.problems.length === 0 && analysis?.ok === true,
    problems: result.problems,
    messages: messages.map(({ severity, rule, message }) => ({
      severity,
      rule,
      message,
      ...(rule && checkFields[rule] ? { field: checkFields[rule] } : {}),
    })),
  };
}

/**
 * The checks in form mode: each message with a link to its field («Gå til feltet») instead of a line and
 * column in a source the person never saw. `href` makes the link for a target, or undefined for none.
 */
export function presentFormChecks(
  analysis: Analysis,
  markdown: string,
  href: (target: MessageTarget) => string | undefined,
) {
  const checks = presentAnalysis(analysis, markdown);
  const messages = checks.messages.map((message) => {
    const target = messageTarget(message, analysis.agreement);
    return { ...message, href: target ? href(target) : undefined };
  });
  return {
    ...checks,
    messages,
    errors: messages.filter((message) => message.error),
    warnings: messages.filter((message) => !message.error),
  };
}

export function presentStats(analysis: Analysis) {
  const { words, readingMinutes, wordBudget } = analysis.stats;
  return { words, readingMinutes, wordBudget, over: words > wordBudget };
}

const statusLabels = {
  covered: { label: 'Avklart', color: 'success' },
  gap: { label: 'Mangler ansvarlig', color: 'danger' },
  overlap: { label: 'Flere ansvarlige', color: 'danger' },
  grey: { label: 'Gråsone', color: 'warning' },
} as const;

export function presentCoverage(rows: CoverageRow[], agreement: Agreement) {
  return rows.map((row) => ({
    label: row.situation.label,
    facets: row.situation.facets.map((facet) => situationFacets[facet] ?? facet).join(' og '),
    ages: describeAges(row.situation.ages) ?? 'alle aldre',
    status: row.status,
    statusLabel: statusLabels[row.status].label,
    statusColor: statusLabels[row.status].color,
    segments: row.segments.map((segment) => ({
      ages: describeAges(segment.ages) ?? '',
      owners: segment.owners.map((owner) => ({
        party: owner.party,
        name: partyName(agreement, owner.party),
        clauses: owner.clauses,
      })),
      grey: segment.grey,
      none: segment.owners.length === 0 && segment.grey.length === 0,
    })),
    overlaps: row.overlaps.map((overlap) => ({
      keyword: overlap.keyword,
      clauses: overlap.clauses.map((clause) => ({
        ...clause,
        ownerName: partyName(agreement, clause.owner),
      })),
    })),
    supporting: row.supporting.map((party) => partyName(agreement, party)).join(', '),
  }));
}

export function presentAnalysis(analysis: Analysis, markdown: string) {
  const messages = presentMessages(analysis.messages, markdown);
  return {
    ok: analysis.ok,
    stats: presentStats(analysis),
    messages,
    errors: messages.filter((message) => message.error),
    warnings: messages.filter((message) => !message.error),
    beforeApproving: messages.filter((message) => approvalRules.has(message.rule ?? '')),
    coverage: presentCoverage(analysis.coverage, analysis.agreement),
  };
}

/** Overlapping umbrella agreements on a drafting page, with a link that ends the other one when it can. */
export function presentOverlaps(warnings: OverlapWarning[]) {
  return warnings.map((warning) => ({
    ...warning,
    ...(!warning.replaces && warning.endOtherOn
      ? {
          endHref: urls.edit(warning.other.id, { validTo: warning.endOtherOn }),
          endLabel: formatDate(warning.endOtherOn),
        }
      : {}),
  }));
}

export function presentApprovals(state: ApprovalState, comments: Record<string, string> = {}) {
  return {
    required: state.required.map((party) => ({
      id: party.id,
      name: party.name,
      approval: state.given.find((given) => given.party === party.id),
      comment: comments[party.id],
    })),
    given: state.given.map((given) => ({ ...given, dateLabel: formatDate(given.date) })),
    missing: state.missing.map((party) => ({ id: party.id, name: party.name })),
    complete: state.complete,
  };
}

/** One clause of the structured editor, with choices from the agreement's parties and contact roles. */
export function presentClauseForm(
  agreement: Agreement,
  input: Partial<ClauseInput> & { id: string; cost?: CostForm },
  problems: FieldProblem[] = [],
  isNew = false,
) {
  const errors = new Map(problems.map((problem) => [problem.variable, problem.message]));
  const prefix = isNew ? 'ny' : `punkt-${input.id}`;
  const field = (name: string) => {
    const error = errors.get(name);
    return { id: `${prefix}-${name}`, error, errorId: error ? `${prefix}-${name}-feil` : undefined };
  };
  const parties = agreement.meta.parties;
  const cost = input.cost ?? costForm(input.costShares);
  return {
    isNew,
    prefix,
    id: input.id,
    title: input.title ?? '',
    grey: input.grey === true,
    owner: input.owner ?? '',
    ages: input.ages ?? '',
    keywords: input.keywords ?? '',
    legalBasis: input.legalBasis ?? '',
    escalation: input.escalation ?? '',
    text: input.text ?? '',
    open: problems.length > 0,
    errorList: problems.map((problem) => ({ ...problem, href: `#${prefix}-${problem.variable}` })),
    fields: Object.fromEntries(['reason', ...clauseFields].map((name) => [name, field(name)])),
    ownerOptions: parties.map((party) => ({
      value: party.id,
      label: party.name,
      selected: party.id === input.owner,
    })),
    supportOptions: parties.map((party) => ({
      value: party.id,
      label: party.name,
      checked: (input.supporting ?? []).includes(party.id),
    })),
    costOptions: parties.map((party) => ({
      value: party.id,
      label: party.name,
      selected: party.id === cost.choice,
    })),
    costShared: cost.choice === sharedCostChoice,
    sharedCostChoice,
    costShareOptions: parties.map((party) => ({
      value: party.id,
      label: party.name,
      checked: cost.sharing.includes(party.id),
      share: cost.shares[party.id] ?? '',
    })),
    contactOptions: agreement.meta.contacts.map((contact) => ({
      value: contact.id,
      label: `${contact.role} (${partyName(agreement, contact.party)})`,
      selected: contact.id === input.contact,
    })),
    facetOptions: facetOptions(input.facets ?? []),
  };
}

export function presentClauseForms(version: AgreementVersion) {
  return version.agreement.clauses
    .filter((clause) => clause.id)
    .map((clause) => presentClauseForm(version.agreement, clauseToInput(clause)));
}

/** A conflict side by side: the saved lines and the person's own, with where they stand. */
export function presentConflicts(conflicts: MergeConflict[]) {
  return conflicts.map((conflict, index) => ({
    index,
    number: index + 1,
    theirs: conflict.theirs.lines.join('\n'),
    theirsLine: conflict.theirs.line,
    yours: conflict.yours.lines.join('\n'),
    yoursLine: conflict.yours.line,
    base: conflict.base.lines.join('\n'),
  }));
}

/** Each problem once. */
export function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.variable}\0${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function savedJson(version: AgreementVersion) {
  return {
    id: version.id,
    revision: presentRevision(version.revision),
    status: version.agreement.meta.status,
    links: {
      agreement: urls.agreement(version.id),
      edit: urls.edit(version.id),
      approve: urls.approve(version.id),
    },
  };
}

export function checksJson(analysis: Analysis, markdown: string) {
  const checks = presentAnalysis(analysis, markdown);
  return {
    ok: checks.ok,
    stats: checks.stats,
    messages: analysis.messages,
    coverage: checks.coverage,
  };
}

/** In the new-agreement form, a check's field is its clause's part of the form, or the list of clauses. */
export function newFormFieldHref(clauseIds: unknown[]) {
  return (target: MessageTarget): string | undefined => {
    if (!('clause' in target)) return `#${fieldId('clauses')}`;
    const index = clauseIds.indexOf(target.clause);
    return index < 0 ? undefined : `#${fieldId(`clauses[${index}]`)}`;
  };
}

export function previewJson(
  preview: DraftPreview,
  formProblems: FieldProblem[],
  form?: { answers: RawAnswers; generated: Record<string, string>; choices: FormChoices },
) {
  const specs = preview.template.schema.variables;
  const problems = dedupe(onVisibleFields(specs, [...formProblems, ...preview.problems], form?.answers));
  // For the form page: the ids it should keep, the names to choose from.
  const page = form && { generated: form.generated, choices: form.choices };
  if (!preview.markdown || !preview.analysis) {
    return {
      template: preview.template.id,
      ok: false,
      problems,
      fields: problems.map((problem) => ({ ...problem, id: fieldId(problem.variable) })),
      ...page,
    };
  }
  const { agreement } = preview.analysis;
  const clauses = form?.answers.clauses;
  const href = form && newFormFieldHref((Array.isArray(clauses) ? clauses : []).map((item) => item.id));
  const checks = checksJson(preview.analysis, preview.markdown);
  return {
    ...checks,
    ...page,
    messages: checks.messages.map((message) => {
      const target = href && messageTarget(message, agreement);
      return target ? { ...message, href: href(target) } : message;
    }),
    template: preview.template.id,
    ok: problems.length === 0 && preview.analysis.ok,
    problems,
    fields: problems.map((problem) => ({ ...problem, id: fieldId(problem.variable) })),
    markdown: preview.markdown,
    html: previewHtml(preview.markdown, agreement),
  };
}

export function savedMessage(mergedWith: AgreementVersion | undefined, note: string | undefined): string {
  const parts = ['Lagret.'];
  if (mergedWith) {
    const { author, date, reason } = mergedWith.revision;
    parts.push(
      `Endringene dine er slått sammen med endringene ${author.name} lagret ${formatDate(date)} («${reason.split('\n')[0]}»). Se over at teksten stemmer.`,
    );
  }
  if (note === 'new-draft') {
    parts.push(
      'Den godkjente versjonen ble ikke endret: endringene er lagret som et nytt utkast, og den godkjente versjonen gjelder til utkastet er godkjent.',
    );
  }
  if (note === 'back-to-draft') {
    parts.push(
      'Avtalen var sendt til godkjenning. Nå er den et utkast igjen, og partene må godkjenne den nye teksten.',
    );
  }
  return parts.join(' ');
}

export function savedLocation(
  version: AgreementVersion,
  mergedWith: AgreementVersion | undefined,
  note: string | undefined,
  formMode = false,
): string {
  return urls.edit(version.id, {
    saved: version.revision.rev,
    mergedWith: mergedWith?.revision.rev,
    note,
    form: formMode,
  });
}

/**
 * A draft's text as the editors' previews show it: under the page's h1 and the preview's h2 (and beside its h3s),
 * so the text's own `#` is an h3 and its other headings follow below it.
 */
export function previewHtml(markdown: string, agreement: Agreement): string {
  return agreementToHtml(markdown, agreement, { topLevel: 3 });
}
