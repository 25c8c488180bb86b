/**
 * Names of structures for merging (merge.ts): normalised (case, accents, punctuation, stop words
 * dropped, word order kept), compared word by word (distinctive words in order, spelling variants
 * allowed; generic words as a bag that weighs little), and the words that mark a distinct site. Also
 * the registry numbers that make two records two organisations.
 */
import type { Identifiers } from './merge.ts';

/** Words that carry no identity at all in a French (or English) organisation name: dropped. */
const STOP_WORDS = new Set(
  (
    'a au aux avec c d de des du en et l la le les pour par sur un une the of and s chez dans ' +
    'o c/o sa sas sarl sasu eurl ltd limited cic'
  ).split(' '),
);

/**
 * Generic words of ESS names (activities, legal forms, territories): they count for little in the name
 * score (`GENERIC_WEIGHT`), so two names that share only them ("Kent Community Energy" / "Wight
 * Community Energy") do not match; and a name made only of them ("AMAP", "Jardin partagé", "Repair
 * Café") is not distinctive enough to be matched by containment.
 */
const GENERIC_WORDS = new Set(
  (
    'amap jardin jardins partage partagee partages ressourcerie recyclerie epicerie solidaire solidaires ' +
    'sociale social atelier ateliers cafe repair sel collectif boutique magasin centre maison ferme ' +
    'cooperative cooperatives cooperativa coop coops operative reseau paris france idf ile local locale citoyen citoyenne ' +
    'transition bio biocoop velo velos compost espace projet groupe comite club boite livres ' +
    'association associations asso assoc associatif associative scop scic societe company ' +
    'housing community communities energy energie energies services service'
  ).split(' '),
);
const GENERIC_WEIGHT = 0.3;

/**
 * Words that mark a distinct site or service of one organisation ("Bus France services de Vouziers"
 * beside "France services Vouziers" at the same address; "… Agde QPV" beside "… Agde"): a name that has
 * one that the other lacks is another record, whatever the rest of the names.
 */
const SITE_WORDS = new Set(
  (
    'bus camion itinerant itinerante itinerance mobile qpv permanence antenne annexe multisite multisites ' +
    'site'
  ).split(' '),
);

/**
 * Normalises a name for comparison: lower case, no accents, ligatures split, `&` → "et", "co-op(erative)"
 * → "coop(erative)", "(e)s" of inclusive writing dropped, "st"/"ste" → "saint"/"sainte", punctuation to
 * spaces, stop words dropped, one space between words.
 * Word order is kept. If every word is a stop word, they are kept (so "La SA" is not empty).
 */
export function normalizeName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range
  const ascii = /^[\x00-\x7f]*$/.test(name);
  const words = (ascii ? name : name.normalize('NFKD').replace(/\p{M}+/gu, ''))
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/&/g, ' et ')
    .replace(/\bco-op(erative)?(s?)\b/g, 'coop$1$2')
    // Inclusive writing: "voisin(e)s", "adhérent·e·s".
    .replace(/\((?:e|es|ne|le|s)\)/g, '')
    .replace(/·(?:e|ne|le)·?/g, '')
    .replace(/\bst(e?)\b/g, 'saint$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean);
  const kept = words.filter((w) => !STOP_WORDS.has(w));
  return (kept.length ? kept : words).join(' ');
}

/** Jaro-Winkler similarity (0–1) of two strings (prefix scale 0.1, prefix up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedB = new Uint8Array(lb);
  const matchedA = new Uint8Array(la);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (!matchedB[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Two words are spelling variants ("coeurs"/"coeur", "clef"/"cle") at or above this Jaro-Winkler. */
const WORD_SIMILARITY = 0.92;

/** Similarity of two words: 1 when equal, their Jaro-Winkler when variants of each other, else 0. */
function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  // Numbers, short words, and words that do not start alike must be equal ("Circul'Livre 12" is not
  // "Circul'Livre 13", "FASTI" is not "ASTI").
  if (/\d/.test(a) || /\d/.test(b) || Math.min(a.length, b.length) < 3 || a[0] !== b[0]) return 0;
  const sim = jaroWinkler(a, b);
  return sim >= WORD_SIMILARITY ? sim : 0;
}

/** How two names' words line up. */
export interface Alignment {
  /** Weighted score (0–1): matched weight over the weight of both names. */
  score: number;
  /**
   * Is every word of one name in the other, exactly, its distinctive words in the same order, with at
   * least one distinctive word of 4 letters or more that is not a number?
   */
  contained: boolean;
}

/** The distinctive words of a name in order, and its generic words (all words are distinctive when all are generic). */
function splitWords(words: string[]): { distinct: string[]; generic: string[] } {
  const generic = words.filter((w) => GENERIC_WORDS.has(w));
  if (generic.length === words.length) return { distinct: words, generic: [] };
  return { distinct: words.filter((w) => !GENERIC_WORDS.has(w)), generic };
}

/**
 * Aligns two names: their distinctive words in order (a longest common subsequence where spelling
 * variants count, weight 1 each), their generic words as a bag (exact, weight `GENERIC_WEIGHT` each).
 */
export function align(wordsA: string[], wordsB: string[]): Alignment {
  const A = splitWords(wordsA);
  const B = splitWords(wordsB);
  const a = A.distinct;
  const b = B.distinct;
  const n = a.length;
  const m = b.length;
  // credit[i][j]: best credit aligning a[i..] with b[j..]; exact[i][j]: exact matches on that path.
  const credit: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const sim = wordSimilarity(a[i]!, b[j]!);
      const take = sim ? 2 * sim + credit[i + 1]![j + 1]! : 0;
      credit[i]![j] = Math.max(take, credit[i + 1]![j]!, credit[i]![j + 1]!);
    }
  }
  const bag = [...B.generic];
  let genericCredit = 0;
  for (const w of A.generic) {
    const k = bag.indexOf(w);
    if (k >= 0) {
      bag.splice(k, 1);
      genericCredit += 2 * GENERIC_WEIGHT;
    }
  }
  const total = n + m + GENERIC_WEIGHT * (A.generic.length + B.generic.length);
  const score = total ? (credit[0]![0]! + genericCredit) / total : 0;
  return { score, contained: contains(wordsA, A, wordsB, B) || contains(wordsB, B, wordsA, A) };
}

/** Is every word of `small` in `big` (its distinctive words as a subsequence), with a real distinctive word? */
function contains(
  smallWords: string[],
  small: { distinct: string[]; generic: string[] },
  bigWords: string[],
  big: { distinct: string[] },
): boolean {
  if (!small.generic.length && small.distinct.every((w) => GENERIC_WORDS.has(w))) return false;
  if (!small.distinct.some((w) => w.length >= 4 && !/^\d+$/.test(w))) return false;
  if (!small.generic.every((w) => bigWords.includes(w))) return false;
  let k = 0;
  for (const w of big.distinct) if (w === small.distinct[k]) k++;
  return k === small.distinct.length && smallWords.length <= bigWords.length;
}

/**
 * Similarity of two names (0–1): their words aligned in order, spelling variants counted as equal,
 * generic words discounted. 1 for the same normalised name (or the same letters without spaces:
 * "AMAPMontrouge" / "AMAP Montrouge").
 */
export function nameSimilarity(a: string, b: string): number {
  return nameScore(normalizeName(a), normalizeName(b));
}

/** `nameSimilarity` of two normalised names. */
export function nameScore(a: string, b: string): number {
  if (a === b || a.replace(/ /g, '') === b.replace(/ /g, '')) return 1;
  return align(a.split(' '), b.split(' ')).score;
}

/** Does one name have a word marking a distinct site or service that the other lacks? */
export function differentSites(a: string[], b: string[]): boolean {
  for (const w of a) if (SITE_WORDS.has(w) && !b.includes(w)) return true;
  for (const w of b) if (SITE_WORDS.has(w) && !a.includes(w)) return true;
  return false;
}

/**
 * The first registry number on which two sets of identifiers differ, with both values: SIRET (the
 * establishment), SIREN (the organisation; a SIRET's first 9 digits), RNA (the association register).
 */
export function identifierConflict(
  a: Identifiers,
  b: Identifiers,
): { identifier: keyof Identifiers; values: [string, string] } | undefined {
  if (a.siret && b.siret && a.siret !== b.siret) return { identifier: 'siret', values: [a.siret, b.siret] };
  const sirenA = a.siren ?? a.siret?.slice(0, 9);
  const sirenB = b.siren ?? b.siret?.slice(0, 9);
  if (sirenA && sirenB && sirenA !== sirenB) return { identifier: 'siren', values: [sirenA, sirenB] };
  if (a.rna && b.rna && a.rna !== b.rna) return { identifier: 'rna', values: [a.rna, b.rna] };
  return undefined;
}
