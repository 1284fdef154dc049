/**
 * One ranking's text scores and candidates by document id, in arrays kept from one ranking to the next
 * (rankings run one at a time, and each starts by clearing what the one before set): a `Map` of scores and a
 * `Set` of candidates made for every question cost a tenth of ranking it. The candidates keep the order they
 * were added in, as a `Set` would.
 */
export class DocScores {
  private scores = new Float64Array(0);
  /** 0: not a candidate; 1: a text hit; 2: a candidate for another reason. */
  private marks = new Uint8Array(0);
  /** Every candidate, the text hits first, in the order added. */
  readonly candidates: number[] = [];
  /** The best text score (0 without hits). */
  best = 0;

  private static shared = new DocScores();

  /** The arrays for a ranking over `documents` documents, emptied of the ranking before. */
  static begin(documents: number): DocScores {
    const scores = DocScores.shared;
    if (scores.marks.length !== documents) {
      scores.scores = new Float64Array(documents);
      scores.marks = new Uint8Array(documents);
    } else {
      for (const doc of scores.candidates) {
        scores.scores[doc] = 0;
        scores.marks[doc] = 0;
      }
    }
    scores.candidates.length = 0;
    scores.best = 0;
    return scores;
  }

  /** A text hit (each document once). */
  setText(doc: number, score: number): void {
    this.scores[doc] = score;
    this.marks[doc] = 1;
    this.candidates.push(doc);
    if (score > this.best) this.best = score;
  }

  /** The document's text score; 0 when the search did not find it. */
  text(doc: number): number {
    return this.scores[doc] as number;
  }

  isTextHit(doc: number): boolean {
    return this.marks[doc] === 1;
  }

  /** A candidate found otherwise than by its text (once, and never a text hit again). */
  addCandidate(doc: number): void {
    if (this.marks[doc] !== 0) return;
    this.marks[doc] = 2;
    this.candidates.push(doc);
  }
}
