/** A copy of `rows` with the row at `index` merged with `patch` (editable row lists keep rows immutable). */
export function patchAt<T>(rows: readonly T[], index: number, patch: Partial<T>): T[] {
  return rows.map((row, i) => (i === index ? { ...row, ...patch } : row));
}
