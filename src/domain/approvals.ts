import { dayInNorway, isIsoDate, isoDateOf, typeDateAs } from '../format/dates.js';
import { isValidId } from '../format/ids.js';
import { invisibleCharacterProblem } from '../format/input.js';
import type { AgreementMeta, Party, Signatory } from '../format/types.js';
import { formatDate } from '../format/wording.js';
import type { Author } from './agreements.js';
import { type CountyRegistry, noSplits, succeededParty } from './county-splits.js';
import { editFrontMatter } from './front-matter-edit.js';
import { containsNationalIdNumber, personalDataMessage } from './personal-data.js';
import { isApproved } from './validity.js';

/**
 * Approval by the parties. A representative of each party with signatory power records an approval
 * (name, role, party, date). Parties with signatory power are the top-level parties: those that are
 * not `del-av` another (OT is part of the county, so the county approves for it); the format requires
 * NAV and the county among them (src/format/party-kinds.ts). A change also needs every top-level party
 * of the last approved version (`requiredParties`), save a county authority that was split: the successor's
 * authority approves in its place (`felles/fylker.yaml`, src/domain/county-splits.ts).
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

/**
 * The approvals a version replayed from earlier history records (the examples, `gjerde import`): an approved
 * version's `signatarer`, one `Godkjent-av:` line each, as the approval that completed it in Gjerde would have
 * written them; a signatory without a date signed on the day it was saved (`savedOn`, ISO 8601). None for a draft or a version awaiting approval.
 */
export function replayedApprovals(meta: AgreementMeta, savedOn: string): string[] {
  if (!isApproved(meta)) return [];
  return meta.signatories.map((signatory) =>
    formatApproval({ ...signatory, date: signatory.date ?? dayInNorway(savedOn) }),
  );
}

/**
 * What is wrong with the days an approved version's signatories approved it, as a history records them: an
 * approval dated after the save that records it (`savedOn`: no commit records an approval not given yet), or
 * before the previous approved version of the agreement was saved (`previousApprovedOn`: what this version
 * changes was not agreed yet, so nobody can have approved the change). A signatory without a date approved
 * on the day of the save. A paper approval is often recorded some days after it was signed, together with the
 * text signed, so an approval may be older than the commit of its text (docs/format.md, «Bringing existing
 * agreements in»).
 */
export function approvalDateProblems(
  signatories: Signatory[],
  savedOn: string,
  previousApprovedOn?: string,
): string[] {
  return signatories.flatMap(({ name, date }) => {
    if (date === undefined) return [];
    if (date > savedOn)
      return [
        `Godkjenningen fra ${name} er datert ${formatDate(date)}, etter at versjonen som sier at den er gitt, ble lagret ${formatDate(savedOn)}.`,
      ];
    if (previousApprovedOn !== undefined && date < previousApprovedOn)
      return [
        `Godkjenningen fra ${name} er datert ${formatDate(date)}, før forrige godkjente versjon ble lagret ${formatDate(previousApprovedOn)}: ingen kan ha godkjent en endring av en tekst som ikke var godkjent ennå.`,
      ];
    return [];
  });
}

/** A saved version as the approval rules read it (newest commit first, as git log gives them). */
export interface RoundVersion {
  markdown: string;
  agreement: { meta: AgreementMeta };
  revision: { author: Author; date: string; trailers: Record<string, string[]> };
}

/**
 * Where the latest version stands among the agreement's versions, as the approval rules need it. Read from
 * the history, never from the text being approved, so that a draft cannot decide who approves it or claim
 * approvals nobody gave.
 */
export interface ApprovalRound {
  /** The last approved version before the latest: every one of its top-level parties approves a change. */
  approved?: { markdown: string; meta: AgreementMeta };
  /** Who changed the text since that version (or since the first draft): the four-eyes rule. */
  drafters: Author[];
  /** Approvals of the latest text as the approval path recorded them: `Godkjenning:` trailers since it was sent. */
  recorded: Approval[];
  /** Who gave those approvals, by party (the commits' authors): one person approves for one party. */
  approvedBy: { party: string; author: Author }[];
  /** The day the latest text was written (its last change): nobody approved it before then. */
  writtenOn?: string;
  /** Counties that were split: a successor's authority approves in place of the dissolved one. */
  splits: CountyRegistry;
}

export function approvalRound(versions: RoundVersion[], splits: CountyRegistry = noSplits): ApprovalRound {
  const texts = new Map<number, string>();
  const text = (index: number): string => {
    let value = texts.get(index);
    if (value === undefined) {
      value = withoutLifecycle((versions[index] as RoundVersion).markdown);
      texts.set(index, value);
    }
    return value;
  };
  const approvedAt = versions.findIndex((version, index) => index > 0 && isApproved(version.agreement.meta));
  const end = approvedAt > 0 ? approvedAt : versions.length;
  const drafters: Author[] = [];
  let writtenOn: string | undefined;
  for (let index = 0; index < end; index += 1) {
    const { author, date } = (versions[index] as RoundVersion).revision;
    const changed = index + 1 >= versions.length || text(index) !== text(index + 1);
    if (changed) writtenOn ??= date.slice(0, 10);
    if (changed && !drafters.some((known) => sameAuthor(known, author))) drafters.push(author);
  }
  const recorded: Approval[] = [];
  const approvedBy: ApprovalRound['approvedBy'] = [];
  for (let index = 0; index < versions.length; index += 1) {
    const version = versions[index] as RoundVersion;
    if (version.agreement.meta.status !== 'til-godkjenning' || text(index) !== text(0)) break;
    for (const trailer of [...(version.revision.trailers[partialTrailer] ?? [])].reverse()) {
      const approval = parseApproval(trailer);
      if (!approval) continue;
      recorded.unshift(approval);
      approvedBy.unshift({ party: approval.party, author: version.revision.author });
    }
  }
  const round: ApprovalRound = { drafters, recorded, approvedBy, splits };
  if (writtenOn) round.writtenOn = writtenOn;
  const approved = versions[approvedAt];
  if (approvedAt > 0 && approved)
    round.approved = { markdown: approved.markdown, meta: approved.agreement.meta };
  return round;
}

/** The same person, by e-mail address (what an account and a commit both carry). */
export function sameAuthor(a: Author, b: Author): boolean {
  return a.email.trim().toLowerCase() === b.email.trim().toLowerCase();
}

/**
 * The text without what the lifecycle writes (status, signatories) and, for `keys`, more front-matter
 * keys: two versions that differ only there have the same text.
 */
export function withoutLifecycle(markdown: string, keys: string[] = []): string {
  try {
    return editFrontMatter(markdown, (document) => {
      for (const key of ['status', 'signatarer', ...keys]) document.delete(key);
    });
  } catch {
    return markdown; // No front matter to edit: the text is what it is.
  }
}

/**
 * Where the text of `texts[start]` was last changed (not only its status or signatories): the index of
 * that version, `start` itself or an older one. `texts` are the versions' Markdown, newest first.
 */
export function lastTextChange(texts: readonly string[], start: number): number | undefined {
  if (start < 0 || start >= texts.length) return undefined;
  let here = withoutLifecycle(texts[start] as string);
  for (let index = start; index < texts.length; index += 1) {
    const next = texts[index + 1];
    if (next === undefined) return index;
    const before = withoutLifecycle(next);
    if (before !== here) return index;
    here = before;
  }
  return undefined;
}

/**
 * The parties whose approval a version needs: its own top-level parties, and every top-level party of
 * the last approved version, so that a change to the parties (one made part of another, one removed, the
 * county changed) needs the approval of the parties that agreed to what it changes.
 */
export function requiredParties(
  meta: AgreementMeta,
  approved?: AgreementMeta,
  splits: CountyRegistry = noSplits,
): Party[] {
  const current = signatoryParties(meta);
  // A county authority that was split cannot approve: its successor for this county does (felles/fylker.yaml).
  const earlier = approved
    ? signatoryParties(approved).filter(
        (party) =>
          !current.some((known) => known.id === party.id) &&
          !succeededParty(splits, party.id, approved, meta),
      )
    : [];
  return [...current, ...earlier.map(({ id, name }) => ({ id, name }))];
}

export interface ApprovalState {
  /** The parties whose approval is needed. */
  required: Party[];
  /**
   * Approvals given: none for a draft; for a version awaiting approval, those the approval path recorded
   * since it was sent; for an approved version, its signatories.
   */
  given: (Approval & { partyName: string })[];
  missing: Party[];
  complete: boolean;
}

export function approvalState(meta: AgreementMeta, round: ApprovalRound): ApprovalState {
  const required = requiredParties(meta, round.approved?.meta, round.splits);
  const sources: Approval[] =
    meta.status === 'til-godkjenning'
      ? round.recorded
      : isApproved(meta)
        ? meta.signatories.flatMap(({ name, role, party, date }) =>
            date ? [{ name, role, party, date }] : [],
          )
        : [];
  const given = required.flatMap((party) => {
    const approval = sources.find((candidate) => candidate.party === party.id);
    return approval ? [{ ...approval, partyName: party.name }] : [];
  });
  const missing = required.filter((party) => !given.some((approval) => approval.party === party.id));
  return { required, given, missing, complete: required.length > 0 && missing.length === 0 };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const control = /[\u0000-\u001f\u007f]/;

/**
 * An approval as a person typed it, and each problem tied to its field (`name`, `role`, `party`, `date`), named
 * as the approval form labels it. The approval holds what could be read (the date: today when none is valid).
 */
export function readApprovalInput(
  input: { name?: unknown; role?: unknown; party?: unknown; date?: unknown },
  today: string,
): { approval: Approval; problems: { variable: string; message: string }[] } {
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
    else if (invisibleCharacterProblem(trimmed))
      problems.push({ variable, message: invisibleCharacterProblem(trimmed, label) as string });
    return trimmed;
  };
  const name = text(input.name, 'name', 'Navn', 100);
  const role = text(input.role, 'role', 'Stilling', 200);
  const party = typeof input.party === 'string' ? input.party.trim() : '';
  if (!isValidId(party))
    problems.push({ variable: 'party', message: 'Velg hvilken part du godkjenner for.' });
  let date = today;
  const typed = typeof input.date === 'string' ? isoDateOf(input.date) : input.date;
  if (typed !== undefined && typed !== '') {
    if (!isIsoDate(typed)) problems.push({ variable: 'date', message: typeDateAs });
    else if (typed > today)
      problems.push({ variable: 'date', message: 'Godkjenningsdatoen kan ikke være fram i tid.' });
    else date = typed;
  }
  return { approval: { name, role, party, date }, problems };
}
