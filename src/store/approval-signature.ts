import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { REGISTERED_TRAILERS } from './approval-register.js';
import type { Person } from './store.js';

/**
 * Approvals signed with a key the instances share (`GJERDE_APPROVAL_KEY`, docs/security.md «Approvals
 * recorded in Gjerde»). The register (approval-register.ts) is per instance: an approval another instance
 * made and a synchronization brought in is not in it. So an instance with the key puts a
 * `Gjerde-signatur:` trailer on every approval commit it makes, an HMAC-SHA256 over what the approval vouches
 * for, and every instance with the same key trusts a commit whose signature matches.
 *
 * What is signed: the file's path, its blob id after the commit and before it (the text approved and the
 * text it replaced), the author's name and e-mail address, the author date, and the approval trailers'
 * values. So a signature copied onto a commit of another text, another agreement, another author or date,
 * other parties, or the same text put back on top of a later one (a revert to a text the parties have since
 * replaced) does not match. Not the commit id (a commit cannot hold a signature of its own id) nor the tree
 * id (the commit's other files are no part of the approval, and a batch of saves is written by one
 * `git fast-import` that only then knows the trees); everything signed is known before the commit is made.
 * The same approval repeated on the same parent text states the same fact, which is no forgery.
 */
export const SIGNATURE_TRAILER = 'Gjerde-signatur';

/**
 * An administrator's confirmation of an approval Gjerde did not record (a paper approval brought in with
 * plain git, say): an empty commit by the administrator, with why in its message and this trailer naming
 * the approval commit (approval-confirmation.ts). Signed like an approval: over the approval commit's id
 * (which names its text, parents, author, date and trailers), the administrator and the date.
 */
export const CONFIRMATION_TRAILER = 'Bekreftet-godkjenning';

const VERSION = 'v1';

export interface SignedApproval {
  path: string;
  /** The file's git blob id after the commit. */
  blob: string;
  /** Its blob id before the commit; null when the commit adds the file. */
  previousBlob: string | null;
  author: Person;
  /** The author date as git's `%aI` gives it (`2026-12-07T21:30:00+01:00`). */
  date: string;
  /** The commit's trailers; the approval trailers' values are signed. */
  trailers: Record<string, string[]>;
}

/** The git blob id of a text as the store writes it (SHA-1 object format). */
export function blobId(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export interface SignedConfirmation {
  /** The approval commit confirmed. */
  approval: string;
  author: Person;
  /** As `SignedApproval.date`. */
  date: string;
}

export function signApproval(key: string, approval: SignedApproval): string {
  return `${VERSION} ${mac(key, approvalFields(approval))}`;
}

export function signConfirmation(key: string, confirmation: SignedConfirmation): string {
  return `${VERSION} ${mac(key, confirmationFields(confirmation))}`;
}

/** Whether a confirmation commit's signature matches under `key`. */
export function confirmationSigned(
  key: string | undefined,
  confirmation: SignedConfirmation,
  given: readonly string[] | undefined,
): boolean {
  return key !== undefined && matches(given, signConfirmation(key, confirmation));
}

/** Why the commit's approval is not confirmed by its signature (Norwegian), or undefined when it is. */
export function signatureProblem(key: string | undefined, approval: SignedApproval): string | undefined {
  const given = approval.trailers[SIGNATURE_TRAILER];
  if (!given || given.length === 0)
    return 'Godkjenningen er ikke registrert av Gjerde og har ingen signatur: den kan være skrevet inn for hånd med git.';
  if (!key)
    return 'Godkjenningen har en signatur, men denne Gjerde-instansen har ingen godkjenningsnøkkel (GJERDE_APPROVAL_KEY) å sjekke den med.';
  return matches(given, signApproval(key, approval))
    ? undefined
    : 'Signaturen stemmer ikke: godkjenningen er laget med en annen nøkkel, eller teksten, personen, tidspunktet eller partene er endret etter at den ble signert.';
}

function matches(given: readonly string[] | undefined, signature: string): boolean {
  const expected = Buffer.from(signature);
  return (given ?? []).some((value) => {
    const actual = Buffer.from(value.trim());
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  });
}

function mac(key: string, fields: unknown[]): string {
  return createHmac('sha256', key).update(JSON.stringify(fields)).digest('hex');
}

function confirmationFields({ approval, author, date }: SignedConfirmation): unknown[] {
  return ['gjerde-bekreftelse', VERSION, approval, author.name, author.email, date];
}

function approvalFields(approval: SignedApproval): unknown[] {
  return [
    'gjerde-godkjenning',
    VERSION,
    approval.path,
    approval.blob,
    approval.previousBlob ?? '',
    approval.author.name,
    approval.author.email,
    approval.date,
    ...REGISTERED_TRAILERS.map((key) => approval.trailers[key] ?? []),
  ];
}
