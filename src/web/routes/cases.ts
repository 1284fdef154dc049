import { type Request, type Response, Router } from 'express';
import { mayDecideCases, mayEdit } from '../../access/policy.js';
import { caseChain, draftAmendment, proposeAmendment } from '../../cases/amendment.js';
import type { CaseEntry, Cases } from '../../cases/cases.js';
import { NeedsConfirmation } from '../../cases/input.js';
import { isOpen } from '../../cases/types.js';
import type { AgreementVersion } from '../../domain/agreements.js';
import { GjerdeError, httpStatusOf } from '../../domain/errors.js';
import { today } from '../../format/dates.js';
import type { Gjerde } from '../../gjerde.js';
import type { Guards } from '../auth/guards.js';
import { nobodyDecides } from '../case-deciders.js';
import {
  presentAmendmentForm,
  presentCaseJson,
  presentCaseList,
  presentCasePage,
  presentRaiseForm,
} from '../cases-present.js';
import { actorOf, bodyObject } from '../drafting-input.js';
import { queryParam } from '../query.js';
import { urls } from '../urls.js';
import type { Render } from '../views.js';

/**
 * The register of unclear cases: the committee's list (`/saker`), raising a case (from a lookup or a
 * clause), one case with what was done with it, and the amendment a decision leads to. Routes read the
 * request, call src/cases and render; the committee's scope and the editor's scope are checked there.
 */

type WithId = Request<{ id: string }>;

export function caseRoutes(gjerde: Gjerde, render: Render, gate: Guards): Router {
  const router = Router();
  const { cases } = gjerde;
  const { drafting } = gjerde;

  /** An open case no account can decide yet (src/web/case-deciders.ts). */
  const waitsForNobody = async (entry: CaseEntry) =>
    isOpen(entry.case.status) &&
    (await nobodyDecides(gjerde, (await gjerde.agreements.get(entry.case.agreementId)).agreement.meta));

  // ------------------------------------------------------------------ API

  router.get('/api/cases', async (req, res) => {
    const status = statusFilter(req);
    const entries =
      status === 'mine'
        ? await cases.queue(req.principal)
        : status === 'apne'
          ? await cases.queue()
          : (await cases.all()).entries.filter((entry) => status === 'alle' || entry.case.status === status);
    res.json({ cases: entries.map((entry) => presentCaseJson(entry, today())) });
  });

  router.post('/api/cases', gate.signedIn, async (req, res) => {
    const unclear = await cases.raise(bodyObject(req), actorOf(req));
    const entry = await cases.get(unclear.id);
    res
      .status(201)
      .location(`/api/cases/${unclear.id}`)
      .json({ ...presentCaseJson(entry, today()), nobodyDecides: await waitsForNobody(entry) });
  });

  router.get('/api/cases/:id', async (req, res) => {
    const entry = await cases.get(req.params.id);
    const chain = await chainOf(gjerde, cases, entry.case.id);
    res.json({ ...presentCaseJson(entry, today()), nobodyDecides: await waitsForNobody(entry), chain });
  });

  router.post('/api/cases/:id/decision', gate.signedIn, async (req: WithId, res) => {
    await cases.handle(req.params.id, bodyObject(req), actorOf(req));
    res.json(presentCaseJson(await cases.get(req.params.id), today()));
  });

  router.post('/api/cases/:id/amendment', gate.draft, async (req: WithId, res) => {
    const { version } = await draftAmendment(cases, drafting, req.params.id, bodyObject(req), {
      actor: actorOf(req),
      today: today(),
    });
    res.status(201).json({
      agreement: version.id,
      rev: version.revision.rev,
      status: version.agreement.meta.status,
      validFrom: version.agreement.meta.validFrom,
      case: presentCaseJson(await cases.get(req.params.id), today()),
    });
  });

  // ------------------------------------------------------------------ pages

  router.get('/saker', async (req, res) => {
    const [queue, open, all] = await Promise.all([
      req.principal ? cases.queue(req.principal) : Promise.resolve([]),
      cases.queue(),
      cases.all(),
    ]);
    const agreements = new Map<string, AgreementVersion>();
    for (const id of new Set(all.entries.map((entry) => entry.case.agreementId))) {
      const version = await cases.agreementVersion(id).catch(() => undefined);
      if (version) agreements.set(id, version);
    }
    const member = req.principal?.roles.includes('utvalg') ?? false;
    res.type('html').send(
      render('cases', {
        title: 'Saker til samarbeidsutvalget',
        ...presentCaseList({ queue, open, all, member, agreements }, today()),
      }),
    );
  });

  router.get('/saker/ny', gate.signedIn, async (req, res) => {
    const prefill = {
      agreement: queryParam(req, 'avtale'),
      clause: queryParam(req, 'punkt'),
      age: queryParam(req, 'alder'),
      facets: queryParam(req, 'situasjon')?.split(/[\s,]+/) ?? [],
    };
    await sendRaiseForm(req, res, { ...prefill }, undefined);
  });

  router.post('/saker', gate.signedIn, async (req, res) => {
    const body = bodyObject(req);
    try {
      const unclear = await cases.raise(body, actorOf(req));
      res.redirect(303, urls.case(unclear.id, 'meldt'));
    } catch (error) {
      if (!(error instanceof GjerdeError) || !['invalid-input', 'personal-data'].includes(error.code))
        throw error;
      await sendRaiseForm(req, res, formValues(body), error);
    }
  });

  router.get('/saker/:id', async (req: WithId, res) => {
    await sendCasePage(req, res, undefined);
  });

  router.post('/saker/:id/vedtak', gate.signedIn, async (req: WithId, res) => {
    const body = bodyObject(req);
    try {
      await cases.handle(req.params.id, body, actorOf(req));
      res.redirect(303, urls.case(req.params.id, 'behandlet'));
    } catch (error) {
      if (!(error instanceof GjerdeError) || !['invalid-input', 'personal-data'].includes(error.code))
        throw error;
      await sendCasePage(req, res, { body: formValues(body), error });
    }
  });

  router.get('/saker/:id/endring', gate.draft, async (req: WithId, res) => {
    await sendAmendmentForm(req, res, undefined);
  });

  router.post('/saker/:id/endring', gate.draft, async (req: WithId, res) => {
    const body = bodyObject(req);
    try {
      await draftAmendment(cases, drafting, req.params.id, body, { actor: actorOf(req), today: today() });
      res.redirect(303, urls.case(req.params.id, 'endret'));
    } catch (error) {
      if (!(error instanceof GjerdeError) || !['invalid-input', 'personal-data'].includes(error.code))
        throw error;
      await sendAmendmentForm(req, res, { body: formValues(body), error });
    }
  });

  // ------------------------------------------------------------------ rendering

  async function sendRaiseForm(
    req: Request,
    res: Response,
    values: Record<string, unknown>,
    error: GjerdeError | undefined,
  ) {
    const agreementId = typeof values.agreement === 'string' ? values.agreement : undefined;
    const version = agreementId
      ? await cases.agreementVersion(agreementId).catch(() => undefined)
      : undefined;
    const summaries = version ? [] : await gjerde.agreements.summaries();
    res.status(error ? statusOf(error) : 200);
    res.type('html').send(
      render('case-new', {
        title: 'Meld en sak til samarbeidsutvalget',
        ...presentRaiseForm({
          values,
          version,
          summaries,
          principal: req.principal,
          error,
          nobodyDecides: version !== undefined && (await nobodyDecides(gjerde, version.agreement.meta)),
        }),
      }),
    );
  }

  async function sendCasePage(
    req: WithId,
    res: Response,
    failed: { body: Record<string, unknown>; error: GjerdeError } | undefined,
  ) {
    const entry = await cases.get(req.params.id);
    const version = await cases.agreementVersion(entry.case.agreementId);
    const latest = await gjerde.agreements.get(entry.case.agreementId);
    const chain = await chainOf(gjerde, cases, entry.case.id);
    const amended = entry.case.amendment?.agreementId;
    const amendedLatest =
      amended && amended !== entry.case.agreementId ? await gjerde.agreements.get(amended) : latest;
    const principal = req.principal;
    res.status(failed ? statusOf(failed.error) : 200);
    res.type('html').send(
      render('case', {
        title: `Sak: ${entry.case.title}`,
        ...presentCasePage({
          entry,
          version,
          chain,
          mayDecide: principal !== undefined && mayDecideCases(principal, latest.agreement.meta),
          mayAmend: principal !== undefined && mayEdit(principal, latest.agreement.meta),
          latestStatus: amendedLatest.agreement.meta.status,
          nobodyDecides: await nobodyDecides(gjerde, latest.agreement.meta),
          flash: {
            raised: queryParam(req, 'meldt') !== undefined,
            handled: queryParam(req, 'behandlet') !== undefined,
            amended: queryParam(req, 'endret') !== undefined,
          },
          ...(failed ? { failed } : {}),
          today: today(),
        }),
      }),
    );
  }

  async function sendAmendmentForm(
    req: WithId,
    res: Response,
    failed: { body: Record<string, unknown>; error: GjerdeError } | undefined,
  ) {
    const proposal = await proposeAmendment(cases, gjerde.agreements, req.params.id, today());
    const refusal = mayEdit(actorOf(req), proposal.base.agreement.meta)
      ? undefined
      : new GjerdeError('forbidden', `Du er ikke redaktør for ${proposal.base.agreement.meta.title}.`);
    if (refusal) throw refusal;
    res.status(failed ? statusOf(failed.error) : 200);
    res.type('html').send(
      render('case-amend', {
        title: `Endring etter sak: ${proposal.unclear.title}`,
        ...presentAmendmentForm(proposal, today(), failed),
      }),
    );
  }

  return router;
}

async function chainOf(gjerde: Gjerde, cases: Cases, id: string) {
  const { case: unclear } = await cases.get(id);
  const [history, versions] = await Promise.all([
    cases.history(id),
    unclear.amendment ? gjerde.agreements.versions(unclear.amendment.agreementId) : Promise.resolve([]),
  ]);
  return caseChain(unclear, history, versions, today());
}

const statusFilters = ['mine', 'apne', 'apen', 'eskalert', 'avgjort', 'dekket', 'alle'] as const;

function statusFilter(req: Request): (typeof statusFilters)[number] {
  const value = queryParam(req, 'status') ?? 'apne';
  if (!(statusFilters as readonly string[]).includes(value))
    throw new GjerdeError('invalid-input', `«status» kan være ${statusFilters.join(', ')}.`);
  return value as (typeof statusFilters)[number];
}

/** What a form sent, to show again: text as typed, lists as lists. */
function formValues(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== '_csrf'));
}

function statusOf(error: GjerdeError): number {
  return error instanceof NeedsConfirmation ? 422 : httpStatusOf[error.code];
}
