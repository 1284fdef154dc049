import type { Response } from 'express';
import { approvableParties } from '../../access/policy.js';
import type { Principal } from '../../access/principal.js';
import type { GjerdeError } from '../../domain/errors.js';
import { shiftDay } from '../../domain/validity.js';
import type { FieldProblem } from '../../drafting/form.js';
import type { Drafting, DraftStatus } from '../../drafting/service.js';
import { today } from '../../format/dates.js';
import type { Party } from '../../format/types.js';
import { formatDate, list } from '../../format/wording.js';
import { agreementToHtml } from '../../render/agreement-html.js';
import type { Body } from '../drafting-input.js';
import { presentAnalysis, presentApprovals, presentOverlaps } from '../drafting-present.js';
import { presentRevision } from '../present.js';
import { urls } from '../urls.js';
import type { Render } from '../views.js';
import { formChecks, lifecycleOf, savingAs } from './shared.js';

/** The approval form's fields in the order they stand (views/approve.hbs): its error summary says them so. */
const fieldOrder = ['party', 'role', 'date', 'comment'];

/**
 * Sending a draft to approval, and approving it. `nobodyApproves` gives, of the parties a version awaits, those
 * no account can approve for (`party-approvers.ts`).
 */
export function approvalPages(
  drafting: Drafting,
  render: Render,
  nobodyApproves: (county: string, missing: readonly Party[]) => Promise<Party[]>,
) {
  async function sendSubmit(
    res: Response,
    status: number,
    current: DraftStatus,
    state: {
      actor: Principal;
      comment?: string;
      error?: GjerdeError;
    },
  ) {
    const latest = current.version;
    const analysis = await drafting.check(latest.markdown);
    res
      .status(status)
      .type('html')
      .send(
        render('approve-submit', {
          overlaps: presentOverlaps(current.overlaps),
          title: `Send til godkjenning: ${latest.agreement.meta.title}`,
          id: latest.id,
          meta: latest.agreement.meta,
          rev: latest.revision.rev,
          lifecycle: lifecycleOf(current),
          canSubmit: latest.agreement.meta.status === 'utkast' && analysis.ok,
          checks: formChecks(analysis, latest.markdown, latest.id),
          approvals: presentApprovals(current.state),
          comment: state.comment ?? '',
          savingAs: savingAs(state.actor),
          summary: [
            ...(state.error ? [{ message: state.error.message, href: '#send' }] : []),
            ...(state.error?.details.messages ?? []).map((message) => ({
              message: message.message,
              href: urls.draft(latest.id),
            })),
          ],
        }),
      );
  }

  async function sendApprove(
    res: Response,
    status: number,
    current: DraftStatus,
    state: {
      /** Undefined for an anonymous reader (GJERDE_ANONYMOUS_READ), who is asked to sign in. */
      actor: Principal | undefined;
      input: Body;
      sent?: boolean;
      approvedParty?: string;
      /** The agreement this one replaces, ended by the approval that completed it. */
      replacedId?: string;
      error?: GjerdeError;
      problems?: FieldProblem[];
    },
  ) {
    const latest = current.version;
    const { meta } = latest.agreement;
    const approvals = presentApprovals(current.state, current.history.comments);
    const analysis = await drafting.check(latest.markdown);
    const problems = state.problems ?? [];
    const value = (name: string) =>
      typeof state.input[name] === 'string' ? (state.input[name] as string) : '';
    const error = (name: string) => problems.find((problem) => problem.variable === name)?.message;
    const approvedParty = approvals.given.find((given) => given.party === state.approvedParty);
    const { actor } = state;
    // Only the parties this person represents, and only those still missing.
    const own = actor
      ? approvableParties(actor, current.version.agreement.meta.county, current.state.required)
      : [];
    const partyOptions = approvals.missing.filter((party) => own.includes(party.id));
    // Said to everyone who opens the page, the sender first: otherwise only «Venter», for ever.
    const unapprovable =
      meta.status === 'til-godkjenning' ? await nobodyApproves(meta.county, current.state.missing) : [];
    const approver = actor && {
      ...savingAs(actor),
      refusal: drafting.approvalRefusal(actor, current),
      alreadyApproved: approvals.given
        .filter((given) => own.includes(given.party))
        .map((given) => given.partyName)
        .join(' og '),
      canApprove: partyOptions.length > 0,
    };
    res
      .status(status)
      .type('html')
      .send(
        render('approve', {
          overlaps: presentOverlaps(current.overlaps),
          replacedEnded:
            state.replacedId && meta.replaces === state.replacedId && meta.status === 'godkjent'
              ? `Avtalen erstatter «${state.replacedId}», som nå gjelder til og med ${formatDate(shiftDay(meta.validFrom, -1))}.`
              : undefined,
          title: `Godkjenn: ${meta.title}`,
          id: latest.id,
          meta,
          rev: latest.revision.rev,
          latest: { ...presentRevision(latest.revision), dateLabel: formatDate(latest.revision.date) },
          // Who wrote the text being approved: an approval commits too, but changes no word of it.
          lastEdit: current.history.lastEdit && {
            author: current.history.lastEdit.author.name,
            dateLabel: formatDate(current.history.lastEdit.date),
          },
          lifecycle: lifecycleOf(current),
          open: meta.status === 'til-godkjenning' && analysis.ok,
          approvals,
          approver,
          returnPath: encodeURIComponent(urls.approve(latest.id)),
          partyOptions: partyOptions.map((party) => ({
            ...party,
            checked: party.id === value('party') || partyOptions.length === 1,
          })),
          otherParties: meta.parties
            .filter(
              (party) =>
                party.partOf !== undefined && !current.state.required.some((known) => known.id === party.id),
            )
            .map((party) => ({
              name: party.name,
              parent: meta.parties.find((p) => p.id === party.partOf)?.name,
            })),
          sent: state.sent,
          nobodyApproves:
            unapprovable.length > 0
              ? `Ingen i Gjerde kan godkjenne for ${list(unapprovable.map((party) => party.name))} ennå, så avtalen kan ikke bli godkjent. Be en administrator gi noen rollen godkjenner for ${unapprovable.length === 1 ? 'parten' : 'hver av dem'} på «Brukere».`
              : undefined,
          approvedParty,
          complete: approvals.complete && meta.status === 'godkjent',
          validFromLabel: formatDate(meta.validFrom),
          checks: presentAnalysis(analysis, latest.markdown),
          // Under the page's «Godkjenning».
          html: agreementToHtml(latest.markdown, latest.agreement, { topLevel: 2 }),
          role: value('role'),
          approvalDate: value('date') || today(),
          today: today(),
          comment: value('comment'),
          errors: {
            role: error('role'),
            party: error('party'),
            date: error('date'),
            comment: error('comment'),
          },
          summary: [
            ...(state.error && problems.length === 0
              ? [{ message: state.error.message, href: '#godkjenning' }]
              : []),
            ...[...problems]
              .sort((a, b) => fieldOrder.indexOf(a.variable) - fieldOrder.indexOf(b.variable))
              .map((problem) => ({
                message: problem.message,
                href: `#godkjenn-${problem.variable}`,
              })),
          ],
        }),
      );
  }

  return { sendSubmit, sendApprove };
}
