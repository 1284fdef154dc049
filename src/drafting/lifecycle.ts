import { GjerdeError } from '../domain/errors.js';
import type { PlainMessage } from '../format/messages.js';
import type { AgreementMeta, AgreementStatus } from '../format/types.js';
import { agreementStatuses } from '../format/vocabulary.js';
import { formatDate } from '../format/wording.js';
import {
  type Approval,
  approvalState,
  approvedTrailer,
  formatApproval,
  partialTrailer,
  reservedTrailers,
} from './approvals.js';
import { editFrontMatter, removeSignatories, setSignatories, setStatus } from './front-matter-edit.js';

/**
 * The lifecycle in the file's `status`: utkast → til-godkjenning → godkjent (in force from gyldig-fra)
 * → erstattet / utlopt. Status and signatories belong to the lifecycle: an edit saves a draft, «send til
 * godkjenning» starts a round of approvals, and only the approvals make a version `godkjent`.
 */

const approvedStatuses = new Set<AgreementStatus>(['godkjent', 'erstattet', 'utlopt']);

export function isApprovedStatus(status: AgreementStatus): boolean {
  return approvedStatuses.has(status);
}

/** What an edit did to the lifecycle, for the message after saving. */
export type EditNote = 'new-draft' | 'back-to-draft';

/**
 * The file an edit saves. An approved version is never edited in place: the edit is a new draft, and the
 * approved version keeps answering lookups until the draft is approved. Editing a version that awaits
 * approval takes it back to draft, and the approvals given must be given again.
 */
export function applyEditLifecycle(
  markdown: string,
  yours: AgreementMeta,
  base: AgreementMeta | undefined,
  latest: AgreementMeta | undefined,
): { markdown: string; note?: EditNote } {
  if (!latest) return { markdown }; // a new agreement
  const from = base ?? latest;
  if (yours.status !== from.status && yours.status !== 'utkast') {
    throw new GjerdeError(
      'invalid-input',
      `Status kan ikke endres til «${agreementStatuses[yours.status]}» i teksten. Lagre som utkast, send avtalen til godkjenning, og la partene godkjenne den.`,
    );
  }
  if (latest.status === 'utkast') {
    return {
      markdown:
        yours.status === 'utkast' ? markdown : editFrontMatter(markdown, (doc) => setStatus(doc, 'utkast')),
    };
  }
  const edited = editFrontMatter(markdown, (doc) => {
    setStatus(doc, 'utkast');
    removeSignatories(doc);
  });
  return { markdown: edited, note: isApprovedStatus(latest.status) ? 'new-draft' : 'back-to-draft' };
}

/** Refuses a reason that pretends to be an approval (`Godkjent-av:` lines are Gjerde's to write). */
export function checkReasonText(reason: string): void {
  const pattern = new RegExp(`^\\s*(${reservedTrailers.join('|')})\\s*:`, 'imu');
  if (pattern.test(reason)) {
    throw new GjerdeError(
      'invalid-input',
      'Begrunnelsen kan ikke inneholde linjer som «Godkjent-av:». Godkjenninger registreres på godkjenningssiden.',
    );
  }
}

function checkValidity(meta: AgreementMeta, today: string, action: string): void {
  if (meta.validTo && meta.validTo < today) {
    throw new GjerdeError(
      'invalid-input',
      `Avtalen gjelder bare til ${formatDate(meta.validTo)}, som er passert. Endre «gyldig-til» før du ${action}.`,
    );
  }
  if (meta.validFrom < today) {
    throw new GjerdeError(
      'invalid-input',
      `Avtalen skal gjelde fra ${formatDate(meta.validFrom)}, som er passert. En godkjent avtale kan ikke gjelde tilbake i tid (da ville oppslag for tidligere datoer gi et annet svar enn det som gjaldt). Sett «gyldig-fra» til i dag eller senere før du ${action}.`,
    );
  }
}

function refuseErrors(messages: PlainMessage[], what: string): void {
  const errors = messages.filter((message) => message.severity === 'error');
  if (errors.length > 0) {
    throw new GjerdeError('invalid-agreement', `Avtalen har feil og kan ikke ${what}. Rett feilene først.`, {
      messages: errors,
    });
  }
}

/** «Send til godkjenning»: the draft, unchanged except for its status; earlier signatures are cleared. */
export function submitForApproval(
  markdown: string,
  meta: AgreementMeta,
  messages: PlainMessage[],
  today: string,
): string {
  if (meta.status === 'til-godkjenning') {
    throw new GjerdeError('conflict', 'Avtalen er allerede sendt til godkjenning.');
  }
  if (meta.status !== 'utkast') {
    throw new GjerdeError(
      'conflict',
      `Siste versjon er ${agreementStatuses[meta.status].toLowerCase()}. Bare et utkast kan sendes til godkjenning: endre avtalen for å lage et nytt utkast.`,
    );
  }
  refuseErrors(messages, 'sendes til godkjenning');
  checkValidity(meta, today, 'sender den til godkjenning');
  return editFrontMatter(markdown, (doc) => {
    setStatus(doc, 'til-godkjenning');
    removeSignatories(doc);
  });
}

export interface ApprovalOutcome {
  markdown: string;
  /** The commit message: reason, the person's comment, and the approval trailers. */
  message: string;
  complete: boolean;
}

/** Records one party's approval; the last one makes the version `godkjent`. */
export function recordApproval(
  markdown: string,
  meta: AgreementMeta,
  messages: PlainMessage[],
  approval: Approval,
  today: string,
  comment = '',
): ApprovalOutcome {
  if (meta.status !== 'til-godkjenning') {
    throw new GjerdeError(
      'conflict',
      meta.status === 'utkast'
        ? 'Avtalen er ikke sendt til godkjenning ennå. Send den til godkjenning først.'
        : `Avtalen er ${agreementStatuses[meta.status].toLowerCase()} og kan ikke godkjennes på nytt. Endringer blir et nytt utkast.`,
    );
  }
  refuseErrors(messages, 'godkjennes');
  const party = meta.parties.find((candidate) => candidate.id === approval.party);
  if (!party) {
    throw new GjerdeError('invalid-input', `«${approval.party}» er ikke en part i avtalen.`, {
      problems: [{ variable: 'party', message: 'Velg en av partene i avtalen.' }],
    });
  }
  if (party.partOf !== undefined) {
    const parent = meta.parties.find((candidate) => candidate.id === party.partOf);
    throw new GjerdeError(
      'invalid-input',
      `${party.name} er en del av ${parent?.name ?? party.partOf}, og godkjenningen gis av ${parent?.name ?? party.partOf}.`,
      { problems: [{ variable: 'party', message: 'Velg en part som godkjenner avtalen.' }] },
    );
  }
  const before = approvalState(meta);
  const earlier = before.given.find((given) => given.party === approval.party);
  if (earlier) {
    throw new GjerdeError(
      'conflict',
      `${party.name} har allerede godkjent avtalen (${earlier.name}, ${formatDate(earlier.date)}). Hver part godkjenner én gang.`,
    );
  }
  const given = [...before.given, { ...approval, partyName: party.name }];
  const complete = before.missing.length === 1;
  if (complete) checkValidity(meta, today, 'godkjenner den');
  // Signatories in the parties' order, as the format lists them.
  const ordered = before.required.flatMap((required) => given.filter((item) => item.party === required.id));
  const edited = editFrontMatter(markdown, (doc) => {
    setSignatories(
      doc,
      ordered.map(({ name, role, party: id, date }) => ({ name, role, party: id, date })),
    );
    if (complete) setStatus(doc, 'godkjent');
  });
  const note = comment.trim() ? `\n\n${comment.trim()}` : '';
  const message = complete
    ? `Godkjent av alle parter; gjelder fra ${formatDate(meta.validFrom)}${note}\n\n${ordered
        .map((item) => `${approvedTrailer}: ${formatApproval(item)}`)
        .join('\n')}`
    : `Godkjent av ${party.name} (${given.length} av ${before.required.length} parter)${note}\n\n${partialTrailer}: ${formatApproval(approval)}`;
  return { markdown: edited, message, complete };
}
