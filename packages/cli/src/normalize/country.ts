/**
 * Countries: a name in any language, or an ISO 3166-1 code (alpha-2, alpha-3, numeric), → the alpha-2
 * code, by the names of `i18n-iso-countries` (the Unicode CLDR names in 80 languages: "Österreich",
 * "България", "Royaume-Uni", "UK"). And which codes are France: the French rules (5-digit postcodes,
 * COG codes, French phone numbers) apply only to France and its overseas départements and collectivités.
 */
import { createRequire } from 'node:module';
import { isFrenchCountry } from '@essaim/sdk';
import { type Normalized, note, quote } from './notes.ts';
import { cleanText, foldKey } from './text.ts';

type Countries = typeof import('i18n-iso-countries');

let library: Countries | undefined;
let byName: Map<string, string> | undefined;

/** The library with every language registered (its Node entry), loaded on first use. */
function countries(): Countries {
  library ??= createRequire(import.meta.url)('i18n-iso-countries') as Countries;
  return library;
}

/** Folded name → alpha-2, over every language; French and English names first (they win a clash). */
function names(): Map<string, string> {
  if (byName) return byName;
  const lib = countries();
  byName = new Map();
  const langs = ['fr', 'en', ...lib.getSupportedLanguages().filter((l) => l !== 'fr' && l !== 'en')];
  for (const lang of langs) {
    for (const [code, value] of Object.entries(lib.getNames(lang, { select: 'all' }))) {
      for (const n of Array.isArray(value) ? value : [value]) {
        const key = foldKey(n);
        if (key && !byName.has(key)) byName.set(key, code);
      }
    }
  }
  // Names the CLDR lists lack but the files use.
  for (const [n, code] of Object.entries(EXTRA_NAMES)) byName.set(foldKey(n), code);
  return byName;
}

const EXTRA_NAMES: Record<string, string> = {
  'france metropolitaine': 'FR',
  'france (metropole)': 'FR',
  metropole: 'FR',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  angleterre: 'GB',
  ecosse: 'GB',
  'pays de galles': 'GB',
  usa: 'US',
  'la reunion': 'RE',
  'ile de la reunion': 'RE',
};

/** Whether French rules apply: no country said (the feed is French), or France and its overseas. */
export const isFrench = isFrenchCountry;

/**
 * "FR", "fra", "250", "France", "Österreich", "България", "Royaume-Uni" → ISO 3166-1 alpha-2; unknown
 * names are dropped with a note (the address keeps its other parts).
 */
export function normalizeCountry(raw: unknown): Normalized<string> {
  const t = cleanText(typeof raw === 'number' ? String(raw) : raw).value;
  if (!t) return { notes: [] };
  const lib = countries();
  let code: string | undefined;
  if (/^[a-z]{2}$/i.test(t)) {
    const up = t.toUpperCase();
    code = up === 'UK' ? 'GB' : lib.isValid(up) ? up : undefined;
  } else if (/^[a-z]{3}$/i.test(t)) code = lib.alpha3ToAlpha2(t.toUpperCase());
  else if (/^\d{1,3}$/.test(t)) code = lib.numericToAlpha2(t.padStart(3, '0'));
  code ??= names().get(foldKey(t));
  if (code) return { value: code, notes: [] };
  return {
    notes: [
      note(
        'country-unknown',
        `pays non reconnu : « ${quote(t)} » (ignoré)`,
        `country not recognised: "${quote(t)}" (ignored)`,
      ),
    ],
  };
}
