import type { Response } from 'express';
import { GjerdeError } from '../../../domain/errors.js';
import { ownAgreementRefusal, presentExistingOwnAgreement } from '../../agreement-present.js';
import { actorOf, bodyObject, markdownField, saveProblems, statusOf } from '../../drafting-input.js';
import { urls } from '../../urls.js';
import type { DraftingContext, WithId } from './context.js';

/**
 * A successor county's own agreement from the dissolved county's text, once another successor has continued
 * the file («Lag egen avtale for Heiane ut fra denne teksten» on its page). One handler per route;
 * `draftingRoutes` says which path and gate each answers.
 */
export function ownAgreementPages(context: DraftingContext) {
  const { drafting } = context;
  const { sendOwnAgreement } = context.pages;

  /** The start for the county asked for (`for`), or the county's own agreement; 403 with the reason if neither. */
  async function started(req: WithId, county: unknown) {
    const start = await drafting.ownAgreementStart(
      actorOf(req),
      req.params.id,
      typeof county === 'string' ? county : '',
    );
    if (start.kind === 'refused') throw new GjerdeError('forbidden', ownAgreementRefusal(start.successors));
    return start;
  }

  return {
    /** `GET /avtaler/:id/egen-avtale?for=Heiane`: the start, or the county's own agreement when it has one. */
    page: async (req: WithId, res: Response) => {
      const start = await started(req, req.query.for);
      if (start.kind === 'existing') {
        res.redirect(303, presentExistingOwnAgreement(start.source.id, start.county, start.agreement).href);
        return;
      }
      await sendOwnAgreement(res, 200, {
        actor: actorOf(req),
        ...start,
        reason: `Egen avtale for ${start.county} etter delingen, erstatter ${start.source.id}`,
      });
    },
    /** `POST /avtaler/:id/egen-avtale` */
    create: async (req: WithId, res: Response) => {
      const input = bodyObject(req);
      const start = await started(req, input.for);
      const state = {
        county: start.county,
        source: start.source,
        id: start.kind === 'start' ? start.id : start.agreement.id,
        actor: actorOf(req),
        markdown: markdownField(input),
        reason: typeof input.reason === 'string' ? input.reason : '',
      };
      if (start.kind === 'existing') {
        // A second own agreement would leave the county two drafts replacing the same text: the first is to go on.
        const existing = presentExistingOwnAgreement(start.source.id, start.county, start.agreement);
        await sendOwnAgreement(res, 409, { ...state, existing });
        return;
      }
      if (input.action !== 'lagre') {
        await sendOwnAgreement(res, 200, { ...state, checked: true });
        return;
      }
      const problems = saveProblems(input);
      if (problems.length > 0) {
        await sendOwnAgreement(res, 422, { ...state, problems });
        return;
      }
      try {
        const version = await drafting.createOwnAgreement(start.source.id, start.county, state.markdown, {
          actor: state.actor,
          reason: state.reason,
        });
        // The overview of the draft, as after «Ny avtale»: what it says, the checks, who must approve.
        res.redirect(303, urls.draft(version.id, version.revision.rev));
      } catch (error) {
        if (!(error instanceof GjerdeError)) throw error;
        await sendOwnAgreement(res, statusOf(error), { ...state, error });
      }
    },
  };
}
