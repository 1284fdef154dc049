import type { Response } from 'express';
import type { Principal } from '../../access/principal.js';
import type { GjerdeError } from '../../domain/errors.js';
import type { FieldProblem } from '../../drafting/form.js';
import type { Drafting } from '../../drafting/service.js';
import { presentAnalysis, previewHtml } from '../drafting-present.js';
import { urls } from '../urls.js';
import type { Render } from '../views.js';
import { savingAs } from './shared.js';

/**
 * A successor county's own agreement, started from the dissolved county's text that another successor
 * continued (`Drafting.ownAgreementStart`): the Markdown with its checks and preview, saved as a new draft.
 */
export function ownAgreementPage(drafting: Drafting, render: Render) {
  async function sendOwnAgreement(
    res: Response,
    status: number,
    state: {
      actor: Principal;
      /** The dissolved county's agreement the text comes from. */
      source: { id: string; title: string; county: string };
      county: string;
      /** The new agreement's id, as the text was started. */
      id: string;
      markdown: string;
      reason: string;
      problems?: FieldProblem[];
      error?: GjerdeError;
      /** The county's own agreement that is there already: where to go on instead. */
      existing?: { message: string; href: string };
      checked?: boolean;
    },
  ) {
    const { source, county } = state;
    const analysis = await drafting.check(state.markdown);
    const problems = state.problems ?? [];
    const summary = [
      ...(state.existing ? [state.existing] : []),
      ...(state.error ? [{ message: state.error.message, href: '#markdown' }] : []),
      ...problems.map((problem) => ({
        message: problem.message,
        href: problem.variable === 'reason' ? '#tekst-reason' : '#markdown',
      })),
      ...(state.error?.details.messages ?? []).map((message) => ({
        message: `${message.line ? `Linje ${message.line}, kolonne ${message.column}: ` : ''}${message.message}`,
        href: '#markdown',
      })),
    ];
    res
      .status(status)
      .type('html')
      .send(
        render('own-agreement', {
          title: `Egen avtale for ${county}`,
          county,
          id: state.id,
          source,
          href: urls.ownAgreement(source.id, county),
          action: urls.ownAgreement(source.id, county),
          intro: `Teksten er ${source.county}s avtale «${source.title}» (${source.id}), gjort om for ${county} som ved en videreføring: ${county}s fylkeskommune i stedet for den gamle, ingen signaturer, og «erstatter: ${source.id}», så den erstatter den gamle avtalen i ${county} fra første dag. Les den, endre det ${county} vil ha annerledes, og lagre.`,
          markdown: state.markdown,
          reason: state.reason,
          reasonError: problems.find((problem) => problem.variable === 'reason')?.message,
          savingAs: savingAs(state.actor),
          summary,
          checks: presentAnalysis(analysis, state.markdown),
          checked: state.checked === true,
          html: previewHtml(state.markdown, analysis.agreement),
        }),
      );
  }

  return { sendOwnAgreement };
}
