import type { Request, Response } from 'express';
import { MergeConflictError } from '../../../domain/agreements.js';
import { GjerdeError } from '../../../domain/errors.js';
import { personalDataMessage } from '../../../domain/personal-data.js';
import {
  type FieldProblem,
  fillGeneratedIds,
  formChoices,
  generatedFields,
  readForm,
  toAnswers,
} from '../../../drafting/form.js';
import type { Drafting } from '../../../drafting/service.js';
import { today } from '../../../format/dates.js';
import {
  actorOf,
  approvalInput,
  bodyObject,
  formControls,
  horizonQuery,
  jsonBody,
  markdownField,
  optionalString,
  reasonField,
  stringField,
} from '../../drafting-input.js';
import {
  checksJson,
  presentApprovals,
  presentClauseCheck,
  previewHtml,
  previewJson,
  savedJson,
  savedMessage,
} from '../../drafting-present.js';
import { presentRevision } from '../../present.js';
import { withHref } from '../../urls.js';
import type { DraftingContext, WithId } from './context.js';

/**
 * The drafting API: creating and saving drafts, sending, approving, previews, checks and what needs
 * attention (JSON). One handler per route; `draftingRoutes` says which path and gate each answers.
 */
export function draftingApi(context: DraftingContext) {
  const { gjerde, drafting, approvalsJson, overlapsJson } = context;

  return {
    /** `POST /api/agreements` */
    createDraft: async (req: Request, res: Response) => {
      const input = jsonBody(req, ['template', 'answers', 'reason']);
      const version = await drafting.createDraft(stringField(input, 'template'), input.answers, {
        actor: actorOf(req),
        reason: reasonField(input),
      });
      const analysis = await drafting.check(version.markdown);
      res
        .status(201)
        .location(`/api/agreements/${version.id}`)
        .json({
          ...savedJson(version),
          ...checksJson(analysis, version.markdown),
          ...(await overlapsJson(version)),
        });
    },
    /** `PUT /api/agreements/:id` */
    saveDraft: async (req: WithId, res: Response) => {
      const input = jsonBody(req, ['markdown', 'baseRev', 'reason']);
      const markdown = markdownField(input);
      try {
        const result = await drafting.edit(req.params.id, markdown, {
          actor: actorOf(req),
          reason: reasonField(input),
          baseRev: stringField(input, 'baseRev'),
        });
        const analysis = await drafting.check(result.version.markdown);
        res.json({
          ...savedJson(result.version),
          merged: result.mergedWith !== undefined,
          mergedWith: result.mergedWith ? presentRevision(result.mergedWith.revision) : null,
          note: result.note ?? null,
          message: savedMessage(result.mergedWith, result.note),
          ...checksJson(analysis, result.version.markdown),
          ...(await overlapsJson(result.version)),
        });
      } catch (error) {
        if (!(error instanceof MergeConflictError)) throw error;
        res.status(409).json({
          error: error.message,
          base: { rev: error.base.revision.rev, markdown: error.base.markdown },
          theirs: { ...presentRevision(error.theirs.revision), markdown: error.theirs.markdown },
          yours: { markdown: error.yours },
          conflicts: error.conflicts,
          messages: error.details.messages ?? [],
        });
      }
    },
    /** `POST /api/agreements/:id/submit` */
    submit: async (req: WithId, res: Response) => {
      const input = jsonBody(req, ['reason', 'rev']);
      const options: Parameters<Drafting['submit']>[1] = { actor: actorOf(req) };
      const reason = optionalString(input, 'reason');
      const rev = optionalString(input, 'rev');
      if (reason !== undefined) options.reason = reason;
      if (rev !== undefined) options.expectedRev = rev;
      const version = await drafting.submit(req.params.id, options);
      res.json({
        ...savedJson(version),
        approvals: await approvalsJson(version),
        ...(await overlapsJson(version)),
      });
    },
    /** `GET /api/agreements/:id/approvals` */
    approvals: async (req: WithId, res: Response) => {
      const { version, state, history } = await drafting.approvalStatus(req.params.id);
      res.json({
        id: version.id,
        rev: version.revision.rev,
        status: version.agreement.meta.status,
        approvals: presentApprovals(state, history.comments),
      });
    },
    /** `POST /api/agreements/:id/approvals` */
    approve: async (req: WithId, res: Response) => {
      const input = jsonBody(req, ['role', 'party', 'date', 'comment', 'rev']);
      const options: Parameters<Drafting['approve']>[2] = { actor: actorOf(req) };
      const rev = optionalString(input, 'rev');
      if (rev !== undefined) options.expectedRev = rev;
      const result = await drafting.approve(req.params.id, approvalInput(input), options);
      res.status(201).json({
        ...savedJson(result.version),
        complete: result.complete,
        approvals: await approvalsJson(result.version),
        replaced: result.replaced ?? null,
        ...(await overlapsJson(result.version)),
      });
    },
    /** `POST /api/preview` */
    preview: async (req: Request, res: Response) => {
      const input = bodyObject(req);
      const templateId = typeof input.template === 'string' ? input.template : '';
      const template = drafting.template(templateId);
      let answers: unknown;
      let formProblems: FieldProblem[] = [];
      let form: Parameters<typeof previewJson>[2];
      if (req.is('application/json')) {
        const json = jsonBody(req, ['template', 'answers']);
        answers = json.answers;
      } else {
        const { template: _template, ...fields } = input;
        const specs = template.schema.variables;
        const read = readForm(specs, fields, formControls);
        fillGeneratedIds(specs, read.answers);
        answers = toAnswers(specs, read.answers);
        formProblems = read.problems;
        // The page keeps the ids made here and offers the parties entered so far by name.
        form = {
          answers: read.answers,
          generated: generatedFields(specs, read.answers),
          choices: formChoices(template.schema, read.answers),
        };
      }
      const preview = await drafting.preview(template.id, answers);
      res.json(previewJson(preview, formProblems, form));
    },
    /** `POST /api/check` */
    check: async (req: Request, res: Response) => {
      const input = bodyObject(req);
      const markdown = markdownField(input);
      const analysis = await drafting.check(markdown);
      res.json({
        ...checksJson(analysis, markdown),
        html: previewHtml(markdown, analysis.agreement),
      });
    },
    /** `POST /api/agreements/:id/clause-check`: a clause form's fields, checked as saving them would be, not saved. */
    checkClause: async (req: WithId, res: Response) => {
      const input = bodyObject(req);
      const fields = Object.fromEntries(
        Object.entries(input).filter(([key]) => key === 'action' || !formControls.has(key)),
      );
      const result = await drafting.checkClause(
        req.params.id,
        fields,
        input.action === 'nytt-punkt',
        stringField(input, 'baseRev'),
      );
      // A fødselsnummer is refused as a save refuses it (422), and the field is named, never its value.
      if (result.problems.some((problem) => problem.message === personalDataMessage))
        throw new GjerdeError('personal-data', personalDataMessage, { problems: result.problems });
      res.json(presentClauseCheck(result));
    },
    /** `GET /api/reviews` */
    reviews: async (req: Request, res: Response) => {
      const horizon = horizonQuery(req);
      const date = today();
      res.json({
        date,
        horizonDays: horizon,
        items: (await drafting.attention(date, horizon, await gjerde.legal.current())).map(withHref),
      });
    },
  };
}
