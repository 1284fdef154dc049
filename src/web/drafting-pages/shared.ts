import type { Principal } from '../../access/principal.js';
import { isApprovedStatus } from '../../domain/lifecycle.js';
import type { Analysis } from '../../drafting/checks/analyze.js';
import { type FieldProblem, fieldId } from '../../drafting/form.js';
import type { ApprovalStatus } from '../../drafting/service.js';
import { isIsoDate } from '../../format/dates.js';
import { formatDate, list } from '../../format/wording.js';
import { presentFormChecks } from '../drafting-present.js';
import { urls } from '../urls.js';

/** What the drafting pages share: who saves, the checks by field, the error summary, the lifecycle. */

/** «Lagres som Kari Nordmann (kari@nav.example)»: whose name the history will carry. */
export function savingAs(actor: Principal) {
  return { name: actor.name, email: actor.email };
}

/** The checks as a person filling in forms sees them: «Gå til feltet» on the edit form, never a line number. */
export function formChecks(analysis: Analysis, markdown: string, id: string) {
  return presentFormChecks(analysis, markdown, (target) =>
    urls.edit(id, { form: true, clause: 'clause' in target ? target.clause : 'nytt' }),
  );
}

/** The error summary's links: each problem to its field, an error in the agreement made to the preview. */
export function errorSummary(
  problems: FieldProblem[],
  failed: boolean,
  errors: { message: string; href?: string | undefined }[],
) {
  const items = problems.map((problem) => ({
    message: problem.message,
    href: `#${problem.variable === 'reason' ? problem.variable : fieldId(problem.variable)}`,
  }));
  if (failed) {
    // The field that fixes it, or the preview: never a line number in a text the person has not seen.
    for (const error of errors) {
      items.push({
        message: `Avtalen som blir laget, har en feil: ${error.message}`,
        href: error.href ?? '#forhandsvisning',
      });
    }
  }
  return items;
}

/** Where the version stands in its lifecycle, and what the person can do next. */
export function lifecycleOf({ version, state }: ApprovalStatus) {
  const { meta } = version.agreement;
  const approved = isApprovedStatus(meta.status);
  return {
    status: meta.status,
    draft: meta.status === 'utkast',
    awaiting: meta.status === 'til-godkjenning',
    approved,
    missing: list(state.missing.map((party) => party.name)),
    given: state.given
      .map((given) => `${given.partyName} (${given.name}, ${formatDate(given.date)})`)
      .join(', '),
    validFrom: isIsoDate(meta.validFrom) ? formatDate(meta.validFrom) : meta.validFrom,
  };
}
