/** The selection that finds the lookup's score cuts gives what a sort would (src/lookup/select.ts). */
import { describe, expect, it } from '@jest/globals';
import { random } from '../../bench/corpus.js';
import { kthLargest } from '../../src/lookup/select.js';

describe('kthLargest', () => {
  it('is the value a descending sort puts at place k, with ties and repeated values', () => {
    const next = random(15);
    for (let round = 0; round < 2000; round += 1) {
      const length = 1 + Math.floor(next() * 200);
      // Many equal scores (whole numbers) beside distinct ones, as search scores have.
      const values = Float64Array.from({ length }, () =>
        next() < 0.4 ? Math.floor(next() * 4) : next() * 100,
      );
      const k = 1 + Math.floor(next() * length);
      const sorted = [...values].sort((a, b) => b - a);
      expect(kthLargest(Float64Array.from(values), k)).toBe(sorted[k - 1]);
    }
  });

  it('handles one value and all values equal', () => {
    expect(kthLargest(Float64Array.of(3), 1)).toBe(3);
    expect(kthLargest(new Float64Array(50).fill(2), 17)).toBe(2);
  });
});
