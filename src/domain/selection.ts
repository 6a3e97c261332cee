/**
 * Percentiles without sorting. An interval needs four order statistics of a thousand
 * bootstrap overalls per vendor; sorting every overall to read four of them was most of the
 * interval's time (the built-in typed-array sort also boxes each number on the way).
 */

/**
 * The k-th smallest of `values` (0-based), found by N. Wirth's selection (Hoare's partition
 * around a[k], narrowing to the side that holds k): linear time on average. It reorders
 * `values` in place, so pass an array of your own. Values must not be NaN.
 */
export function kthSmallest(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[k] ?? Number.NaN;
    let i = left;
    let j = right;
    do {
      while ((values[i] ?? Number.NaN) < pivot) i++;
      while (pivot < (values[j] ?? Number.NaN)) j--;
      if (i <= j) {
        const swapped = values[i] ?? Number.NaN;
        values[i] = values[j] ?? Number.NaN;
        values[j] = swapped;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) left = i;
    if (k < i) right = j;
  }
  return values[k] ?? Number.NaN;
}

/**
 * The same number as `percentile` (./robustness.ts) gives for these values sorted: linear
 * interpolation between the closest ranks. Reorders `values` in place; NaN when empty.
 */
export function percentileBySelection(values: Float64Array, p: number): number {
  if (values.length === 0) return Number.NaN;
  const position = p * (values.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = kthSmallest(values, lower);
  const high = upper === lower ? low : kthSmallest(values, upper);
  return low + (high - low) * (position - lower);
}
