/**
 * The value a sort would put at a position, without sorting: Hoare's selection (quickselect). Used to find
 * the cut below which hits are not sorted; measured on the benchmark corpus, sorting the scores for it
 * (a typed array's own sort) took a tenth of a question's time.
 */

/** The `k`-th largest of `values` (1: the largest); reorders `values`. Values must not be NaN. */
export function kthLargest(values: Float64Array, k: number): number {
  const target = values.length - k;
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = median(values[low] as number, values[(low + high) >> 1] as number, values[high] as number);
    let left = low;
    let right = high;
    while (left <= right) {
      while ((values[left] as number) < pivot) left += 1;
      while ((values[right] as number) > pivot) right -= 1;
      if (left <= right) {
        const swap = values[left] as number;
        values[left] = values[right] as number;
        values[right] = swap;
        left += 1;
        right -= 1;
      }
    }
    if (target <= right) high = right;
    else if (target >= left) low = left;
    else return values[target] as number;
  }
  return values[target] as number;
}

function median(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
