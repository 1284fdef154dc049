import type { PlainMessage } from '../format/messages.js';
import type { AgreementMeta, AgreementStatus, Signatory } from '../format/types.js';
import { agreementStatuses } from '../format/vocabulary.js';
import { formatDate } from '../format/wording.js';
import {
  type Approval,
  type ApprovalRound,
  approvalState,
  approvedTrailer,
  formatApproval,
  partialTrailer,
  reservedTrailers,
  withoutLifecycle,
} from './approvals.js';
import { GjerdeError } from './errors.js';
import { editFrontMatter, removeSignatories, setSignatories, setStatus } from './front-matter-edit.js';
import { shiftDay } from './validity.js';

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
 * approval takes it back to draft, and the approvals given must be given again. A new agreement is a draft.
 *
 * Signatories are the approval path's to write: an edit that adds or changes `signatarer` (compared with
 * the version it started from) is refused, since nobody signs by typing; the list that came with that
 * version is removed, because a draft is signed by nobody.
 */
export function applyEditLifecycle(
  markdown: string,
  yours: AgreementMeta,
  base: AgreementMeta | undefined,
  latest: AgreementMeta | undefined,
): { markdown: string; note?: EditNote } {
  const from = base ?? latest;
  if (yours.status !== (from?.status ?? 'utkast') && yours.status !== 'utkast') {
    throw new GjerdeError(
      'invalid-input',
      `Status kan ikke endres til «${agreementStatuses[yours.status]}» i teksten. Lagre som utkast, send avtalen til godkjenning, og la partene godkjenne den.`,
    );
  }
  if (yours.signatories.length > 0 && !sameSignatories(yours.signatories, from?.signatories ?? [])) {
    throw new GjerdeError(
      'invalid-input',
      'Signatarer kan ikke skrives inn eller endres i teksten: Gjerde fører dem inn når hver part godkjenner avtalen på godkjenningssiden. Fjern endringen i «signatarer».',
    );
  }
  const lifecycleWritten = yours.signatories.length > 0 || /^signatarer\s*:/m.test(markdown);
  const edited =
    yours.status === 'utkast' && !lifecycleWritten
      ? markdown
      : editFrontMatter(markdown, (doc) => {
          setStatus(doc, 'utkast');
          removeSignatories(doc);
        });
  if (!latest || latest.status === 'utkast') return { markdown: edited };
  return { markdown: edited, note: isApprovedStatus(latest.status) ? 'new-draft' : 'back-to-draft' };
}

function sameSignatories(a: Signatory[], b: Signatory[]): boolean {
  const key = (list: Signatory[]) =>
    JSON.stringify(list.map(({ name, role, party, date }) => [name, role, party, date ?? '']));
  return key(a) === key(b);
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

/**
 * An approved version never applies backwards: lookups for past dates would change. The one exception is
 * an amendment that only moves the end (or the review date) of the version it amends, with the same
 * `gyldig-fra` and an end no earlier than today, of a version that had not ended before yesterday: ending an
 * agreement changes no past answer, reviving one that had ended would.
 */
function checkValidity(
  markdown: string,
  meta: AgreementMeta,
  today: string,
  action: string,
  approved: ApprovalRound['approved'],
): void {
  if (meta.validTo && meta.validTo < today) {
    throw new GjerdeError(
      'invalid-input',
      `Avtalen gjelder bare til ${formatDate(meta.validTo)}, som er passert. Endre «gyldig-til» før du ${action}.`,
    );
  }
  if (meta.validFrom < today && !movesOnlyTheEnd(markdown, meta, today, approved)) {
    throw new GjerdeError(
      'invalid-input',
      `Avtalen skal gjelde fra ${formatDate(meta.validFrom)}, som er passert. En godkjent avtale kan ikke gjelde tilbake i tid (da ville oppslag for tidligere datoer gi et annet svar enn det som gjaldt). Sett «gyldig-fra» til i dag eller senere før du ${action}. Skal du bare avslutte avtalen, endrer du bare «gyldig-til».`,
    );
  }
}

function movesOnlyTheEnd(
  markdown: string,
  meta: AgreementMeta,
  today: string,
  approved: ApprovalRound['approved'],
): boolean {
  if (!approved || approved.meta.validFrom !== meta.validFrom) return false;
  // An end already passed stays: moving it would put the agreement in force on days it was not.
  const { validTo } = approved.meta;
  if (validTo && validTo < shiftDay(today, -1)) return false;
  const period = ['gyldig-til', 'revideres'];
  return withoutLifecycle(markdown, period) === withoutLifecycle(approved.markdown, period);
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
  round: ApprovalRound,
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
  checkValidity(markdown, meta, today, 'sender den til godkjenning', round.approved);
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
/** Nobody approved a text before it was written (a commit's day, in its author's zone, may be after today). */
export function approvalDateProblem(
  date: string,
  round: ApprovalRound,
  today: string,
): { variable: 'date'; message: string } | undefined {
  const writtenOn = round.writtenOn && round.writtenOn < today ? round.writtenOn : today;
  if (date >= writtenOn) return undefined;
  return {
    variable: 'date',
    message: `Godkjenningsdatoen kan ikke være før teksten ble skrevet (${formatDate(writtenOn)}): ingen kan ha godkjent en tekst som ikke fantes ennå.`,
  };
}

export function recordApproval(
  markdown: string,
  meta: AgreementMeta,
  messages: PlainMessage[],
  approval: Approval,
  today: string,
  round: ApprovalRound,
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
  const before = approvalState(meta, round);
  const party = before.required.find((candidate) => candidate.id === approval.party);
  if (!party) {
    const unit = meta.parties.find((candidate) => candidate.id === approval.party);
    if (unit?.partOf !== undefined) {
      const parent = meta.parties.find((candidate) => candidate.id === unit.partOf);
      throw new GjerdeError(
        'invalid-input',
        `${unit.name} er en del av ${parent?.name ?? unit.partOf}, og godkjenningen gis av ${parent?.name ?? unit.partOf}.`,
        { problems: [{ variable: 'party', message: 'Velg en part som godkjenner avtalen.' }] },
      );
    }
    throw new GjerdeError('invalid-input', `«${approval.party}» er ikke en part i avtalen.`, {
      problems: [{ variable: 'party', message: 'Velg en av partene i avtalen.' }],
    });
  }
  const earlier = before.given.find((given) => given.party === approval.party);
  if (earlier) {
    throw new GjerdeError(
      'conflict',
      `${party.name} har allerede godkjent avtalen (${earlier.name}, ${formatDate(earlier.date)}). Hver part godkjenner én gang.`,
    );
  }
  const early = approvalDateProblem(approval.date, round, today);
  if (early)
    throw new GjerdeError('invalid-input', 'Godkjenningen er ikke fylt ut riktig.', { problems: [early] });
  const given = [...before.given, { ...approval, partyName: party.name }];
  const complete = before.missing.length === 1;
  if (complete) checkValidity(markdown, meta, today, 'godkjenner den', round.approved);
  // Signatories in the parties' order, as the format lists them. A party of the last approved version
  // that this version no longer has approves too, in the commit's trailers: the file names only its parties.
  const ordered = before.required.flatMap((required) => given.filter((item) => item.party === required.id));
  const signatories = ordered.filter((item) => meta.parties.some((known) => known.id === item.party));
  const edited = editFrontMatter(markdown, (doc) => {
    setSignatories(
      doc,
      signatories.map(({ name, role, party: id, date }) => ({ name, role, party: id, date })),
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
