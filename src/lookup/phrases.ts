/** Finds known phrases (sequences of words or terms) inside a longer sequence. */
export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, { words: string[]; value: T }[]>();

  add(words: string[], value: T): void {
    const first = words[0];
    if (first === undefined) return;
    const list = this.byFirst.get(first) ?? [];
    list.push({ words, value });
    this.byFirst.set(first, list);
  }

  /** Every occurrence of every phrase, as [start, end) positions. */
  find(words: readonly string[]): { start: number; end: number; value: T }[] {
    const found: { start: number; end: number; value: T }[] = [];
    words.forEach((word, start) => {
      for (const phrase of this.byFirst.get(word) ?? []) {
        if (phrase.words.every((expected, offset) => words[start + offset] === expected)) {
          found.push({ start, end: start + phrase.words.length, value: phrase.value });
        }
      }
    });
    return found;
  }
}
