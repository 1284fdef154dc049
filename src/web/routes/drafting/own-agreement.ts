import type { Response } from 'express';
import { GjerdeError } from '../../../domain/errors.js';
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

  /** The start for the county asked for (`for`), with the agreement it comes from; 403 with the reason if none. */
  async function started(req: WithId, county: unknown) {
    const start =
      typeof county === 'string'
        ? await drafting.ownAgreementStart(actorOf(req), req.params.id, county)
        : undefined;
    if (!start)
      throw new GjerdeError(
        'forbidden',
        `Du kan ikke lage en egen avtale ut fra «${req.params.id}»${typeof county === 'string' ? ` for ${county.slice(0, 60)}` : ''}: det kan redaktører for et fylke som overtok etter at fylket avtalen ble inngått for, ble delt, når et annet av fylkene har tatt avtalen videre.`,
      );
    return start;
  }

  return {
    /** `GET /avtaler/:id/egen-avtale?for=Heiane` */
    page: async (req: WithId, res: Response) => {
      const start = await started(req, req.query.for);
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
        ...start,
        actor: actorOf(req),
        markdown: markdownField(input),
        reason: typeof input.reason === 'string' ? input.reason : '',
      };
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
        const version = await drafting.createFromText(state.markdown, {
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
