import type { Response } from 'express';
import { approvableParties } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import type { MergeConflictError } from '../domain/agreements.js';
import type { GjerdeError } from '../domain/errors.js';
import { isApprovedStatus } from '../domain/lifecycle.js';
import { type Choice, mergeWithMarkers } from '../domain/merge.js';
import { shiftDay } from '../domain/validity.js';
import type { Analysis } from '../drafting/checks/analyze.js';
import {
  buildForm,
  type FieldProblem,
  type FormChoice,
  fieldId,
  formChoices,
  formParts,
  onVisibleFields,
  type RawAnswers,
  toAnswers,
} from '../drafting/form.js';
import type { ApprovalStatus, Drafting, DraftPreview, DraftStatus } from '../drafting/service.js';
import { isIsoDate, today } from '../format/dates.js';
import { clauseVerdict, formatDate, list } from '../format/wording.js';
import { agreementToHtml } from '../render/agreement-html.js';
import type { Template } from '../templates/render.js';
import type { Body } from './drafting-input.js';
import {
  dedupe,
  newFormFieldHref,
  presentAnalysis,
  presentApprovals,
  presentClauseForm,
  presentClauseForms,
  presentConflicts,
  presentFormChecks,
  presentOverlaps,
} from './drafting-present.js';
import { presentRevision } from './present.js';
import { urls } from './urls.js';
import type { Render } from './views.js';

/** «Lagres som Kari Nordmann (kari@nav.example)»: whose name the history will carry. */
function savingAs(actor: Principal) {
  return { name: actor.name, email: actor.email };
}

/** The drafting pages: the new-agreement form, the editor, a conflict, sending to approval, approving. */
export function draftingPages(drafting: Drafting, render: Render) {
  async function sendForm(
    res: Response,
    status: number,
    template: Template,
    answers: RawAnswers,
    state: {
      actor: Principal;
      reason?: string;
      problems?: FieldProblem[];
      showProblems?: boolean;
      preview?: DraftPreview;
      failed?: boolean;
      focus?: string;
      /** The agreements a local agreement can be under, when its template asks. */
      agreements?: FormChoice[] | undefined;
    },
  ) {
    const specs = template.schema.variables;
    const preview = state.preview ?? (await drafting.preview(template.id, toAnswers(specs, answers)));
    const problems = state.showProblems
      ? [...(state.problems ?? []), ...preview.problems]
      : (state.problems ?? []);
    const unique = dedupe(onVisibleFields(specs, problems, answers));
    // A check's advice links to the field that fixes it: the clause's part of the form.
    const clauseIds = (Array.isArray(answers.clauses) ? answers.clauses : []).map((item) => item.id);
    const checks =
      preview.analysis && preview.markdown
        ? presentFormChecks(preview.analysis, preview.markdown, newFormFieldHref(clauseIds))
        : undefined;
    const entries = buildForm(
      specs,
      answers,
      unique,
      formChoices(template.schema, answers, state.agreements),
    );
    res
      .status(status)
      .type('html')
      .send(
        render('new-form', {
          title: `Ny avtale: ${template.schema.title}`,
          template: {
            id: template.id,
            title: template.schema.title,
            description: template.schema.description,
          },
          parts: formParts(entries, state.focus),
          sections: entries.flatMap((entry) => (entry.section ? [entry.section] : [])),
          summary: errorSummary(unique, state.failed === true, checks?.errors ?? []),
          reason: state.reason ?? '',
          reasonError: unique.find((problem) => problem.variable === 'reason')?.message,
          savingAs: savingAs(state.actor),
          checks,
          waiting: !preview.markdown,
          html:
            preview.markdown && preview.analysis
              ? agreementToHtml(preview.markdown, preview.analysis.agreement)
              : '',
          focus: state.focus,
        }),
      );
  }

  async function sendEditor(
    res: Response,
    status: number,
    current: DraftStatus,
    state: {
      actor: Principal;
      /** The clauses' forms first and the source text behind «Avansert»; checks link to fields. */
      formMode?: boolean;
      markdown: string;
      baseRev: string;
      reason?: string;
      problems?: FieldProblem[];
      error?: GjerdeError;
      checked?: boolean;
      saved?: string;
      savedRev?: string;
      clauseForm?: ReturnType<typeof presentClauseForm>;
      /** The last day set in the text, when the person came to end the agreement. */
      ending?: string;
    },
  ) {
    const latest = current.version;
    const analysis = await drafting.check(state.markdown);
    const formMode = state.formMode === true;
    const checks = formMode
      ? presentFormChecks(analysis, state.markdown, (target) =>
          'clause' in target ? `#punkt-${target.clause}` : '#punkt-nytt',
        )
      : presentAnalysis(analysis, state.markdown);
    const { meta } = latest.agreement;
    const problems = state.problems ?? [];
    const errorMessages = state.error?.details.messages ?? [];
    const clauses = presentClauseForms(latest);
    const clauseForm = state.clauseForm;
    const clauseForms =
      clauseForm && !clauseForm.isNew
        ? clauses.map((form) => (form.id === clauseForm.id ? clauseForm : form))
        : clauses;
    const newClause = clauseForm?.isNew
      ? clauseForm
      : presentClauseForm(latest.agreement, { id: '' }, [], true);
    const summary = [
      ...(state.error && !state.clauseForm ? [{ message: state.error.message, href: '#markdown' }] : []),
      ...(clauseForm?.errorList ?? []).map((problem) => ({
        message: `${clauseForm?.isNew ? 'Det nye punktet' : `Punktet «${clauseForm?.id}»`}: ${problem.message}`,
        href: problem.href,
      })),
      ...problems.map((problem) => ({ message: problem.message, href: `#${problem.variable}` })),
      ...errorMessages.map((message) => ({
        // In form mode the person never saw the source: no line and column there.
        message: `${message.line && !formMode ? `Linje ${message.line}, kolonne ${message.column}: ` : ''}${message.message}`,
        href: formMode ? '#avansert' : '#markdown',
      })),
    ];
    res
      .status(status)
      .type('html')
      .send(
        render('edit', {
          overlaps: presentOverlaps(current.overlaps),
          ending: state.ending && formatDate(state.ending),
          title: `Rediger: ${meta.title}`,
          id: latest.id,
          formMode,
          meta,
          latest: { ...presentRevision(latest.revision), dateLabel: formatDate(latest.revision.date) },
          // Who wrote the text being approved: an approval commits too, but changes no word of it.
          lastEdit: current.history.lastEdit && {
            author: current.history.lastEdit.author.name,
            dateLabel: formatDate(current.history.lastEdit.date),
          },
          lifecycle: lifecycleOf(current),
          markdown: state.markdown,
          baseRev: state.baseRev,
          stale: state.baseRev !== latest.revision.rev,
          reason: state.reason ?? '',
          reasonError: problems.find((problem) => problem.variable === 'reason')?.message,
          savingAs: savingAs(state.actor),
          summary,
          checks,
          checked: state.checked === true,
          saved: state.saved,
          savedRev: state.savedRev,
          html: agreementToHtml(state.markdown, analysis.agreement),
          clauses: clauseForms,
          newClause,
        }),
      );
  }

  /**
   * The draft overview, where «Lagre utkast» lands: what the agreement says in words, the checks with a
   * link to the field for each, who must approve, and the next step. The source text is behind «Avansert».
   */
  async function sendOverview(res: Response, current: ApprovalStatus, state: { saved: boolean }) {
    const latest = current.version;
    const { agreement } = latest;
    const { meta } = agreement;
    const analysis = await drafting.check(latest.markdown);
    const formHref = urls.edit(latest.id, { form: true });
    res
      .status(200)
      .type('html')
      .send(
        render('draft', {
          title: `Utkast: ${meta.title}`,
          id: latest.id,
          meta,
          saved: state.saved,
          lifecycle: lifecycleOf(current),
          canSubmit: meta.status === 'utkast' && analysis.ok,
          formHref,
          validTo: meta.validTo && formatDate(meta.validTo),
          parties: list(meta.parties.map((party) => party.name)),
          clauses: agreement.clauses.map((clause) => ({
            title: clause.title,
            href: urls.edit(latest.id, { form: true, clause: clause.id }),
            ...clauseVerdict(clause, agreement),
          })),
          checks: formChecks(analysis, latest.markdown, latest.id),
          approvals: presentApprovals(current.state, current.history.comments),
          html: agreementToHtml(latest.markdown, agreement),
        }),
      );
  }

  function sendConflict(
    res: Response,
    id: string,
    error: MergeConflictError,
    state: {
      actor: Principal;
      markdown: string;
      baseRev: string;
      reason?: string;
    },
    problems: FieldProblem[] = [],
    choices: Choice[] = [],
    failure?: GjerdeError,
  ) {
    const theirsLabel = `Lagret av ${error.theirs.revision.author.name} ${formatDate(error.theirs.revision.date)}`;
    res
      .status(409)
      .type('html')
      .send(
        render('edit-conflict', {
          title: 'Endringene kolliderer',
          id,
          meta: error.theirs.agreement.meta,
          message: error.message,
          theirs: {
            ...presentRevision(error.theirs.revision),
            dateLabel: formatDate(error.theirs.revision.date),
          },
          baseRev: error.base.revision.rev,
          theirsRev: error.theirs.revision.rev,
          yours: error.yours,
          conflicts: presentConflicts(error.conflicts).map((conflict) => ({
            ...conflict,
            choice: choices[conflict.index] ?? '',
          })),
          count: error.conflicts.length,
          messages: error.details.messages ?? [],
          theirsMarkdown: error.theirs.markdown,
          withMarkers:
            error.conflicts.length > 0
              ? mergeWithMarkers(error.base.markdown, error.theirs.markdown, error.yours, theirsLabel)
              : error.yours,
          reason: state.reason ?? '',
          savingAs: savingAs(state.actor),
          summary: [
            ...(failure ? [{ message: failure.message, href: '#valg' }] : []),
            ...problems.map((problem) => ({ message: problem.message, href: `#${problem.variable}` })),
          ],
        }),
      );
  }

  async function sendSubmit(
    res: Response,
    status: number,
    current: DraftStatus,
    state: {
      actor: Principal;
      comment?: string;
      error?: GjerdeError;
    },
  ) {
    const latest = current.version;
    const analysis = await drafting.check(latest.markdown);
    res
      .status(status)
      .type('html')
      .send(
        render('approve-submit', {
          overlaps: presentOverlaps(current.overlaps),
          title: `Send til godkjenning: ${latest.agreement.meta.title}`,
          id: latest.id,
          meta: latest.agreement.meta,
          rev: latest.revision.rev,
          lifecycle: lifecycleOf(current),
          canSubmit: latest.agreement.meta.status === 'utkast' && analysis.ok,
          checks: formChecks(analysis, latest.markdown, latest.id),
          approvals: presentApprovals(current.state),
          comment: state.comment ?? '',
          savingAs: savingAs(state.actor),
          summary: [
            ...(state.error ? [{ message: state.error.message, href: '#send' }] : []),
            ...(state.error?.details.messages ?? []).map((message) => ({
              message: message.message,
              href: urls.draft(latest.id),
            })),
          ],
        }),
      );
  }

  async function sendApprove(
    res: Response,
    status: number,
    current: DraftStatus,
    state: {
      /** Undefined for an anonymous reader (GJERDE_ANONYMOUS_READ), who is asked to sign in. */
      actor: Principal | undefined;
      input: Body;
      sent?: boolean;
      approvedParty?: string;
      /** The agreement this one replaces, ended by the approval that completed it. */
      replacedId?: string;
      error?: GjerdeError;
      problems?: FieldProblem[];
    },
  ) {
    const latest = current.version;
    const { meta } = latest.agreement;
    const approvals = presentApprovals(current.state, current.history.comments);
    const analysis = await drafting.check(latest.markdown);
    const problems = state.problems ?? [];
    const value = (name: string) =>
      typeof state.input[name] === 'string' ? (state.input[name] as string) : '';
    const error = (name: string) => problems.find((problem) => problem.variable === name)?.message;
    const approvedParty = approvals.given.find((given) => given.party === state.approvedParty);
    const { actor } = state;
    // Only the parties this person represents, and only those still missing.
    const own = actor
      ? approvableParties(actor, current.version.agreement.meta.county, current.state.required)
      : [];
    const partyOptions = approvals.missing.filter((party) => own.includes(party.id));
    const approver = actor && {
      ...savingAs(actor),
      refusal: drafting.approvalRefusal(actor, current),
      alreadyApproved: approvals.given
        .filter((given) => own.includes(given.party))
        .map((given) => given.partyName)
        .join(' og '),
      canApprove: partyOptions.length > 0,
    };
    res
      .status(status)
      .type('html')
      .send(
        render('approve', {
          overlaps: presentOverlaps(current.overlaps),
          replacedEnded:
            state.replacedId && meta.replaces === state.replacedId && meta.status === 'godkjent'
              ? `Avtalen erstatter «${state.replacedId}», som nå gjelder til og med ${formatDate(shiftDay(meta.validFrom, -1))}.`
              : undefined,
          title: `Godkjenn: ${meta.title}`,
          id: latest.id,
          meta,
          rev: latest.revision.rev,
          latest: { ...presentRevision(latest.revision), dateLabel: formatDate(latest.revision.date) },
          // Who wrote the text being approved: an approval commits too, but changes no word of it.
          lastEdit: current.history.lastEdit && {
            author: current.history.lastEdit.author.name,
            dateLabel: formatDate(current.history.lastEdit.date),
          },
          lifecycle: lifecycleOf(current),
          open: meta.status === 'til-godkjenning' && analysis.ok,
          approvals,
          approver,
          returnPath: encodeURIComponent(urls.approve(latest.id)),
          partyOptions: partyOptions.map((party) => ({
            ...party,
            checked: party.id === value('party') || partyOptions.length === 1,
          })),
          otherParties: meta.parties
            .filter(
              (party) =>
                party.partOf !== undefined && !current.state.required.some((known) => known.id === party.id),
            )
            .map((party) => ({
              name: party.name,
              parent: meta.parties.find((p) => p.id === party.partOf)?.name,
            })),
          sent: state.sent,
          approvedParty,
          complete: approvals.complete && meta.status === 'godkjent',
          validFromLabel: formatDate(meta.validFrom),
          checks: presentAnalysis(analysis, latest.markdown),
          html: agreementToHtml(latest.markdown, latest.agreement),
          role: value('role'),
          approvalDate: value('date') || today(),
          today: today(),
          comment: value('comment'),
          errors: {
            role: error('role'),
            party: error('party'),
            date: error('date'),
            comment: error('comment'),
          },
          summary: [
            ...(state.error && problems.length === 0
              ? [{ message: state.error.message, href: '#godkjenning' }]
              : []),
            ...problems.map((problem) => ({
              message: problem.message,
              href: `#godkjenn-${problem.variable}`,
            })),
          ],
        }),
      );
  }

  return { sendForm, sendEditor, sendOverview, sendConflict, sendSubmit, sendApprove };
}

/** The checks as a person filling in forms sees them: «Gå til feltet» on the edit form, never a line number. */
function formChecks(analysis: Analysis, markdown: string, id: string) {
  return presentFormChecks(analysis, markdown, (target) =>
    urls.edit(id, { form: true, clause: 'clause' in target ? target.clause : 'nytt' }),
  );
}

function errorSummary(
  problems: FieldProblem[],
  failed: boolean,
  errors: { message: string; href?: string | undefined }[],
) {
  const items = problems.map((problem) => ({
    message: problem.message,
    href: `#${problem.variable === 'reason' ? problem.variable : fieldId(problem.variable)}`,
  }));
  if (failed) {
    // The field that fixes it, or the preview: never a line number in a text the person has not seen.
    for (const error of errors) {
      items.push({
        message: `Avtalen som blir laget, har en feil: ${error.message}`,
        href: error.href ?? '#forhandsvisning',
      });
    }
  }
  return items;
}

/** Where the version stands in its lifecycle, and what the person can do next. */
function lifecycleOf({ version, state }: ApprovalStatus) {
  const { meta } = version.agreement;
  const approved = isApprovedStatus(meta.status);
  return {
    status: meta.status,
    draft: meta.status === 'utkast',
    awaiting: meta.status === 'til-godkjenning',
    approved,
    missing: list(state.missing.map((party) => party.name)),
    given: state.given
      .map((given) => `${given.partyName} (${given.name}, ${formatDate(given.date)})`)
      .join(', '),
    validFrom: isIsoDate(meta.validFrom) ? formatDate(meta.validFrom) : meta.validFrom,
  };
}
