import { type Request, Router } from 'express';
import { type AgreementVersion, MergeConflictError } from '../../domain/agreements.js';
import { GjerdeError } from '../../domain/errors.js';
import { editFrontMatter } from '../../domain/front-matter-edit.js';
import { type Choice, conflictsOf, resolveConflicts } from '../../domain/merge.js';
import {
  applyListAction,
  type FieldProblem,
  type FormChoice,
  fillGeneratedIds,
  formChoices,
  generatedFields,
  initialAnswers,
  readForm,
  toAnswers,
  withoutSharedTerms,
} from '../../drafting/form.js';
import { editRefusal } from '../../drafting/permissions.js';
import type { Drafting, DraftStatus } from '../../drafting/service.js';
import { isIsoDate, today } from '../../format/dates.js';
import { formatDate } from '../../format/wording.js';
import type { Gjerde } from '../../gjerde.js';
import { agreementToHtml } from '../../render/agreement-html.js';
import type { Template } from '../../templates/render.js';
import type { Guards } from '../auth/guards.js';
import {
  actorOf,
  approvalInput,
  bodyObject,
  clauseFromBody,
  formControls,
  horizonQuery,
  jsonBody,
  markdownField,
  optionalString,
  reasonField,
  revQuery,
  saveProblems,
  statusOf,
  stringField,
} from '../drafting-input.js';
import { draftingPages } from '../drafting-pages.js';
import {
  checksJson,
  presentApprovals,
  presentClauseForm,
  previewJson,
  savedJson,
  savedLocation,
  savedMessage,
} from '../drafting-present.js';
import { presentRevision } from '../present.js';
import { urls, withHref } from '../urls.js';
import type { Render } from '../views.js';

/**
 * Drafting pages and API: a new agreement from a template, the editor, sending to approval and
 * approving, and what needs attention. Routes read the request, call the drafting service and render.
 * Every change is made by the signed-in person (`actorOf`); the gates let editors draft and signed-in
 * people approve, and the service checks the agreement's scope (which county, which party).
 */

/** Express infers a route's parameters from its first handler, and the gates are typed for any route. */
type WithId = Request<{ id: string }>;

export function draftingRoutes(gjerde: Gjerde, render: Render, gate: Guards): Router {
  const router = Router();
  const { drafting } = gjerde;
  const { sendForm, sendEditor, sendOverview, sendConflict, sendSubmit, sendApprove } = draftingPages(
    drafting,
    render,
  );

  /** The latest version, for a page that changes it: 403 with the reason instead of a form that cannot be saved. */
  async function latestEditable(req: WithId): Promise<DraftStatus> {
    const current = await drafting.approvalStatus(req.params.id);
    const refusal = editRefusal(actorOf(req), current.version.agreement.meta);
    if (refusal) throw new GjerdeError('forbidden', refusal);
    return current;
  }

  /** The approval state of a version just saved, as the API answers it. */
  async function approvalsJson(version: AgreementVersion) {
    return presentApprovals((await drafting.approvalStatus(version.id)).state);
  }

  /** Every save, sending and approval answers with the umbrella agreements the version would overlap. */
  async function overlapsJson(version: AgreementVersion) {
    return { overlaps: await drafting.overlaps(version) };
  }

  // ------------------------------------------------------------------ API

  router.post('/api/agreements', gate.draft, async (req, res) => {
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
  });

  router.put('/api/agreements/:id', gate.draft, async (req: WithId, res) => {
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
  });

  router.post('/api/agreements/:id/submit', gate.draft, async (req: WithId, res) => {
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
  });

  router.get('/api/agreements/:id/approvals', async (req, res) => {
    const { version, state, history } = await drafting.approvalStatus(req.params.id);
    res.json({
      id: version.id,
      rev: version.revision.rev,
      status: version.agreement.meta.status,
      approvals: presentApprovals(state, history.comments),
    });
  });

  router.post('/api/agreements/:id/approvals', gate.signedIn, async (req: WithId, res) => {
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
  });

  router.post('/api/preview', gate.draft, async (req, res) => {
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
  });

  router.post('/api/check', gate.draft, async (req, res) => {
    const input = bodyObject(req);
    const markdown = markdownField(input);
    const analysis = await drafting.check(markdown);
    res.json({
      ...checksJson(analysis, markdown),
      html: agreementToHtml(markdown, analysis.agreement),
    });
  });

  router.get('/api/reviews', async (req, res) => {
    const horizon = horizonQuery(req);
    const date = today();
    res.json({
      date,
      horizonDays: horizon,
      items: (await drafting.attention(date, horizon, await gjerde.legal.current())).map(withHref),
    });
  });

  // ------------------------------------------------------------------ pages: a new agreement

  /** The agreements a local agreement can be under, by title, when the template asks for one. */
  async function agreementChoices(template: Template): Promise<FormChoice[] | undefined> {
    if (!template.schema.variables.some((spec) => spec.choices === 'agreements')) return undefined;
    return (await gjerde.agreements.summaries())
      .map((summary) => summary.latest.agreement.meta)
      .filter((meta) => meta.kind !== 'lokal')
      .map((meta) => ({ value: meta.id, label: `${meta.title} (${meta.county})` }))
      .sort((a, b) => a.label.localeCompare(b.label, 'nb'));
  }

  router.get('/ny', gate.draft, (_req, res) => {
    const templates = gjerde.templates.list().map((template) => ({
      id: template.id,
      title: template.schema.title,
      description: template.schema.description,
      wordBudget: template.schema.wordBudget,
    }));
    res.type('html').send(render('new', { title: 'Ny avtale', templates }));
  });

  router.get('/ny/:template', gate.draft, async (req: Request<{ template: string }>, res) => {
    const template = drafting.template(req.params.template);
    const answers = withoutSharedTerms(
      initialAnswers(template.schema.variables),
      await gjerde.glossary.terms(),
    );
    await sendForm(res, 200, template, answers, {
      actor: actorOf(req),
      agreements: await agreementChoices(template),
    });
  });

  router.post('/ny/:template', gate.draft, async (req: Request<{ template: string }>, res) => {
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
        problems.push(...(error.details.problems ?? [{ variable: fieldOf(error), message: error.message }]));
      }
    }
    await sendForm(res, status, template, form.answers, {
      ...state,
      problems,
      showProblems: true,
      preview,
      failed: true,
    });
  });

  // ------------------------------------------------------------------ pages: editing

  router.get('/avtaler/:id/utkast', gate.draft, async (req: WithId, res) => {
    const current = await latestEditable(req);
    await sendOverview(res, current, { saved: revQuery(req, 'lagret') !== undefined });
  });

  router.get('/avtaler/:id/rediger', gate.draft, async (req: WithId, res) => {
    const current = await latestEditable(req);
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
    await sendEditor(res, 200, current, {
      actor: actorOf(req),
      formMode: req.query.visning === 'skjema',
      markdown: ends ? withValidTo(latest.markdown, ending) : latest.markdown,
      ...(ends ? { ending, reason: `Avsluttes ${formatDate(ending)}` } : {}),
      baseRev: latest.revision.rev,
      saved: notice
        ? savedMessage(mergedWith, note === 'new-draft' || note === 'back-to-draft' ? note : undefined)
        : undefined,
      savedRev: notice?.revision.rev,
    });
  });

  router.post('/avtaler/:id/rediger', gate.draft, async (req: WithId, res) => {
    const input = bodyObject(req);
    const current = await latestEditable(req);
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
  });

  router.post('/avtaler/:id/rediger/konflikt', gate.draft, async (req: WithId, res) => {
    const input = bodyObject(req);
    const id = req.params.id;
    await latestEditable(req);
    const base = await gjerde.agreements.get(id, { rev: stringField(input, 'baseRev') });
    const theirs = await gjerde.agreements.get(id, { rev: stringField(input, 'theirsRev') });
    const yours = markdownField(input, 'yours');
    const count = Number(input.count);
    const choices: Choice[] = [];
    for (let index = 0; index < (Number.isInteger(count) ? Math.min(count, 500) : 0); index += 1) {
      const choice = input[`valg-${index}`];
      choices.push(choice === 'yours' || choice === 'theirs' || choice === 'both' ? choice : ('' as Choice));
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
  });

  router.post('/avtaler/:id/rediger/punkt', gate.draft, async (req: WithId, res) => {
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
  });

  // ------------------------------------------------------------------ pages: the lifecycle

  router.get('/avtaler/:id/send', gate.draft, async (req: WithId, res) => {
    await sendSubmit(res, 200, await latestEditable(req), { actor: actorOf(req) });
  });

  router.post('/avtaler/:id/send', gate.draft, async (req: WithId, res) => {
    const input = bodyObject(req);
    const { version: latest } = await latestEditable(req);
    const actor = actorOf(req);
    const comment = typeof input.comment === 'string' ? input.comment : '';
    try {
      const options: Parameters<Drafting['submit']>[1] = { actor, reason: comment };
      if (typeof input.rev === 'string') options.expectedRev = input.rev;
      await drafting.submit(req.params.id, options);
      res.redirect(303, urls.approve(latest.id, { sent: true }));
    } catch (error) {
      if (!(error instanceof GjerdeError)) throw error;
      await sendSubmit(res, statusOf(error), await drafting.approvalStatus(req.params.id), {
        actor,
        comment,
        error,
      });
    }
  });

  router.get('/avtaler/:id/godkjenn', async (req, res) => {
    const current = await drafting.approvalStatus(req.params.id);
    const approvedParty = typeof req.query.godkjent === 'string' ? req.query.godkjent : undefined;
    await sendApprove(res, 200, current, {
      actor: req.principal,
      input: {},
      sent: req.query.sendt === '1',
      approvedParty,
      ...(typeof req.query.avsluttet === 'string' ? { replacedId: req.query.avsluttet } : {}),
    });
  });

  router.post('/avtaler/:id/godkjenn', gate.signedIn, async (req: WithId, res) => {
    const input = bodyObject(req);
    const current = await drafting.approvalStatus(req.params.id);
    const actor = actorOf(req);
    try {
      const options: Parameters<Drafting['approve']>[2] = { actor };
      if (typeof input.rev === 'string') options.expectedRev = input.rev;
      const result = await drafting.approve(req.params.id, approvalInput(input), options);
      const party = typeof input.party === 'string' ? input.party : '';
      const ended = result.replaced && !result.replaced.error ? result.replaced.id : undefined;
      res.redirect(303, urls.approve(result.version.id, { approvedBy: party, ended }));
    } catch (error) {
      if (!(error instanceof GjerdeError)) throw error;
      await sendApprove(
        res,
        statusOf(error),
        await drafting.approvalStatus(req.params.id).catch(() => current),
        {
          actor,
          input,
          error,
          problems: error.details.problems ?? [],
        },
      );
    }
  });

  return router;
}

/** The form field a refused save is about: the id for one in use, the county for one out of scope. */
function fieldOf(error: GjerdeError): string {
  if (error.code === 'conflict') return 'id';
  return error.code === 'forbidden' ? 'county' : '(svar)';
}

/** The text with `gyldig-til` set, every other line as written. */
function withValidTo(markdown: string, lastDay: string): string {
  return editFrontMatter(markdown, (document) => {
    document.set('gyldig-til', lastDay);
  });
}
