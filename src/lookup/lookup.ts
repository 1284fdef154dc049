/**
 * The lookup service: builds the clause index from the store once (in the background from start-up; a
 * question asked meanwhile waits for it), follows HEAD, and answers questions.
 *
 * Following HEAD: before answering, HEAD is read (one request to the store's `git cat-file` process,
 * ≈0.1 ms); when it has moved, whoever moved it (a save in Gjerde, a synchronization, a plain `git commit`
 * or push into the data repository), the commits since are added before the answer. A file watcher was the
 * alternative: it would answer no sooner (the question still has to wait for the new versions to be read),
 * and git moves refs by renaming lock files and packing refs, which watchers see unreliably across
 * platforms and network file systems.
 */
import type { CountyRegistry } from '../domain/county-splits.js';
import { today } from '../format/dates.js';
import type { AgreementKind, AgreementMeta, GlossaryEntry } from '../format/types.js';
import type { Store } from '../store/store.js';
import {
  type BuildProgress,
  type BuildStart,
  type BuildStats,
  buildIndex,
  extendIndex,
  readBuildStart,
  versionsToRead,
} from './build.js';
import { buildApart } from './build-process.js';
import type { ClauseIndex } from './clause-index.js';
import { readKeptIndex, writeKeptIndex } from './kept-index.js';
import { keptReadingsBeside, type Readings, readKeptReadings, writeKeptReadings } from './kept-readings.js';
import { acrossCounties, type NationalOverview, type NationalRequest } from './national.js';
import {
  examplesLeftOut,
  knownCounties,
  knownParties,
  type LookupAnswer,
  type LookupOptions,
  type LookupRequest,
  lookup,
} from './search.js';
import { countiesOn } from './successor-scope.js';

interface Logger {
  info(data: object, message: string): void;
  error(data: object, message: string): void;
}

/** Progress is logged for stores this large (a small store is indexed in well under a second). */
const largeStore = 1000;

export interface LookupChoices {
  counties: string[];
  /** Agreements in force on the date, by county. */
  agreements: { county: string; agreements: { id: string; title: string; kind: AgreementKind }[] }[];
  parties: { id: string; name: string }[];
}

export interface LookupServiceOptions extends LookupOptions {
  /** Where the index is kept between starts (kept-index.ts); without it, every start builds. */
  keptIndex?: string;
  /**
   * With a kept index: a build of at least this many versions runs in a process of its own, which keeps
   * the index for this one to read (build-process.ts). Default `largeStore`; smaller stores build here,
   * in well under a second.
   */
  buildApartFrom?: number;
  /** Counties that were split, as of HEAD (felles/fylker.yaml): whose agreements answer a successor's people. */
  countySplits?: () => Promise<CountyRegistry>;
}

export class Lookup {
  private building: Promise<ClauseIndex> | undefined;
  private index: ClauseIndex | undefined;
  /** The commit the index is up to date with. */
  private indexedHead: string | undefined;
  /** The one catch-up in progress; questions meanwhile wait for it. */
  private following: Promise<ClauseIndex> | undefined;
  private closed = false;
  /** Stops a build running in a process of its own. */
  private stopBuild: (() => void) | undefined;
  stats: BuildStats | undefined;
  /** The last write of the kept index and readings (a build process's exit), settled (tests, benchmark). */
  kept: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly log?: Logger,
    private readonly options: LookupServiceOptions = {},
    /** The shared glossary as of HEAD (src/glossary): its names are synonyms too. */
    private readonly sharedTerms?: () => Promise<readonly GlossaryEntry[]>,
  ) {}

  /** The index as of HEAD now: built once, then caught up with every commit since. */
  async ready(): Promise<ClauseIndex> {
    this.building ??= this.build();
    const index = await this.building;
    if ((await this.store.head()) === this.indexedHead) return index;
    this.following ??= this.follow().finally(() => {
      this.following = undefined;
    });
    return this.following;
  }

  /**
   * The approved, valid versions of an agreement in the index as it stands, by commit, without waiting
   * for a build or a catch-up: none before the index is first ready.
   */
  indexedVersions(agreementId: string): ReadonlyMap<string, AgreementMeta> {
    const history = this.index?.history(agreementId) ?? [];
    return new Map(history.map((version) => [version.revision.rev, version.agreement.meta]));
  }

  async search(request: LookupRequest): Promise<LookupAnswer> {
    const index = await this.ready();
    if (this.sharedTerms) index.synonyms.useShared(await this.sharedTerms());
    const splits = await this.options.countySplits?.();
    return lookup(index, request, splits ? { ...this.options, splits } : this.options);
  }

  /** Whether the example agreements (and so the example contact registers) are out of the lookup on a date. */
  async examplesLeftOut(date = today()): Promise<boolean> {
    return examplesLeftOut(await this.ready(), this.options, date);
  }

  /** How each county's agreements in force on a date handle one situation (national.ts). */
  async acrossCounties(request: NationalRequest): Promise<NationalOverview> {
    return acrossCounties(await this.ready(), request, this.options);
  }

  /** What the page's filters offer: counties, agreements in force on the date, parties. */
  async choices(date = today()): Promise<LookupChoices> {
    const index = await this.ready();
    const byCounty = new Map<string, LookupChoices['agreements'][number]['agreements']>();
    for (const version of index.inForce(date).values()) {
      const { county, title, kind } = version.agreement.meta;
      const list = byCounty.get(county) ?? [];
      list.push({ id: version.agreementId, title, kind });
      byCounty.set(county, list);
    }
    const kindOrder: AgreementKind[] = ['ramme', 'del', 'lokal'];
    const agreements = [...byCounty]
      .sort(([a], [b]) => a.localeCompare(b, 'nb'))
      .map(([county, list]) => ({
        county,
        agreements: list.sort(
          (a, b) =>
            kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.title.localeCompare(b.title, 'nb'),
        ),
      }));
    const parties = [...knownParties(index)]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    // The counties there are on the date: a split county's successors (Heiane, answered by its text until it
    // has its own agreement), the dissolved county only for a day before the split.
    const splits = await this.options.countySplits?.();
    return { counties: countiesOn(splits, knownCounties(index), date), agreements, parties };
  }

  /**
   * Stops answering; a build still reading from the (closing) store ends quietly. Settles once nothing writes
   * into the store's folder any more (a stopped build process has exited), so the store can be removed.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.stopBuild?.();
    // A build or catch-up still under way may yet start writing the kept files: it settles first.
    await Promise.allSettled([this.building, this.following]);
    await this.kept;
  }

  /**
   * Reads the kept index, or builds. A build again after the history was rewritten (`follow`) never reads
   * the kept file: it is up to date with a commit the branch no longer has.
   */
  private async build(readKept = true): Promise<ClauseIndex> {
    try {
      const started = performance.now();
      const kept =
        readKept && this.options.keptIndex ? await readKeptIndex(this.options.keptIndex) : undefined;
      if (kept) {
        this.index = kept.index;
        this.indexedHead = kept.head;
        const ms = Math.round(performance.now() - started);
        this.log?.info({ ms, kept: kept.head }, 'Oppslagsindeksen er klar');
        return kept.index;
      }
      const { keptIndex, buildApartFrom = largeStore } = this.options;
      // A store of many commits is built apart without reading its history here first: that reading (every
      // agreement's revisions, only to count them; the build process reads them again) took 1.4 s and left
      // this process 28 MB larger on the benchmark corpus. A version is a commit's change to one file, so
      // a store of fewer commits may still have enough versions: those are counted.
      let start: BuildStart | undefined;
      let large = keptIndex !== undefined && (await this.store.commitCount()) >= buildApartFrom;
      if (keptIndex && !large) {
        start = await readBuildStart(this.store);
        large = versionsToRead(start) >= buildApartFrom;
      }
      if (keptIndex && large) {
        const apart = await this.buildApart(keptIndex);
        if (apart) return apart;
      }
      const keptReadings = keptIndex && keptReadingsBeside(keptIndex);
      const { index, stats, head, readings } = await buildIndex(
        this.store,
        {
          onProgress: this.progress,
          ...(keptReadings ? { readings: await readKeptReadings(keptReadings) } : {}),
        },
        start,
      );
      this.index = index;
      this.indexedHead = head;
      this.stats = stats;
      this.log?.info({ ...stats }, 'Oppslagsindeksen er klar');
      if (keptIndex && head) this.keep(keptIndex, index, head);
      if (keptReadings && readings && stats.reused < readings.size) this.keepReadings(keptReadings, readings);
      return index;
    } catch (error) {
      if (!this.closed) this.log?.error({ err: error }, 'Oppslagsindeksen kunne ikke bygges');
      this.building = undefined;
      throw error;
    }
  }

  private readonly progress = ({ read, total }: BuildProgress) => {
    if (total >= largeStore) this.log?.info({ read, total }, 'Oppslagsindeksen: leser avtaleversjoner');
  };

  /**
   * Builds in a process of its own and reads the index it kept; undefined (with the reason logged) when
   * that failed, and the index is then built here as before.
   */
  private async buildApart(keptIndex: string): Promise<ClauseIndex | undefined> {
    const started = performance.now();
    const running = buildApart(this.store.dir, keptIndex, this.progress);
    this.stopBuild = running.stop;
    // The child keeps its readings after the index; a close meanwhile still stops it.
    const exited = running.exited.then(() => {
      if (this.stopBuild === running.stop) this.stopBuild = undefined;
    });
    this.kept = Promise.all([this.kept, exited]).then(() => undefined);
    try {
      const { stats, head } = await running.done;
      const kept = head ? await readKeptIndex(keptIndex) : undefined;
      if (!kept) throw new Error(`the kept index ${keptIndex} could not be read back`);
      this.index = kept.index;
      this.indexedHead = kept.head;
      this.stats = stats;
      const ms = Math.round(performance.now() - started);
      this.log?.info({ ...stats, ms, apart: true }, 'Oppslagsindeksen er klar');
      return kept.index;
    } catch (error) {
      if (this.closed) throw error;
      this.log?.error(
        { err: error },
        'Oppslagsindeksen kunne ikke bygges i en egen prosess; den bygges i tjenesten i stedet',
      );
      return undefined;
    }
  }

  /** After the writes before it (a rebuild's must neither be lost to `close` nor share their partial file). */
  private keep(file: string, index: ClauseIndex, head: string): void {
    this.kept = this.kept.then(() =>
      writeKeptIndex(file, index, head).catch((error: unknown) => {
        this.log?.error({ err: error, file }, 'Oppslagsindeksen kunne ikke bevares til neste start');
      }),
    );
  }

  /** Keeps the build's readings after the index (only the next build's speed depends on them). */
  private keepReadings(file: string, readings: Readings): void {
    this.kept = this.kept.then(() =>
      writeKeptReadings(file, readings).catch((error: unknown) => {
        this.log?.error({ err: error, file }, 'Lesningene av avtaleversjoner kunne ikke bevares');
      }),
    );
  }

  /**
   * Adds the commits since the indexed one; when HEAD moved back or a file was deleted or moved, builds the
   * index again (a question waits for it, rather than getting answers from versions that are gone).
   */
  private async follow(): Promise<ClauseIndex> {
    const index = this.index as ClauseIndex;
    const head = await this.store.head();
    if (head === this.indexedHead) return index;
    if (head && this.indexedHead && (await extendIndex(index, this.store, this.indexedHead, head))) {
      this.indexedHead = head;
      return index;
    }
    this.log?.info(
      { from: this.indexedHead, to: head },
      'Oppslagsindeksen bygges på nytt: historikken er endret',
    );
    this.building = this.build(false);
    return this.building;
  }
}
