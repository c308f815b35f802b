/** Priority lists (a desa's, a kecamatan's): moving one proposal to a position, the others closing ranks around it. */

/** The list in its new order with `id` at position `rank` (1-based, clamped to the list). */
export function moveTo<T extends { id: string }>(list: readonly T[], id: string, rank: number): T[] {
  const item = list.find((p) => p.id === id);
  if (!item) return [...list];
  const others = list.filter((p) => p.id !== id);
  const position = Math.min(Math.max(rank, 1), others.length + 1) - 1;
  return [...others.slice(0, position), item, ...others.slice(position)];
}

/** The ranks to write so that `ordered` reads 1, 2, 3 …: only the entries whose rank is not already right. */
export function rankChanges<T extends { id: string }>(ordered: readonly T[], rankOf: (item: T) => number | null): { item: T; rank: number }[] {
  return ordered.map((item, index) => ({ item, rank: index + 1 })).filter(({ item, rank }) => rankOf(item) !== rank);
}
