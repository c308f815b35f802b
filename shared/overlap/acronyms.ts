/**
 * Whether words spell an acronym the way Indonesian administrations coin them: each word gives its first letter
 * or a longer start of itself, in order, joining words may be skipped ("Sistem Penyediaan Air Minum" = SPAM,
 * "Bimbingan Teknis" = Bimtek, "Usaha Mikro Kecil dan Menengah" = UMKM). Used on a text's own definitions
 * ("padat karya tunai desa (PKTD)") and by the vocabulary miner (scripts/overlap-vocabulary.ts).
 */
const JOINING = new Set(["dan", "di", "ke", "dari", "yang", "untuk", "serta", "atau", "bagi", "pada", "dalam", "of", "the"]);

export function spellsAcronym(acronym: string, words: readonly string[]): boolean {
  const go = (i: number, j: number): boolean => {
    if (i === acronym.length) return j === words.length;
    const word = words[j];
    if (word === undefined) return false;
    if (JOINING.has(word) && go(i, j + 1)) return true;
    for (let k = 1; k <= Math.min(word.length, acronym.length - i); k++) {
      if (word.slice(0, k) !== acronym.slice(i, i + k)) break;
      if (go(i + k, j + 1)) return true;
    }
    return false;
  };
  return words.length >= 2 && !JOINING.has(words[0] ?? "") && go(0, 0);
}
