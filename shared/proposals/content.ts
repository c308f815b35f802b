/**
 * When a second submission is the first one again. A village that taps "Kirim" twice, or goes back after a
 * successful submission and sends the form once more (the browser keeps what was typed, the page gets a fresh
 * one-time token), means one proposal. The rule: the same account sending the same content (every field but the
 * rank, as the schema reads it, so "Rp 1.500.000" and 1500000 are the same) within DUPLICATE_WINDOW_MS of its
 * earlier submission, which has not been withdrawn, gets that proposal back instead of a new one. Attachments do
 * not count: a photo picked again is the same photo of the same proposal.
 */

export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

/** The content of a submission as one string: fields in a fixed order, absent and empty alike. */
export function proposalContent(input: object): string {
  const { villageRank: _rank, ...content } = input as Record<string, unknown>;
  const fields = Object.keys(content).sort();
  return JSON.stringify(fields.filter((f) => content[f] !== undefined && content[f] !== null && content[f] !== "").map((f) => [f, content[f]]));
}

/** The earliest creation time a duplicate may have, for a submission at `now`. */
export const duplicateSince = (now: number) => new Date(now - DUPLICATE_WINDOW_MS).toISOString();
