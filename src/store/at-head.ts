import type { Store } from './store.js';

/**
 * Something read from the data repository at HEAD (the shared glossary, the contact registers), read again
 * only when HEAD moved: by a save here, a synchronization, or a commit made outside Gjerde.
 */
export class AtHead<T> {
  private last: { head: string | undefined; value: T } | undefined;

  constructor(
    private readonly store: Store,
    /** Reads the value; `head` is undefined in a repository without commits. */
    private readonly readAt: (head: string | undefined) => Promise<T>,
  ) {}

  async read(): Promise<T> {
    const head = await this.store.head();
    if (!this.last || this.last.head !== head) this.last = { head, value: await this.readAt(head) };
    return this.last.value;
  }

  /** The value as last read, without asking the store; undefined before the first read. */
  current(): T | undefined {
    return this.last?.value;
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
