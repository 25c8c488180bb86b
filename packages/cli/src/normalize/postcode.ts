/**
 * French postcodes as 5-character strings, from what sources give: integers that lost their leading zero
 * (1000 → "01000"), spaced codes ("91 000"), a code followed by the town ("75020 Paris"), or a code only
 * present inside the street line ("181 avenue Daumesnil 75012 PARIS 12").
 */
import { type Normalized, note, quote } from './notes.ts';

/**
 * Two first digits a French postcode can start with: 01–95 (20 is Corsica), 97 and 98 (overseas).
 * "00" and "96" do not exist.
 */
function plausible(code: string): boolean {
  const dep = Number(code.slice(0, 2));
  return /^\d{5}$/.test(code) && ((dep >= 1 && dep <= 95) || dep === 97 || dep === 98);
}

/** A postcode value (string or number) → "NNNNN", with notes on what was fixed or refused. */
export function normalizePostcode(raw: unknown): Normalized<string> {
  if (raw === null || raw === undefined || raw === '') return { notes: [] };
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 1000 && raw <= 99999) {
      const code = String(raw).padStart(5, '0');
      if (plausible(code)) {
        return raw < 10000
          ? {
              value: code,
              notes: [
                note(
                  'postcode-leading-zero',
                  `code postal ${raw} écrit comme un nombre : zéro initial rétabli (${code})`,
                  `postcode ${raw} written as a number: leading zero restored (${code})`,
                ),
              ],
            }
          : { value: code, notes: [] };
      }
    }
    return { notes: [invalid(raw)] };
  }
  if (typeof raw !== 'string') return { notes: [invalid(raw)] };
  const s = raw.trim();
  if (s === '') return { notes: [] };
  // Exactly a code, possibly spaced ("91 000", "75 011") or with a dot ("75.011").
  const exact = /^(\d{2})[\s.]?(\d{3})$/.exec(s);
  if (exact) {
    const code = `${exact[1]}${exact[2]}`;
    return plausible(code) ? { value: code, notes: [] } : { notes: [invalid(s)] };
  }
  // Four digits: a leading zero lost by a spreadsheet (Aisne "2400" → "02400").
  if (/^\d{4}$/.test(s)) {
    const code = `0${s}`;
    if (plausible(code)) {
      return {
        value: code,
        notes: [
          note(
            'postcode-leading-zero',
            `code postal « ${s} » à 4 chiffres : zéro initial rétabli (${code})`,
            `4-digit postcode "${s}": leading zero restored (${code})`,
          ),
        ],
      };
    }
  }
  // A code with the town or CEDEX after it ("75020 Paris", "75700 Paris Cedex 07").
  const found = extractPostcode(s);
  if (found && /^\d{2}\s?\d{3}\b/.test(s)) {
    return { value: found, notes: [] };
  }
  if (/^\d{2}$/.test(s)) {
    return {
      notes: [
        note(
          'postcode-departement-only',
          `code postal « ${s} » réduit au numéro de département : ignoré`,
          `postcode "${s}" is only a département number: ignored`,
        ),
      ],
    };
  }
  return { notes: [invalid(s)] };
}

function invalid(raw: unknown) {
  return note(
    'postcode-invalid',
    `code postal invalide : « ${quote(raw)} » (ignoré)`,
    `invalid postcode: "${quote(raw)}" (ignored)`,
  );
}

/**
 * A box or mail-sorting number just before `index` ("BP 50028", "B.P. 63116", "CS 70001", "TSA 12345",
 * "Po Box 63", "boîte postale 12", "case postale 4"): those 5 digits are not a postcode.
 */
function afterBoxLabel(text: string, index: number): boolean {
  return /(?:\bB\.?\s?P\.?|\bC\.?\s?S\.?|\bTSA|\bP\.?\s?O\.?\s*Box|\bbo[iî]te\s+postale|\bcase\s+postale)\s*(?:n[°o]\.?\s*)?$/i.test(
    text.slice(Math.max(0, index - 20), index),
  );
}

/**
 * The postcode written inside a line of address, if there is exactly one plausible 5-digit group
 * (a spaced "78 330" is accepted when a town name follows it). The last one wins when there are several
 * ("Place du Puits de l'Ermite, 75005 Paris 75005").
 */
export function extractPostcode(text: string): string | undefined {
  const strict = [...text.matchAll(/(?<![\d.,])(\d{5})(?![\d.,]?\d)/g)]
    .filter((m) => !afterBoxLabel(text, m.index))
    .map((m) => m[1]!)
    .filter(plausible);
  if (strict.length) return strict[strict.length - 1];
  const spaced = [...text.matchAll(/(?<![\d.,])(\d{2}) (\d{3})(?=\s+\p{L})/gu)]
    .filter((m) => !afterBoxLabel(text, m.index))
    .map((m) => `${m[1]}${m[2]}`)
    .filter(plausible);
  return spaced.length ? spaced[spaced.length - 1] : undefined;
}

export interface AddressLine {
  street?: string;
  postcode?: string;
  commune?: string;
}

/**
 * Splits one line of address around its postcode: "181 avenue Daumesnil 75012 PARIS 12" →
 * { street: "181 avenue Daumesnil", postcode: "75012", commune: "PARIS 12" }. Trailing ", France" and
 * "CEDEX nn" are dropped from the commune. Without a postcode, the line is all street.
 */
export function splitAddressLine(text: string): AddressLine {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return {};
  const re = /(?<![\d.,])(\d{2}) ?(\d{3})(?![\d.,]?\d)/g;
  // The last plausible code followed by a town name, else the last plausible code.
  let last: RegExpExecArray | undefined;
  let lastBeforeTown: RegExpExecArray | undefined;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const beforeTown = /^[\s,]+\p{L}/u.test(line.slice(m.index + m[0].length));
    if (afterBoxLabel(line, m.index)) continue;
    if (plausible(`${m[1]}${m[2]}`) && (m[0].length === 5 || beforeTown)) {
      last = m;
      if (beforeTown) lastBeforeTown = m;
    }
  }
  last = lastBeforeTown ?? last;
  if (!last) return { street: line };
  const postcode = `${last[1]}${last[2]}`;
  const before = line
    .slice(0, last.index)
    .replace(/[\s,;–-]+$/, '')
    .trim();
  let after = line
    .slice(last.index + last[0].length)
    .replace(/^[\s,;–-]+/, '')
    .replace(/,?\s*(?:France|FR)\.?$/i, '')
    .replace(/\s+cedex(?:\s*\d+)?$/i, '')
    .replace(/[\s,;]+$/, '')
    .trim();
  // "…, 75005 Paris 75005": the same code repeated at the end.
  after = after.replace(new RegExp(`\\s*${postcode}$`), '').trim();
  const out: AddressLine = { postcode };
  if (before) out.street = before;
  if (after) out.commune = after;
  return out;
}
