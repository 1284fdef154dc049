import type { Drafting } from '../drafting/service.js';
import { approvalPages } from './drafting-pages/approval.js';
import { editorPages } from './drafting-pages/editor.js';
import { newAgreementPage } from './drafting-pages/new-agreement.js';
import { overviewPage } from './drafting-pages/overview.js';
import { ownAgreementPage } from './drafting-pages/own-agreement.js';
import type { Render } from './views.js';

/**
 * The drafting pages: the new-agreement form, a successor county's own agreement, the editor, a conflict, the draft overview, sending to
 * approval, approving; one module each in src/web/drafting-pages/, with what they share in shared.ts.
 */
export function draftingPages(
  drafting: Drafting,
  render: Render,
  nobodyApproves: Parameters<typeof approvalPages>[2],
) {
  return {
    ...newAgreementPage(drafting, render),
    ...editorPages(drafting, render),
    ...overviewPage(drafting, render),
    ...ownAgreementPage(drafting, render),
    ...approvalPages(drafting, render, nobodyApproves),
  };
}
