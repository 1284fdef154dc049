import type { UnrecordedText } from '../domain/text-approval.js';
import { inForcePeriods, type Period, versionInForce } from '../domain/validity.js';
import { today as todayInNorway } from '../format/dates.js';
import type { AgreementStatus, Party } from '../format/types.js';
import type { RevisionInfo } from './types.js';
import { isVersion, type MovedFile, type RevisionEntry, type VersionHead } from './versions.js';
import { describeInForce, type InForceFacts, type InForceWording } from './wording.js';

/** `draft`: utkast or til-godkjenning; `approved`: godkjent; `retired`: erstattet or utløpt; `deleted`: the file was removed. */
export type EntryKind = 'draft' | 'approved' | 'retired' | 'deleted';

export interface TimelineEntry extends RevisionInfo {
  /** 0 = the first revision. */
  index: number;
  kind: EntryKind;
  status?: AgreementStatus;
  validFrom?: string;
  validTo?: string;
  title?: string;
  /** The days on which this version was (or is) the version in force; empty for drafts. */
  periods: Period[];
  /**
   * false for a version the validator refuses or in the wrong place (committed outside Gjerde): never in
   * force, whatever its status says. Absent for a deleted file.
   */
  valid?: boolean;
  /** In force today. */
  current: boolean;
  /** The newest revision. */
  latest: boolean;
  /** An approved version that never took effect: a later approved save covers its whole period (e.g. a correction). */
  supersededBy?: string;
  /** That later save has this version's text (a revert, a save of only status or signatories): not a replacement. */
  supersededBySameText?: boolean;
  /** The file's earlier path, when this revision moved it. */
  renamedFrom?: string;
  /** For a removal: where this revision moved the file (`git mv`), and the id the file says there. */
  movedTo?: MovedFile;
  /** The revision before this one that has the file (what "compare with previous" compares against). */
  previous?: string;
  /** The version's parties, to name the parties an approval commit's trailers give by id. */
  parties?: Party[];
  /** For a commit that records an approval: the commit that last changed the text it approves. */
  writtenBy?: RevisionInfo;
  /** An approved version whose clause content no recorded approval gave (src/domain/text-approval.ts). */
  unrecorded?: UnrecordedText<RevisionInfo>;
  /**
   * The approved version this commit put back byte for byte (src/domain/restored-text.ts): that version is
   * in force, and this commit has no period of its own.
   */
  restores?: RevisionInfo;
}

export interface Timeline {
  id: string;
  title: string;
  today: string;
  /** The version in force today, if any. */
  current?: string;
  latest: string;
  /** Newest first. */
  entries: TimelineEntry[];
}

const draftStatuses = new Set<AgreementStatus>(['utkast', 'til-godkjenning']);

export function kindOf(status: AgreementStatus): EntryKind {
  if (status === 'godkjent') return 'approved';
  return draftStatuses.has(status) ? 'draft' : 'retired';
}

/**
 * Every revision with who, when and why, and which ones were in force for which days; `writers` gives, by
 * revision, the commit that last changed the text of an approval commit, `unrecorded` the approved
 * versions whose clauses no recorded approval gave, `withdrawn` those of them a later version withdrew and
 * `restored` the commits that put an approved version back byte for byte, with the version each put back.
 */
export function buildTimeline(
  id: string,
  entries: RevisionEntry[],
  today = todayInNorway(),
  writers: ReadonlyMap<string, RevisionInfo> = new Map(),
  unrecorded: ReadonlyMap<string, UnrecordedText<RevisionInfo>> = new Map(),
  withdrawn: ReadonlySet<string> = new Set(),
  restored: ReadonlyMap<string, RevisionInfo> = new Map(),
): Timeline {
  const versions = entries.filter(isVersion);
  const judged = versions.map((version) => ({
    meta: version.meta,
    valid: version.valid,
    withdrawn: withdrawn.has(version.revision.rev),
    restores: restored.get(version.revision.rev),
    version,
  }));
  const periods = new Map(
    [...inForcePeriods(judged)].map(([judgedVersion, list]) => [judgedVersion.version, list]),
  );
  const wrapped = judged.map(({ meta, valid, withdrawn, restores, version }) => ({
    agreement: { meta },
    valid,
    withdrawn,
    restores,
    version,
  }));
  const current = versionInForce(wrapped, today)?.version;
  const latest = versions[0] as VersionHead;

  const timeline: TimelineEntry[] = entries.map((entry, position) => {
    const { revision } = entry;
    const older = entries.slice(position + 1);
    const previousVersion = older.find(isVersion);
    const base: TimelineEntry = {
      ...revision,
      index: entry.index,
      kind: 'deleted',
      periods: [],
      current: false,
      latest: entry === latest,
    };
    const before = older[0];
    if (before && before.revision.path !== revision.path) base.renamedFrom = before.revision.path;
    if (previousVersion) base.previous = previousVersion.revision.rev;
    if (entry.movedTo) base.movedTo = entry.movedTo;
    if (!isVersion(entry)) return base;
    const { meta } = entry;
    const result: TimelineEntry = {
      ...base,
      kind: kindOf(meta.status),
      status: meta.status,
      title: meta.title,
      validFrom: meta.validFrom || undefined,
      periods: periods.get(entry) ?? [],
      current: entry === current,
      valid: entry.valid,
      parties: meta.parties,
    };
    const writer = writers.get(revision.rev);
    if (writer) result.writtenBy = writer;
    const finding = unrecorded.get(revision.rev);
    if (finding) result.unrecorded = finding;
    const restores = restored.get(revision.rev);
    if (restores) result.restores = restores;
    if (meta.validTo) result.validTo = meta.validTo;
    if (result.validFrom === undefined) delete result.validFrom;
    if (
      !restores &&
      entry.valid &&
      meta.status === 'godkjent' &&
      result.periods.length === 0 &&
      meta.validFrom
    ) {
      const winner = versionInForce(wrapped, meta.validFrom)?.version;
      if (winner && winner !== entry) result.supersededBy = winner.revision.rev;
    }
    return result;
  });

  const timelineResult: Timeline = {
    id,
    title: (current ?? latest).meta.title,
    today,
    latest: latest.revision.rev,
    entries: timeline,
  };
  if (current) timelineResult.current = current.revision.rev;
  return timelineResult;
}

/** When a revision of the timeline is in force, in the words the agreement page, the history page and the CLI share. */
export function describeEntryInForce(timeline: Timeline, entry: TimelineEntry): InForceWording {
  const facts: InForceFacts = { ...entry };
  const winner = entry.supersededBy
    ? timeline.entries.find((candidate) => candidate.rev === entry.supersededBy)
    : undefined;
  if (winner) facts.supersededOn = winner.date;
  if (entry.supersededBySameText) facts.supersededBySameText = true;
  if (entry.restores) facts.restores = entry.restores;
  return describeInForce(facts, timeline.today);
}
