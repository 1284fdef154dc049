import type { Response } from 'express';
import type { ApprovalStatus, Drafting } from '../../drafting/service.js';
import { clauseVerdict, formatDate, list } from '../../format/wording.js';
import { agreementToHtml } from '../../render/agreement-html.js';
import { presentApprovals } from '../drafting-present.js';
import { urls } from '../urls.js';
import type { Render } from '../views.js';
import { formChecks, lifecycleOf } from './shared.js';

/** The draft overview, where «Lagre utkast» lands. */
export function overviewPage(drafting: Drafting, render: Render) {
  async function sendOverview(res: Response, current: ApprovalStatus, state: { saved: boolean }) {
    const latest = current.version;
    const { agreement } = latest;
    const { meta } = agreement;
    const analysis = await drafting.check(latest.markdown);
    const formHref = urls.edit(latest.id, { form: true });
    res
      .status(200)
      .type('html')
      .send(
        render('draft', {
          title: `Utkast: ${meta.title}`,
          id: latest.id,
          meta,
          saved: state.saved,
          lifecycle: lifecycleOf(current),
          canSubmit: meta.status === 'utkast' && analysis.ok,
          formHref,
          validTo: meta.validTo && formatDate(meta.validTo),
          parties: list(meta.parties.map((party) => party.name)),
          clauses: agreement.clauses.map((clause) => ({
            title: clause.title,
            href: urls.edit(latest.id, { form: true, clause: clause.id }),
            ...clauseVerdict(clause, agreement),
          })),
          checks: formChecks(analysis, latest.markdown, latest.id),
          approvals: presentApprovals(current.state, current.history.comments),
          // Under «Hva avtalen sier» (h2), beside «Hvem har ansvaret» (h3).
          html: agreementToHtml(latest.markdown, agreement, { topLevel: 3 }),
        }),
      );
  }

  return { sendOverview };
}
