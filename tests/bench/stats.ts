export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Half the range, as a percentage of the median. */
export function spread(values: number[]): number {
  const middle = median(values);
  return middle ? Math.round(((Math.max(...values) - Math.min(...values)) / 2 / middle) * 100) : 0;
}
