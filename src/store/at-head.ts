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
