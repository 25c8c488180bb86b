/**
 * Text normalisation for matching and searching French text (place names, organisation names, free text).
 *
 * Pure, dependency-free and identical in Node and browsers. It is meant for comparison keys, never for
 * display.
 */

/** Letters that Unicode decomposition does not split into base letter + accent. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  // Modifier letters used as apostrophes (Unicode letters, so not caught by the separator rule).
  ʹ: ' ',
  ʻ: ' ',
  ʼ: ' ',
  ʽ: ' ',
};
const SPECIAL_RE = /[œæßøđðłıþʹʻʼʽ]/g;
const MARKS_RE = /\p{M}+/gu;
const SEPARATORS_RE = /[^\p{L}\p{N}]+/gu;

/**
 * Returns a comparison key for `s`:
 *
 * - lower case, diacritics removed (`É` → `e`, `ÿ` → `y`, `ç` → `c`), compatibility forms folded
 *   (`ﬁ` → `fi`, full-width letters, superscripts: `1ᵉʳ` → `1er`);
 * - ligatures and special letters spelled out: `œ` → `oe`, `æ` → `ae`, `ß` → `ss`, `ø` → `o`…;
 * - everything that is neither a letter nor a digit becomes a single space: apostrophes of any kind
 *   (`'`, `’`, `ʼ`, `ʻ`), quotes, hyphens and dashes, slashes, dots, commas, parentheses…, so elisions are
 *   split (`L’Haÿ-les-Roses` → `l hay les roses`, `d'Yeu` → `d yeu`) and `Vitry-sur-Seine`,
 *   `VITRY SUR SEINE` and `vitry  sur-seine` all give `vitry sur seine`;
 * - runs of spaces collapsed, no leading or trailing space.
 *
 * Letters of other scripts are kept (lower-cased), so the function is safe for any input. It performs no
 * language-specific rewriting (no stemming, no "st" → "saint"): callers add that on top if they need it.
 *
 * @example normalizeText('  Œuvres d’Æsope — Saint-Étienne ') === 'oeuvres d aesope saint etienne'
 */
export function normalizeText(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .replace(SPECIAL_RE, (ch) => SPECIAL_LETTERS[ch] ?? ch)
    .replace(SEPARATORS_RE, ' ')
    .trim();
}
