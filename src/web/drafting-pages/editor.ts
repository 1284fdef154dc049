import type { Response } from 'express';
import type { Principal } from '../../access/principal.js';
import type { MergeConflictError } from '../../domain/agreements.js';
import type { GjerdeError } from '../../domain/errors.js';
import { type Choice, mergeWithMarkers } from '../../domain/merge.js';
import { containsNationalIdNumber, maskedNationalId, redactNationalIds } from '../../domain/personal-data.js';
import type { FieldProblem } from '../../drafting/form.js';
import type { Drafting, DraftStatus } from '../../drafting/service.js';
import { formatDate } from '../../format/wording.js';
import {
  presentAnalysis,
  presentClauseForm,
  presentClauseForms,
  presentConflicts,
  presentFormChecks,
  presentOverlaps,
  previewHtml,
} from '../drafting-present.js';
import { presentRevision } from '../present.js';
import type { Render } from '../views.js';
import { lifecycleOf, savingAs } from './shared.js';

/** A reason as typed, shown again unless it holds a fødselsnummer. */
function reasonShown(reason: string | undefined): string {
  return reason === undefined || containsNationalIdNumber(reason) ? '' : reason;
}

/** The editor (the Markdown or the form) and a save that met another save made meanwhile. */
export function editorPages(drafting: Drafting, render: Render) {
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
    // What the person typed goes back to them without a fødselsnummer: masked in the text (saving refuses
    // the mark, so the sentence is written again), left out of the reason.
    const markdown = redactNationalIds(state.markdown, maskedNationalId);
    const reason = reasonShown(state.reason);
    const analysis = await drafting.check(markdown);
    const formMode = state.formMode === true;
    const checks = formMode
      ? presentFormChecks(analysis, markdown, (target) =>
          'clause' in target ? `#punkt-${target.clause}` : '#punkt-nytt',
        )
      : presentAnalysis(analysis, markdown);
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
          markdown,
          baseRev: state.baseRev,
          stale: state.baseRev !== latest.revision.rev,
          reason,
          reasonError: problems.find((problem) => problem.variable === 'reason')?.message,
          savingAs: savingAs(state.actor),
          summary,
          checks,
          checked: state.checked === true,
          saved: state.saved,
          savedRev: state.savedRev,
          html: previewHtml(markdown, analysis.agreement),
          clauses: clauseForms,
          newClause,
        }),
      );
  }

  /**
   * The draft overview, where «Lagre utkast» lands: what the agreement says in words, the checks with a
   * link to the field for each, who must approve, and the next step. The source text is behind «Avansert».
   */

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
          reason: reasonShown(state.reason),
          savingAs: savingAs(state.actor),
          summary: [
            ...(failure ? [{ message: failure.message, href: '#valg' }] : []),
            ...problems.map((problem) => ({ message: problem.message, href: `#${problem.variable}` })),
          ],
        }),
      );
  }

  return { sendEditor, sendConflict };
}
