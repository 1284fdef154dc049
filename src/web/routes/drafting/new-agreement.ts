import type { Request, Response } from 'express';
import { GjerdeError } from '../../../domain/errors.js';
import {
  applyListAction,
  type FormChoice,
  fillGeneratedIds,
  initialAnswers,
  readForm,
  toAnswers,
  withoutSharedTerms,
} from '../../../drafting/form.js';
import type { Template } from '../../../templates/render.js';
import { actorOf, bodyObject, formControls, saveProblems, statusOf } from '../../drafting-input.js';
import { urls } from '../../urls.js';
import type { DraftingContext } from './context.js';

/**
 * A new agreement from a template: choosing the template, the form, and the first save. One handler per
 * route; `draftingRoutes` says which path and gate each answers.
 */
export function newAgreementPages(context: DraftingContext) {
  const { gjerde, drafting, render } = context;
  const { sendForm } = context.pages;

  /** The agreements a local agreement can be under, by title, when the template asks for one. */
  async function agreementChoices(template: Template): Promise<FormChoice[] | undefined> {
    if (!template.schema.variables.some((spec) => spec.choices === 'agreements')) return undefined;
    return (await gjerde.agreements.summaries())
      .map((summary) => summary.latest.agreement.meta)
      .filter((meta) => meta.kind !== 'lokal')
      .map((meta) => ({ value: meta.id, label: `${meta.title} (${meta.county})`, county: meta.county }))
      .sort((a, b) => a.label.localeCompare(b.label, 'nb'));
  }

  return {
    /** `GET /ny` */
    templates: (_req: Request, res: Response) => {
      const templates = gjerde.templates.list().map((template) => ({
        id: template.id,
        title: template.schema.title,
        description: template.schema.description,
        wordBudget: template.schema.wordBudget,
      }));
      res.type('html').send(render('new', { title: 'Ny avtale', templates }));
    },
    /** `GET /ny/:template` */
    form: async (req: Request<{ template: string }>, res: Response) => {
      const template = drafting.template(req.params.template);
      const answers = withoutSharedTerms(
        initialAnswers(template.schema.variables),
        await gjerde.glossary.terms(),
      );
      await sendForm(res, 200, template, answers, {
        actor: actorOf(req),
        agreements: await agreementChoices(template),
      });
    },
    /** `POST /ny/:template` */
    create: async (req: Request<{ template: string }>, res: Response) => {
      const template = drafting.template(req.params.template);
      const input = bodyObject(req);
      const specs = template.schema.variables;
      const form = readForm(specs, input, formControls);
      // Ids nobody types: made from titles and names the first time they are there, then carried as they are.
      fillGeneratedIds(specs, form.answers);
      const action = typeof input.action === 'string' ? input.action : 'forhandsvis';
      const actor = actorOf(req);
      const state = {
        actor,
        reason: typeof input.reason === 'string' ? input.reason : '',
        agreements: await agreementChoices(template),
      };
      if (applyListAction(specs, form.answers, action)) {
        await sendForm(res, 200, template, form.answers, { ...state, focus: action });
        return;
      }
      if (action !== 'lagre') {
        await sendForm(res, 200, template, form.answers, {
          ...state,
          problems: form.problems,
          showProblems: true,
        });
        return;
      }
      const problems = [...form.problems, ...saveProblems(input)];
      const preview = await drafting.preview(template.id, toAnswers(specs, form.answers));
      problems.push(...preview.problems);
      let status = 422;
      if (problems.length === 0 && preview.analysis?.ok) {
        try {
          const version = await drafting.createDraft(template.id, toAnswers(specs, form.answers), {
            actor,
            reason: String(input.reason),
          });
          // The overview of the draft, not the source text: what it says, the checks, who must approve.
          res.redirect(303, urls.draft(version.id, version.revision.rev));
          return;
        } catch (error) {
          if (!(error instanceof GjerdeError)) throw error;
          if (error.code === 'forbidden') status = statusOf(error);
          problems.push(
            ...(error.details.problems ?? [{ variable: fieldOf(error), message: error.message }]),
          );
        }
      }
      await sendForm(res, status, template, form.answers, {
        ...state,
        problems,
        showProblems: true,
        preview,
        failed: true,
      });
    },
  };
}

/** The form field a refused save is about: the id for one in use, the county for one out of scope. */
function fieldOf(error: GjerdeError): string {
  if (error.code === 'conflict') return 'id';
  return error.code === 'forbidden' ? 'county' : '(svar)';
}
