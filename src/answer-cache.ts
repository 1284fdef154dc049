/**
 * Lookup answers kept as the bytes that were sent, with their ETag: case workers ask the same few hundred
 * questions over and over, and an answer served again then costs no JSON, no UTF-8 encoding and no hash.
 * Emptied whenever the lookup index changes (a save, an approval, a merge from the remote: Gjerde's
 * `onLookupChanged`), and keyed by everything the answer depends on (the question, its filters, the fields
 * asked for and the date answered for), so an answer is never older than the agreements it came from.
 * In memory only, the `capacity` most recently used answers.
 */
export interface PreparedAnswer {
  body: Buffer;
  etag: string;
}

export class AnswerCache {
  private readonly answers = new Map<string, PreparedAnswer>();
  /** Raised by `clear`: an answer computed before a change is not kept after it. */
  private generation = 0;

  constructor(private readonly capacity = 500) {}

  async get(key: string, compute: () => Promise<PreparedAnswer>): Promise<PreparedAnswer> {
    const kept = this.answers.get(key);
    if (kept !== undefined) {
      // Most recently used last, so the first key is the one to drop.
      this.answers.delete(key);
      this.answers.set(key, kept);
      return kept;
    }
    const generation = this.generation;
    const answer = await compute();
    if (generation === this.generation) {
      this.answers.set(key, answer);
      if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value as string);
    }
    return answer;
  }

  clear(): void {
    this.generation += 1;
    this.answers.clear();
  }
}
