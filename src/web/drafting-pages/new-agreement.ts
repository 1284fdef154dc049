import type { Response } from 'express';
import type { Principal } from '../../access/principal.js';
import {
  buildForm,
  type FieldProblem,
  type FormChoice,
  formChoices,
  formParts,
  onVisibleFields,
  type RawAnswers,
  toAnswers,
} from '../../drafting/form.js';
import type { Drafting, DraftPreview } from '../../drafting/service.js';
import type { Template } from '../../templates/render.js';
import { dedupe, newFormFieldHref, presentFormChecks, previewHtml } from '../drafting-present.js';
import type { Render } from '../views.js';
import { errorSummary, savingAs } from './shared.js';

/** The new-agreement form: the template's questions, the preview and the checks by field. */
export function newAgreementPage(drafting: Drafting, render: Render) {
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
              ? previewHtml(preview.markdown, preview.analysis.agreement)
              : '',
          focus: state.focus,
        }),
      );
  }

  return { sendForm };
}
