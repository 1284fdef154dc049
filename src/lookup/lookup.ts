/**
 * The lookup service: builds the clause index from the store once (in the background from start-up; a
 * question asked meanwhile waits for it), keeps it up to date with every save, and answers questions.
 */
import type { AgreementVersion } from '../domain/agreements.js';
import { today } from '../format/dates.js';
import type { AgreementKind } from '../format/types.js';
import type { Store } from '../store/store.js';
import { type BuildStats, buildIndex } from './build.js';
import type { ClauseIndex } from './clause-index.js';
import {
  knownCounties,
  knownParties,
  type LookupAnswer,
  type LookupOptions,
  type LookupRequest,
  lookup,
} from './search.js';

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

export class Lookup {
  private building: Promise<ClauseIndex> | undefined;
  private index: ClauseIndex | undefined;
  private readonly pending: AgreementVersion[] = [];
  private closed = false;
  stats: BuildStats | undefined;

  constructor(
    private readonly store: Store,
    private readonly log?: Logger,
    private readonly options: LookupOptions = {},
  ) {}

  /** Starts the build (once) and resolves with the index when it is ready. */
  ready(): Promise<ClauseIndex> {
    this.building ??= this.build();
    return this.building;
  }

  /** A version was saved: it answers from now on, without a restart. */
  saved(version: AgreementVersion): void {
    if (!this.index) {
      this.pending.push(version);
      return;
    }
    try {
      this.index.addVersions(version.id, [{ revision: version.revision, content: version.agreement }]);
    } catch (error) {
      this.log?.error(
        { err: error, agreement: version.id },
        'Oppslagsindeksen kunne ikke oppdateres etter lagring',
      );
    }
  }

  async search(request: LookupRequest): Promise<LookupAnswer> {
    return lookup(await this.ready(), request, this.options);
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
    return { counties: knownCounties(index), agreements, parties };
  }

  /** Stops answering; a build still reading from the (closing) store ends quietly. */
  close(): void {
    this.closed = true;
  }

  private async build(): Promise<ClauseIndex> {
    try {
      const { index, stats } = await buildIndex(this.store, {
        onProgress: ({ read, total }) => {
          if (total >= largeStore) this.log?.info({ read, total }, 'Oppslagsindeksen: leser avtaleversjoner');
        },
      });
      this.index = index;
      this.stats = stats;
      for (const version of this.pending.splice(0)) this.saved(version);
      this.log?.info({ ...stats }, 'Oppslagsindeksen er klar');
      return index;
    } catch (error) {
      if (!this.closed) this.log?.error({ err: error }, 'Oppslagsindeksen kunne ikke bygges');
      this.building = undefined;
      throw error;
    }
  }
}
