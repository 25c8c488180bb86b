/**
 * Matching keys for place names: {@link normalizeText} plus the few rewrites that French place names
 * need. Shared by the build script (aliases are de-duplicated on these keys) and the runtime index.
 */
import { normalizeText } from '../text/normalize.ts';

/** Abbreviations expanded in keys: La Poste and people write "ST ETIENNE", "Ste-Foy". */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
};

const ORDINAL_RE = /^(\d+)(?:er|ere|e|eme|em|nd|nde)$/;

/** Rewrites one normalised token: abbreviations expanded, ordinals reduced to their number ("11e" → "11"). */
export function canonicalToken(token: string): string {
  const c = token.charCodeAt(0);
  if (c === 115 /* s */) {
    if (token.length <= 4 && token.charCodeAt(1) === 116 /* t */) return ABBREVIATIONS[token] ?? token;
    return token;
  }
  if (c < 48 || c > 57) return token;
  const m = ORDINAL_RE.exec(token);
  return m ? String(Number(m[1])) : token;
}

/**
 * `normalizeText` of each character below U+0250 (Latin, Latin-1, Latin Extended-A/B), '' for separators.
 * Normalising a string made of such characters one character at a time gives the same result as
 * `normalizeText` on the whole string (no combining marks or context-dependent case mappings there), and is
 * several times faster: the index normalises ~40,000 names on first use.
 */
let LATIN: (number[] | null)[] | undefined;
function latinTable(): (number[] | null)[] {
  if (!LATIN) {
    LATIN = [];
    for (let c = 0; c < 0x250; c++) {
      const n = normalizeText(String.fromCharCode(c));
      // null: separator; a space inside (e.g. "½" → "1 2"): left to the slow path.
      LATIN.push(n === '' ? null : n.includes(' ') ? [] : Array.from(n, (ch) => ch.charCodeAt(0)));
    }
  }
  return LATIN;
}

/** The normalised words of a place name or query ({@link normalizeText}, then {@link canonicalToken}). */
export function placeTokens(s: string): string[] {
  const table = latinTable();
  const tokens: string[] = [];
  const word: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x250) return slowTokens(s);
    const m = table[c]!;
    if (m === null) {
      if (word.length > 0) tokens.push(canonicalToken(String.fromCharCode.apply(null, word)));
      word.length = 0;
    } else if (m.length === 0) {
      return slowTokens(s);
    } else if (m.length === 1) word.push(m[0]!);
    else word.push(...m);
  }
  if (word.length > 0) tokens.push(canonicalToken(String.fromCharCode.apply(null, word)));
  return tokens;
}

function slowTokens(s: string): string[] {
  const n = normalizeText(s);
  return n === '' ? [] : n.split(' ').map(canonicalToken);
}

/**
 * Canonical key of a place name or query: `placeKey("St-Étienne")` and `placeKey("SAINT ETIENNE")` are both
 * `"saint etienne"`; `placeKey("Paris 11e Arrondissement")` is `"paris 11 arrondissement"`.
 */
export function placeKey(s: string): string {
  return placeTokens(s).join(' ');
}

/** Reference implementation of {@link placeKey} (whole-string normalisation), for tests and the build. */
export function placeKeySlow(s: string): string {
  return slowTokens(s).join(' ');
}
