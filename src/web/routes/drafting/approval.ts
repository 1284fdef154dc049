import type { Response } from 'express';
import { GjerdeError } from '../../../domain/errors.js';
import type { Drafting } from '../../../drafting/service.js';
import { actorOf, approvalInput, bodyObject, statusOf } from '../../drafting-input.js';
import { urls } from '../../urls.js';
import type { DraftingContext, WithId } from './context.js';

/**
 * Sending a draft to approval and approving it, party by party. One handler per route; `draftingRoutes`
 * says which path and gate each answers.
 */
export function approvalPages(context: DraftingContext) {
  const { drafting, latestEditable } = context;
  const { sendSubmit, sendApprove } = context.pages;

  return {
    /** `GET /avtaler/:id/send` */
    submitPage: async (req: WithId, res: Response) => {
      await sendSubmit(res, 200, await latestEditable(req), { actor: actorOf(req) });
    },
    /** `POST /avtaler/:id/send` */
    submit: async (req: WithId, res: Response) => {
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
    },
    /** `GET /avtaler/:id/godkjenn` */
    approvalPage: async (req: WithId, res: Response) => {
      const current = await drafting.approvalStatus(req.params.id);
      const approvedParty = typeof req.query.godkjent === 'string' ? req.query.godkjent : undefined;
      await sendApprove(res, 200, current, {
        actor: req.principal,
        input: {},
        sent: req.query.sendt === '1',
        approvedParty,
        ...(typeof req.query.avsluttet === 'string' ? { replacedId: req.query.avsluttet } : {}),
      });
    },
    /** `POST /avtaler/:id/godkjenn` */
    approve: async (req: WithId, res: Response) => {
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
    },
  };
}
