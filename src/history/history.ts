import { approvedTrailer, lastTextChange, partialTrailer, withoutLifecycle } from '../domain/approvals.js';
import { listClauseIds } from '../format/stored/clause.js';
import type { Store } from '../store/store.js';
import { type ClauseHistory, clauseHistory } from './clause-history.js';
import { type CompareOptions, Comparer, type Comparison } from './compare.js';
import { type DataFileChange, dataFileHistory } from './data-file-history.js';
import { buildTimeline, type Timeline } from './timeline.js';
import type { RevisionInfo } from './types.js';
import { HistoryReader, isVersion, type RevisionEntry } from './versions.js';

export interface ClauseListing {
  id: string;
  /** The latest title the clause had. */
  title: string;
  /** Whether the newest version has it. */
  present: boolean;
}

/**
 * What auditors ask of an agreement's history: the timeline, a comparison of any two versions, one
 * clause's history. One instance per process keeps the caches (parsed versions, comparisons).
 */
export class AgreementHistory {
  readonly reader: HistoryReader;
  private readonly comparer: Comparer;

  constructor(store: Store) {
    this.reader = new HistoryReader(store);
    this.comparer = new Comparer(this.reader);
  }

  async timeline(id: string, today?: string): Promise<Timeline> {
    const entries = await this.reader.entries(id);
    const versions = entries.filter(isVersion);
    const { unrecorded, withdrawn } = await this.reader.judge(versions);
    const timeline = buildTimeline(
      id,
      entries,
      today,
      await this.textWriters(entries),
      unrecorded,
      withdrawn,
      await this.reader.restored(versions, withdrawn),
    );
    await this.markSavedAgain(timeline, entries);
    return timeline;
  }

  /**
   * An approved version «superseded» by a later save of the same text (a revert, a rename put back, a save of
   * only its status or signatories) was not replaced with retroactive effect: it is marked, to be said so.
   */
  private async markSavedAgain(timeline: Timeline, entries: RevisionEntry[]): Promise<void> {
    const versions = new Map(entries.filter(isVersion).map((version) => [version.revision.rev, version]));
    await Promise.all(
      timeline.entries.map(async (entry) => {
        const own = versions.get(entry.rev);
        const winner = entry.supersededBy ? versions.get(entry.supersededBy) : undefined;
        if (!own || !winner) return;
        const [text, winnerText] = await Promise.all([
          this.reader.markdown(own),
          this.reader.markdown(winner),
        ]);
        if (withoutLifecycle(text) === withoutLifecycle(winnerText)) entry.supersededBySameText = true;
      }),
    );
  }

  /**
   * For each commit that records an approval, the commit that last changed the text it approves: the
   * approver is the commit's author, not the text's. Texts are read only when the history has approvals.
   */
  private async textWriters(entries: RevisionEntry[]): Promise<Map<string, RevisionInfo>> {
    const versions = entries.filter(isVersion);
    const writers = new Map<string, RevisionInfo>();
    const approvals = versions.flatMap(({ revision }, position) =>
      revision.trailers[approvedTrailer] || revision.trailers[partialTrailer] ? [position] : [],
    );
    if (approvals.length === 0) return writers;
    const texts = await Promise.all(versions.map((version) => this.reader.markdown(version)));
    for (const position of approvals) {
      const writer = lastTextChange(texts, position);
      const approval = versions[position]?.revision;
      if (writer !== undefined && approval)
        writers.set(approval.rev, versions[writer]?.revision as RevisionInfo);
    }
    return writers;
  }

  /** Every commit of a data file beside the agreements (the glossary, a contact register), with its change. */
  dataFile(path: string): Promise<DataFileChange[]> {
    return dataFileHistory(this.reader.store, path);
  }

  compare(id: string, options: CompareOptions = {}): Promise<Comparison> {
    return this.comparer.compare(id, options);
  }

  clauseHistory(id: string, clauseId: string): Promise<ClauseHistory> {
    return clauseHistory(this.reader, id, clauseId);
  }

  /** Every clause id the agreement has had, newest version's order first, then removed ones. */
  async clauses(id: string): Promise<ClauseListing[]> {
    const versions = (await this.reader.entries(id)).filter(isVersion);
    const texts = await Promise.all(versions.map((version) => this.reader.markdown(version)));
    const listing = new Map<string, ClauseListing>();
    texts.forEach((markdown, position) => {
      for (const clause of listClauseIds(markdown)) {
        if (!listing.has(clause.id))
          listing.set(clause.id, { id: clause.id, title: clause.title, present: position === 0 });
      }
    });
    return [...listing.values()].sort((a, b) => Number(b.present) - Number(a.present));
  }
}
