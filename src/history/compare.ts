import { parameterError } from '../domain/errors.js';
import { today as todayInNorway } from '../format/dates.js';
import type { Agreement, AgreementStatus, Party } from '../format/types.js';
import { clauseKey, describeAdded, describeClauseChanges, describeRemoved } from './clause-changes.js';
import { type ClauseRedline, clauseRedline } from './clause-redline.js';
import { describeGlossaryChanges, describeMetaChanges } from './meta-changes.js';
import { savedOn } from './periods.js';
import { defaultRedlineEdits, type Redline, redline, WordDiffs } from './redline.js';
import { inForceOn, parseVersionRef, resolveVersionRef, type VersionRef } from './refs.js';
import { describeSectionChanges } from './sections.js';
import type { Change, RevisionInfo } from './types.js';
import type { HistoryReader, VersionHead } from './versions.js';
import { formatDate } from './wording.js';

export interface CompareSide extends RevisionInfo {
  index: number;
  status: AgreementStatus;
  validFrom: string;
  validTo?: string;
  title: string;
  /** How it was asked for: a revision, a date (the version in force then) or the default. */
  requested: { kind: 'rev' | 'date' | 'default'; value?: string };
  /** The version's parties, to name the parties an approval commit's trailers give by id. */
  parties: Party[];
  /**
   * Asked for by a date or the default: the commit that put this approved version back byte for byte, when
   * one did (a `git revert`; src/domain/restored-text.ts). The version in force is then this one, saved
   * again by that commit: both are named.
   */
  restoredBy?: RevisionInfo;
  /**
   * Asked for by a date, and this version was saved after it (a correction given effect from an earlier
   * `gyldig-fra`): it is the version in force that day all the same (docs/format.md, «Which version is in
   * force on a date», rule 3), and `usedThen` is the approved version in force that day among those saved by
   * then, the text actually used that day (absent when none was saved by then).
   */
  retroactive?: { usedThen?: RevisionInfo };
}

export interface ClauseChange {
  id: string;
  /** The title in the newer version (the older one for a removed clause). */
  title: string;
  kind: 'added' | 'removed' | 'changed';
  changes: Change[];
  /** The clause as it reads, with inserted and deleted words marked. */
  redline: ClauseRedline;
}

/** One plain sentence with the clause's title, e.g. "Lærling uten læreplass: ansvarlig endret fra … til …". */
export interface ClauseSentence {
  clauseId: string;
  /** Whether the clause exists in the newer version (for links). */
  present: boolean;
  text: string;
}

export interface CompareSummary {
  /** Owner, grey zone / settled, support and cost changes, and added or removed clauses: what matters first. */
  responsibility: ClauseSentence[];
  /** Every changed clause with all its changes, in the newer version's order (removed ones last). */
  clauses: ClauseChange[];
  meta: Change[];
  glossary: Change[];
  /** Text outside the clauses, by section heading. */
  sections: Change[];
  /** Clauses or sections came in another order or got other numbers: said, but not counted as a change. */
  reordered: boolean;
  renumbered: boolean;
  counts: { added: number; removed: number; changed: number; unchanged: number };
  /** Nothing in the files differs. */
  identical: boolean;
}

export interface Comparison {
  id: string;
  title: string;
  from: CompareSide;
  to: CompareSide;
  /** The revisions after `from` up to and including `to`, oldest first. */
  between: Array<RevisionInfo & { index: number; status: AgreementStatus; parties: Party[] }>;
  summary: CompareSummary;
  redline: Redline;
}

export interface CompareOptions {
  from?: string;
  to?: string;
  /** Parameter names for messages (`from`/`to` in the API, `fra`/`til` on pages). */
  names?: { from: string; to: string };
  today?: string;
  /** The redline's work budget, as an edit distance (src/history/redline.ts). */
  maxEdits?: number;
}

/** Clause-level summary of two parsed versions; the clauses are matched by their stable ids. */
export function summarize(a: Agreement, markdownA: string, b: Agreement, markdownB: string): CompareSummary {
  const before = new Map(a.clauses.map((clause) => [clause.id, clause]));
  const after = new Map(b.clauses.map((clause) => [clause.id, clause]));
  const clauses: ClauseChange[] = [];
  let unchanged = 0;
  // The reader gives a clause whose text is unchanged as the same object: equal without comparing keys.
  for (const clause of b.clauses) {
    const old = before.get(clause.id);
    if (!old) {
      clauses.push({
        id: clause.id,
        title: clause.title,
        kind: 'added',
        changes: [describeAdded({ clause, meta: b.meta })],
        redline: clauseRedline(undefined, { clause, meta: b.meta }),
      });
    } else if (old !== clause && clauseKey(old) !== clauseKey(clause)) {
      const before = { clause: old, meta: a.meta };
      const after = { clause, meta: b.meta };
      const diffs = new WordDiffs();
      clauses.push({
        id: clause.id,
        title: clause.title,
        kind: 'changed',
        changes: describeClauseChanges(before, after, diffs),
        redline: clauseRedline(before, after, diffs),
      });
    } else unchanged += 1;
  }
  for (const clause of a.clauses) {
    if (!after.has(clause.id)) {
      clauses.push({
        id: clause.id,
        title: clause.title,
        kind: 'removed',
        changes: [describeRemoved({ clause, meta: a.meta })],
        redline: clauseRedline({ clause, meta: a.meta }, undefined),
      });
    }
  }
  const responsibility: ClauseSentence[] = [];
  for (const change of clauses) {
    for (const item of change.changes) {
      if (item.category !== 'responsibility') continue;
      responsibility.push({
        clauseId: change.id,
        present: change.kind !== 'removed',
        text: `${change.title}: ${item.text}`,
      });
    }
  }
  const common = (list: Agreement['clauses'], other: Map<string, unknown>) =>
    list.filter((clause) => other.has(clause.id)).map((clause) => clause.id);
  const sections = describeSectionChanges(markdownA, markdownB);
  return {
    responsibility,
    clauses,
    meta: describeMetaChanges(a.meta, b.meta),
    glossary: describeGlossaryChanges(a.glossary, b.glossary),
    sections: sections.changes,
    reordered:
      sections.reordered || common(a.clauses, after).join(' ') !== common(b.clauses, before).join(' '),
    renumbered: sections.renumbered,
    counts: {
      added: clauses.filter((clause) => clause.kind === 'added').length,
      removed: clauses.filter((clause) => clause.kind === 'removed').length,
      changed: clauses.filter((clause) => clause.kind === 'changed').length,
      unchanged,
    },
    identical: markdownA === markdownB,
  };
}

function side(head: VersionHead, requested: CompareSide['requested'], versions: VersionHead[]): CompareSide {
  const { revision, meta } = head;
  const result: CompareSide = {
    ...revision,
    index: head.index,
    status: meta.status,
    validFrom: meta.validFrom,
    title: meta.title,
    requested,
    parties: meta.parties,
  };
  if (meta.validTo) result.validTo = meta.validTo;
  const restorer = restoredBy(versions, head);
  if (restorer && requested.kind !== 'rev') result.restoredBy = restorer;
  if (requested.kind === 'date' && requested.value && savedOn(revision.date) > requested.value) {
    const usedThen = usedOn(versions, requested.value);
    result.retroactive = usedThen ? { usedThen: usedThen.revision } : {};
  }
  return result;
}

/** The version in force on a date among those saved by then: what Gjerde answered that day. */
function usedOn(versions: VersionHead[], date: string): VersionHead | undefined {
  return inForceOn(
    versions.filter((version) => savedOn(version.revision.date) <= date),
    date,
  );
}

/** The default pair: the version in force today (else the newest) against the approved version before it. */
function defaults(versions: VersionHead[], today: string): { from: VersionHead; to: VersionHead } {
  const to = inForceOn(versions, today) ?? (versions[0] as VersionHead);
  return { from: previousApproved(versions, to), to };
}

/**
 * The approved version before `to`; a withdrawn text was never in force, so it is not the one before, and a
 * commit that put an approved version back is named by that version.
 */
function previousApproved(versions: VersionHead[], to: VersionHead): VersionHead {
  const older = versions.filter((version) => version.index < to.index);
  const approved = older.find((version) => version.meta.status === 'godkjent' && !version.withdrawn);
  const restored =
    approved?.restores && versions.find((version) => version.revision.rev === approved.restores?.rev);
  return restored ?? approved ?? older[0] ?? to;
}

/** The newest commit that put `version` back byte for byte, if one did. */
function restoredBy(versions: readonly VersionHead[], version: VersionHead): RevisionInfo | undefined {
  return versions.find((other) => other.restores?.rev === version.revision.rev)?.revision;
}

function describeRequest(ref: VersionRef | undefined): CompareSide['requested'] {
  if (!ref) return { kind: 'default' };
  return ref.kind === 'rev' ? { kind: 'rev', value: ref.rev } : { kind: 'date', value: ref.date };
}

const resultCacheLimit = 16;

/** Compares two versions of an agreement: who, when and why, the clause-level summary, then the redline. */
export class Comparer {
  private readonly results = new Map<string, { summary: CompareSummary; redline: Redline }>();

  constructor(private readonly reader: HistoryReader) {}

  async compare(id: string, options: CompareOptions = {}): Promise<Comparison> {
    const names = options.names ?? { from: 'from', to: 'to' };
    const fromRef = parseVersionRef(options.from, names.from);
    const toRef = parseVersionRef(options.to, names.to);
    const spanning = this.readSpanned(id, fromRef, toRef);
    const { from, to, versions } = await this.pair(id, fromRef, toRef, names, options.today);

    if (fromRef?.kind === 'date' && toRef?.kind === 'date') {
      // Named as the parameter, so the error page offers the two dates again to correct in place.
      if (fromRef.date > toRef.date) {
        throw parameterError(
          'invalid-input',
          names.from,
          'Fra-datoen er etter til-datoen',
          `«${names.from}» (${formatDate(fromRef.date)}) er etter «${names.to}» (${formatDate(toRef.date)}). Bytt om datoene.`,
        );
      }
    } else if (from.index > to.index) {
      throw parameterError(
        'invalid-input',
        names.from,
        'Fra-versjonen er nyere enn til-versjonen',
        `«${names.from}» (revisjon ${from.revision.rev.slice(0, 8)}, lagret ${formatDate(from.revision.date)}) er nyere enn ` +
          `«${names.to}» (revisjon ${to.revision.rev.slice(0, 8)}, lagret ${formatDate(to.revision.date)}). Bytt om, eller velg en eldre «${names.from}».`,
      );
    }

    const low = Math.min(from.index, to.index);
    const high = Math.max(from.index, to.index);
    const [{ summary, redline: lines }, spanned] = await Promise.all([
      this.expensive(from, to, options.maxEdits ?? defaultRedlineEdits),
      spanning.then(() => this.reader.between(id, low, high)),
    ]);
    const between = spanned.map(({ revision, index, status, parties }) => ({
      rev: revision.rev,
      date: revision.date,
      author: revision.author,
      reason: revision.reason,
      trailers: revision.trailers,
      path: revision.path,
      index,
      status,
      parties,
    }));
    return {
      id,
      title: to.meta.title,
      from: side(from, describeRequest(fromRef), versions),
      to: side(to, describeRequest(toRef), versions),
      between,
      summary,
      redline: lines,
    };
  }

  /**
   * Two revisions given by their ids are found from the history alone, so the revisions between them are
   * read (and kept by the reader) together with the pair: one round trip to git instead of two in turn, and
   * each is a wait for git to be scheduled on a loaded machine. Anything unusual (a prefix with several
   * matches, the pair the wrong way round) is left to the comparison to read and explain.
   */
  private async readSpanned(id: string, fromRef?: VersionRef, toRef?: VersionRef): Promise<void> {
    if (fromRef?.kind !== 'rev' || toRef?.kind !== 'rev') return;
    try {
      const [from, to] = await Promise.all([
        this.reader.positionsStartingWith(id, fromRef.rev),
        this.reader.positionsStartingWith(id, toRef.rev),
      ]);
      if (from?.length === 1 && to?.length === 1 && (from[0] as number) < (to[0] as number))
        await this.reader.between(id, from[0] as number, to[0] as number);
    } catch {
      // The comparison itself says what is wrong.
    }
  }

  /**
   * The two versions asked for. Two revisions given by their ids are found without reading the rest of the
   * history; a date or a default needs every version's period and validity (the version in force).
   */
  private async pair(
    id: string,
    fromRef: VersionRef | undefined,
    toRef: VersionRef | undefined,
    names: { from: string; to: string },
    today = todayInNorway(),
  ): Promise<{ from: VersionHead; to: VersionHead; versions: VersionHead[] }> {
    if (fromRef?.kind === 'rev' && toRef?.kind === 'rev') {
      const [toMatches, fromMatches] = await Promise.all([
        this.reader.versionsStartingWith(id, toRef.rev),
        this.reader.versionsStartingWith(id, fromRef.rev),
      ]);
      const to = resolveVersionRef(id, toMatches, toRef, names.to);
      const from = resolveVersionRef(id, fromMatches, fromRef, names.from);
      return { from, to, versions: [] };
    }
    const read = await this.reader.versions(id);
    const withdrawn = await this.reader.withdrawn(read);
    const restored = await this.reader.restored(read, withdrawn);
    const versions = read.map((version) => {
      const { rev } = version.revision;
      const restores = restored.get(rev);
      if (!withdrawn.has(rev) && !restores) return version;
      return { ...version, ...(withdrawn.has(rev) && { withdrawn: true }), ...(restores && { restores }) };
    });
    const fallback = defaults(versions, today);
    const to = toRef ? resolveVersionRef(id, versions, toRef, names.to) : fallback.to;
    const from = fromRef
      ? resolveVersionRef(id, versions, fromRef, names.from)
      : toRef
        ? previousApproved(versions, to)
        : fallback.from;
    return { from, to, versions };
  }

  /** Summary and redline depend only on the two commits: cached. */
  private async expensive(from: VersionHead, to: VersionHead, maxEdits: number) {
    const key = `${from.revision.rev}:${from.revision.path}|${to.revision.rev}:${to.revision.path}|${maxEdits}`;
    const cached = this.results.get(key);
    if (cached) return cached;
    const [a, b] = await Promise.all([this.reader.version(from), this.reader.version(to)]);
    const result = {
      summary: summarize(a.agreement, a.markdown, b.agreement, b.markdown),
      redline: redline(a.markdown, b.markdown, maxEdits),
    };
    // The redline's budget is work, not time: a «partial» or «too different» pair stays so, and is kept too.
    this.results.set(key, result);
    if (this.results.size > resultCacheLimit) this.results.delete(this.results.keys().next().value as string);
    return result;
  }
}
