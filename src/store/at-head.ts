import type { Store } from './store.js';

/**
 * Something read from the data repository at HEAD (the shared glossary, the contact registers, the party
 * directory every signed-in request reads), read again only when HEAD moved: by a save here, a
 * synchronization, or a commit made outside Gjerde. Requests that ask while it is being read wait for that
 * one read: 32 requests arriving together after a start or a save made 32 readings of every agreement
 * (a stampede that held the benchmark's first HTTP answers for minutes and grew the process to 2.5 GB).
 */
export class AtHead<T> {
  private pending: { head: string | undefined; value: Promise<T> } | undefined;
  private settled: T | undefined;

  constructor(
    private readonly store: Store,
    /** Reads the value; `head` is undefined in a repository without commits. */
    private readonly readAt: (head: string | undefined) => Promise<T>,
  ) {}

  async read(): Promise<T> {
    const head = await this.store.head();
    if (!this.pending || this.pending.head !== head) {
      const reading = { head, value: this.readAt(head) };
      this.pending = reading;
      reading.value.then(
        (value) => {
          if (this.pending === reading) this.settled = value;
        },
        // A failed read is not kept: the next request reads again.
        () => {
          if (this.pending === reading) this.pending = undefined;
        },
      );
    }
    return this.pending.value;
  }

  /** The value as last read, without asking the store; undefined before the first read. */
  current(): T | undefined {
    return this.settled;
  }
}

/**
 * A service over data files at HEAD (the glossary, the contact registers): its snapshot is read again only
 * when HEAD moved, and those who listen are told after each commit it makes itself.
 */
export abstract class HeadSnapshot<T> {
  private readonly atHead: AtHead<T>;
  private readonly committedListeners: (() => void)[] = [];

  constructor(protected readonly store: Store) {
    this.atHead = new AtHead(store, (head) => this.readAt(head));
  }

  /** Reads the snapshot; `head` is undefined in a repository without commits. */
  protected abstract readAt(head: string | undefined): Promise<T>;

  onCommitted(listener: () => void): void {
    this.committedListeners.push(listener);
  }

  read(): Promise<T> {
    return this.atHead.read();
  }

  /** The snapshot as last read, without asking the store; undefined before the first read. */
  protected lastRead(): T | undefined {
    return this.atHead.current();
  }

  protected committed(): void {
    for (const listener of this.committedListeners) listener();
  }
}
