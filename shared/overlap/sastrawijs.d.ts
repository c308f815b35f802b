/** Types for the part of `sastrawijs` (Sastrawi Indonesian stemmer, MIT) that overlap detection uses; the package ships none for ESM. */
declare module "sastrawijs" {
  export class Stemmer {
    constructor(dictionary?: string[]);
    /** Base form (kata dasar) of one lower-case word. */
    stem(word: string): string;
    /** Whether the word is in the stemmer's dictionary of base words. */
    find(word: string): boolean;
  }
}
