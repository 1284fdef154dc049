/**
 * A draft that carries a change no approval gave (`unapproved-carried`, a warning): an edit in Gjerde starts
 * from the newest approved version, and when that version's front matter was changed with plain git and no
 * approval recorded (a party renamed, another county, a moved `gyldig-fra`), the draft inherits the change
 * unseen, and the approval round would make it agreed: «Sendt til godkjenning hos OT Breivik». Each such
 * change the draft still has is named against the last version whose approval is recorded, so the editor
 * and the approvers see it (docs/format.md, «Samme tekst»).
 */
import type { AgreementVersion } from '../domain/agreements.js';
import { unrecordedVersion } from '../domain/text-approval.js';
import { isApproved } from '../domain/validity.js';
import type { PlainMessage } from '../format/messages.js';
import type { Agreement } from '../format/types.js';
import { formatDate } from '../format/wording.js';
import { vouchedChanges } from '../history/vouched-changes.js';

/** `versions` newest first; one warning per change the unrecorded version made that `agreement` still has. */
export async function carriedUnapprovedWarnings(
  markdown: string,
  agreement: Agreement,
  versions: readonly AgreementVersion[],
): Promise<PlainMessage[]> {
  const newest = versions.find(
    (version) => version.valid && !version.withdrawn && isApproved(version.agreement.meta),
  );
  const finding = newest && (await unrecordedVersion(versions, newest.revision.rev));
  const recorded = versions.find((version) => version.revision.rev === finding?.approved?.rev);
  if (!newest || !finding || !recorded) return [];
  const unrecorded = new Set(
    vouchedChanges(recorded.agreement, newest.agreement).map((change) => `${change.field}\n${change.text}`),
  );
  const carried = vouchedChanges(recorded.agreement, agreement).filter((change) =>
    unrecorded.has(`${change.field}\n${change.text}`),
  );
  const line = markdown.split('\n').findIndex((text) => /^id:/.test(text)) + 1 || 1;
  const saved = formatDate(recorded.revision.date.slice(0, 10));
  return carried.map((change) => ({
    line,
    column: 1,
    severity: 'warning',
    rule: 'unapproved-carried',
    message: `Ikke godkjent av partene: ${change.text}. Endringen ble lagret med git uten registrert godkjenning (revisjon ${finding.changedIn.rev.slice(0, 8)} av ${finding.changedIn.author.name}); den sist godkjente versjonen (lagret ${saved}) har det ikke slik. Blir teksten godkjent, godkjenner partene også dette.`,
  }));
}
