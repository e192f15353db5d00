/** Indexed read for loops whose bounds are already checked; fails loudly instead of yielding undefined. */
export function at<T>(values: ArrayLike<T>, index: number): T {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} outside 0..${values.length - 1}`);
  return value;
}
