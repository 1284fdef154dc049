import type { Response } from 'express';
import { MergeConflictError } from '../../../domain/agreements.js';
import { GjerdeError } from '../../../domain/errors.js';
import { editFrontMatter } from '../../../domain/front-matter-edit.js';
import { type Choice, conflictsOf, resolveConflicts } from '../../../domain/merge.js';
import type { FieldProblem } from '../../../drafting/form.js';
import { isIsoDate } from '../../../format/dates.js';
import { formatDate } from '../../../format/wording.js';
import {
  actorOf,
  bodyObject,
  clauseFromBody,
  formControls,
  markdownField,
  revQuery,
  saveProblems,
  statusOf,
  stringField,
} from '../../drafting-input.js';
import { presentClauseForm, savedLocation, savedMessage } from '../../drafting-present.js';
import type { DraftingContext, WithId } from './context.js';

/**
 * The draft overview and the editor: the Markdown or the form, saving, resolving a conflict with a save
 * made meanwhile, one clause at a time. One handler per route; `draftingRoutes` says which path and gate
 * each answers.
 */
export function editorPages(context: DraftingContext) {
  const { gjerde, drafting, latestEditable } = context;
  const { sendEditor, sendOverview, sendConflict } = context.pages;

  return {
    /** `GET /avtaler/:id/utkast` */
    overview: async (req: WithId, res: Response) => {
      const current = await latestEditable(req);
      await sendOverview(res, current, { saved: revQuery(req, 'lagret') !== undefined });
    },
    /** `GET /avtaler/:id/rediger` */
    editor: async (req: WithId, res: Response) => {
      const current = await latestEditable(req, { continuing: true });
      const latest = current.version;
      const versions = await gjerde.agreements.versions(req.params.id);
      const saved = revQuery(req, 'lagret');
      const merged = revQuery(req, 'slatt');
      const notice = saved ? versions.find((version) => version.revision.rev === saved) : undefined;
      const mergedWith = merged ? versions.find((version) => version.revision.rev === merged) : undefined;
      const note = typeof req.query.merknad === 'string' ? req.query.merknad : undefined;
      // «Avslutt»: the text with the last day filled in, to be saved, sent and approved as any change.
      const ending = typeof req.query['gyldig-til'] === 'string' ? req.query['gyldig-til'] : undefined;
      const ends = ending !== undefined && isIsoDate(ending);
      // «Viderefør for Kystfold»: the successor's county and authority already in place, to be read and saved.
      const county = typeof req.query.for === 'string' ? req.query.for : undefined;
      const continuation = await drafting.continuationStart(actorOf(req), latest, county);
      // A text withheld for a fødselsnummer opens as its source with the number masked, to be corrected.
      const text = await gjerde.agreements.textToEdit(latest);
      await sendEditor(res, 200, current, {
        actor: actorOf(req),
        formMode: req.query.visning === 'skjema',
        markdown: continuation?.markdown ?? (ends ? withValidTo(text, ending) : text),
        ...(continuation ? { reason: `Videreført for ${continuation.county} etter delingen` } : {}),
        ...(ends && !continuation ? { ending, reason: `Avsluttes ${formatDate(ending)}` } : {}),
        baseRev: latest.revision.rev,
        saved: notice
          ? savedMessage(mergedWith, note === 'new-draft' || note === 'back-to-draft' ? note : undefined)
          : undefined,
        savedRev: notice?.revision.rev,
      });
    },
    /** `POST /avtaler/:id/rediger` */
    save: async (req: WithId, res: Response) => {
      const input = bodyObject(req);
      const current = await latestEditable(req, { continuing: true });
      const latest = current.version;
      const markdown = markdownField(input);
      const baseRev = typeof input.baseRev === 'string' ? input.baseRev : latest.revision.rev;
      const state = {
        actor: actorOf(req),
        markdown,
        baseRev,
        reason: typeof input.reason === 'string' ? input.reason : '',
      };
      if (input.action !== 'lagre') {
        await sendEditor(res, 200, current, { ...state, checked: true });
        return;
      }
      const problems = saveProblems(input);
      if (problems.length > 0) {
        await sendEditor(res, 422, current, { ...state, problems });
        return;
      }
      try {
        const result = await drafting.edit(req.params.id, markdown, {
          actor: state.actor,
          reason: String(input.reason),
          baseRev,
        });
        res.redirect(303, savedLocation(result.version, result.mergedWith, result.note));
      } catch (error) {
        if (error instanceof MergeConflictError) {
          sendConflict(res, req.params.id, error, state);
          return;
        }
        if (!(error instanceof GjerdeError)) throw error;
        await sendEditor(res, statusOf(error), current, { ...state, error });
      }
    },
    /** `POST /avtaler/:id/rediger/konflikt` */
    resolveConflict: async (req: WithId, res: Response) => {
      const input = bodyObject(req);
      const id = req.params.id;
      await latestEditable(req, { continuing: true });
      const base = await gjerde.agreements.get(id, { rev: stringField(input, 'baseRev') });
      const theirs = await gjerde.agreements.get(id, { rev: stringField(input, 'theirsRev') });
      const yours = markdownField(input, 'yours');
      const count = Number(input.count);
      const choices: Choice[] = [];
      for (let index = 0; index < (Number.isInteger(count) ? Math.min(count, 500) : 0); index += 1) {
        const choice = input[`valg-${index}`];
        choices.push(
          choice === 'yours' || choice === 'theirs' || choice === 'both' ? choice : ('' as Choice),
        );
      }
      const state = {
        actor: actorOf(req),
        markdown: yours,
        baseRev: base.revision.rev,
        reason: typeof input.reason === 'string' ? input.reason : '',
      };
      const problems = saveProblems(input);
      const resolved = resolveConflicts(base.markdown, theirs.markdown, yours, choices);
      if (resolved === undefined)
        problems.push({ variable: 'valg-0', message: 'Velg hva som skal stå for hvert sted.' });
      const conflict = () =>
        new MergeConflictError(base, theirs, yours, conflictsOf(base.markdown, theirs.markdown, yours));
      if (problems.length > 0 || resolved === undefined) {
        sendConflict(res, id, conflict(), state, problems, choices);
        return;
      }
      try {
        const result = await drafting.edit(id, resolved, {
          actor: state.actor,
          reason: String(input.reason),
          baseRev: theirs.revision.rev,
        });
        res.redirect(303, savedLocation(result.version, result.mergedWith, result.note));
      } catch (error) {
        if (error instanceof MergeConflictError) {
          sendConflict(res, id, error, { ...state, markdown: resolved, baseRev: theirs.revision.rev });
          return;
        }
        if (!(error instanceof GjerdeError)) throw error;
        sendConflict(
          res,
          id,
          conflict(),
          state,
          [{ variable: 'valg-0', message: error.message }],
          choices,
          error,
        );
      }
    },
    /** `POST /avtaler/:id/rediger/punkt` */
    saveClause: async (req: WithId, res: Response) => {
      const input = bodyObject(req);
      const id = req.params.id;
      const isNew = input.action === 'nytt-punkt';
      const baseRev = stringField(input, 'baseRev');
      const current = await latestEditable(req);
      const latest = current.version;
      const problems = saveProblems(input);
      const clauseBody = Object.fromEntries(Object.entries(input).filter(([key]) => !formControls.has(key)));
      const state = {
        actor: actorOf(req),
        markdown: latest.markdown,
        baseRev: latest.revision.rev,
        reason: typeof input.reason === 'string' ? input.reason : '',
      };
      const clauseId = typeof input.id === 'string' ? input.id : '';
      const formMode = input.visning === 'skjema';
      const failed = async (clauseProblems: FieldProblem[], status = 422, error?: GjerdeError) => {
        const base = latest.agreement;
        const given = clauseFromBody(clauseBody, clauseId);
        await sendEditor(res, status, current, {
          ...state,
          formMode,
          error,
          clauseForm: presentClauseForm(
            base,
            given,
            clauseProblems.length > 0 ? clauseProblems : [{ variable: 'id', message: error?.message ?? '' }],
            isNew,
          ),
        });
      };
      if (problems.length > 0) {
        await failed(problems);
        return;
      }
      try {
        const result = await drafting.editClause(id, clauseBody, isNew, {
          actor: state.actor,
          reason: String(input.reason),
          baseRev,
        });
        const location = savedLocation(result.version, result.mergedWith, result.note, formMode);
        // A new clause's id may have been made from its title: then the list of clauses.
        res.redirect(303, `${location}#${clauseId ? `punkt-${clauseId}` : 'punkter'}`);
      } catch (error) {
        if (error instanceof MergeConflictError) {
          sendConflict(res, id, error, { ...state, markdown: error.yours, baseRev: error.base.revision.rev });
          return;
        }
        if (!(error instanceof GjerdeError)) throw error;
        await failed(error.details.problems ?? [], statusOf(error), error);
      }
    },
  };
}

/** The text with `gyldig-til` set, every other line as written. */
function withValidTo(markdown: string, lastDay: string): string {
  return editFrontMatter(markdown, (document) => {
    document.set('gyldig-til', lastDay);
  });
}
