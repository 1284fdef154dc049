import type { Request } from 'express';
import type { AgreementVersion } from '../../../domain/agreements.js';
import { GjerdeError } from '../../../domain/errors.js';
import { editRefusal } from '../../../drafting/permissions.js';
import type { Drafting, DraftStatus } from '../../../drafting/service.js';
import type { Gjerde } from '../../../gjerde.js';
import { actorOf } from '../../drafting-input.js';
import { draftingPages } from '../../drafting-pages.js';
import { presentApprovals } from '../../drafting-present.js';
import { partiesNobodyApproves } from '../../party-approvers.js';
import type { Render } from '../../views.js';

/** Express infers a route's parameters from its first handler, and the gates are typed for any route. */
export type WithId = Request<{ id: string }>;

/** What the drafting handlers share: the services, the pages they render, and the checks before a change. */
export interface DraftingContext {
  gjerde: Gjerde;
  drafting: Drafting;
  render: Render;
  pages: ReturnType<typeof draftingPages>;
  latestEditable(req: WithId, options?: { continuing?: boolean }): Promise<DraftStatus>;
  approvalsJson(version: AgreementVersion): Promise<ReturnType<typeof presentApprovals>>;
  overlapsJson(version: AgreementVersion): Promise<{ overlaps: Awaited<ReturnType<Drafting['overlaps']>> }>;
}

export function draftingContext(gjerde: Gjerde, render: Render): DraftingContext {
  const { drafting } = gjerde;

  /**
   * The latest version, for a page that changes it: 403 with the reason instead of a form that cannot be saved.
   * `continuing`: the editor, where a successor county's editor may continue a dissolved county's agreement.
   */
  async function latestEditable(req: WithId, options: { continuing?: boolean } = {}): Promise<DraftStatus> {
    const current = await drafting.approvalStatus(req.params.id);
    const { meta } = current.version.agreement;
    const refusal = options.continuing
      ? await drafting.editorRefusal(actorOf(req), meta)
      : editRefusal(actorOf(req), meta);
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

  return {
    gjerde,
    drafting,
    render,
    pages: draftingPages(drafting, render, (county, missing) =>
      partiesNobodyApproves(gjerde, county, missing),
    ),
    latestEditable,
    approvalsJson,
    overlapsJson,
  };
}
