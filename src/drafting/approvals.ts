import { GjerdeError } from '../domain/errors.js';
import { containsNationalIdNumber, personalDataMessage } from '../domain/personal-data.js';
import { isIsoDate } from '../format/dates.js';
import { isValidId } from '../format/ids.js';
import type { AgreementMeta, Party } from '../format/types.js';

/**
 * Approval by the parties. A representative of each party with signatory power records an approval
 * (name, role, party, date). Parties with signatory power are the top-level parties: those that are
 * not `del-av` another (OT is part of the county, so the county approves for it).
 *
 * In git, every approval is a commit by the approver. While parties are missing, the commit carries a
 * `Godkjenning:` trailer and adds the approver to `signatarer` (status stays `til-godkjenning`). The
 * commit that completes the approvals sets `status: godkjent` and carries one `Godkjent-av:` trailer
 * for every party, so that the approved commit alone says who approved it:
 *
 *     Godkjent-av: Kari Nordmann | Direktør, NAV Fjordvik | nav-fjordvik | 2026-11-22
 */

/** On the commit that completes the approvals (the approved version), one per party. */
export const approvedTrailer = 'Godkjent-av';
/** On a commit that records one party's approval while others are missing. */
export const partialTrailer = 'Godkjenning';
/** Trailer keys only Gjerde writes; a reason written by a person may not contain them. */
export const reservedTrailers = [approvedTrailer, partialTrailer];

export interface Approval {
  name: string;
  role: string;
  party: string;
  date: string;
}

export function signatoryParties(meta: AgreementMeta): Party[] {
  return meta.parties.filter((party) => party.partOf === undefined);
}

/** `Kari Nordmann | Direktør, NAV Fjordvik | nav-fjordvik | 2026-11-22` */
export function formatApproval(approval: Approval): string {
  return [approval.name, approval.role, approval.party, approval.date].join(' | ');
}

export function parseApproval(value: string): Approval | undefined {
  const parts = value.split('|').map((part) => part.trim());
  if (parts.length !== 4) return undefined;
  const [name, role, party, date] = parts as [string, string, string, string];
  if (!name || !role || !isValidId(party) || !isIsoDate(date)) return undefined;
  return { name, role, party, date };
}

export interface ApprovalState {
  /** The parties whose approval is needed. */
  required: Party[];
  /** Approvals given in this round, from `signatarer` (entries with a date, for a signatory party). */
  given: (Approval & { partyName: string })[];
  missing: Party[];
  complete: boolean;
}

export function approvalState(meta: AgreementMeta): ApprovalState {
  const required = signatoryParties(meta);
  const given = required.flatMap((party) => {
    const signatory = meta.signatories.find((candidate) => candidate.party === party.id && candidate.date);
    return signatory?.date
      ? [
          {
            name: signatory.name,
            role: signatory.role,
            party: party.id,
            date: signatory.date,
            partyName: party.name,
          },
        ]
      : [];
  });
  const missing = required.filter((party) => !given.some((approval) => approval.party === party.id));
  return { required, given, missing, complete: required.length > 0 && missing.length === 0 };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const control = /[\u0000-\u001f\u007f]/;

/** An approval as a person typed it: each problem tied to its field (`name`, `role`, `party`, `date`). */
export function checkApprovalInput(
  input: { name?: unknown; role?: unknown; party?: unknown; date?: unknown },
  today: string,
): Approval {
  const problems: { variable: string; message: string }[] = [];
  const text = (value: unknown, variable: string, label: string, max: number): string => {
    if (value !== undefined && typeof value !== 'string') {
      problems.push({ variable, message: `${label} må være tekst.` });
      return '';
    }
    const trimmed = (value ?? '').trim();
    if (trimmed.length < 2) problems.push({ variable, message: `Skriv ${label.toLowerCase()}.` });
    else if (trimmed.length > max) problems.push({ variable, message: `${label} kan ha høyst ${max} tegn.` });
    else if (control.test(trimmed) || trimmed.includes('|')) {
      problems.push({ variable, message: `${label} kan ikke inneholde | eller linjeskift.` });
    } else if (containsNationalIdNumber(trimmed)) problems.push({ variable, message: personalDataMessage });
    return trimmed;
  };
  const name = text(input.name, 'name', 'Navn', 100);
  const role = text(input.role, 'role', 'Rolle', 200);
  const party = typeof input.party === 'string' ? input.party.trim() : '';
  if (!isValidId(party))
    problems.push({ variable: 'party', message: 'Velg hvilken part du godkjenner for.' });
  let date = today;
  if (input.date !== undefined && input.date !== '') {
    if (!isIsoDate(input.date)) problems.push({ variable: 'date', message: 'Skriv datoen som ÅÅÅÅ-MM-DD.' });
    else if (input.date > today)
      problems.push({ variable: 'date', message: 'Godkjenningsdatoen kan ikke være fram i tid.' });
    else date = input.date;
  }
  if (problems.length > 0)
    throw new GjerdeError('invalid-input', 'Godkjenningen er ikke fylt ut riktig.', { problems });
  return { name, role, party, date };
}
