/**
 * Phone numbers as people write them in one field: "09 65 31 74 25 / 06 08 48 32 33", "0164964171 -
 * 0660485777", "01.40.24.29.29 (Studio & Technique) / 01.40.24.28.28 (Administratif)", "+33.(0)6.65.14.93.64",
 * "Tél. : 01 43 63 85 42 / Fax : 01 48 97 43 50", "954588879" (a spreadsheet ate the leading zero),
 * "33142792424" (international without its "+").
 *
 * French numbers are written "01 23 45 67 89"; other countries' numbers are kept as "+" and digits.
 * Impossible numbers are dropped with a note; the record is kept.
 */
import { isFrench } from './country.ts';
import { type Normalized, type Note, note, quote } from './notes.ts';
import { isPlaceholder, scrub } from './text.ts';

/** Overseas départements whose numbers are written 0 + 9 digits nationally (+262 262…, +590 590…). */
const FRENCH_OVERSEAS_CC = ['262', '508', '590', '594', '596'];

/** "0123456789" → "01 23 45 67 89". */
export function formatFrenchPhone(national: string): string {
  return national.replace(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, '$1 $2 $3 $4 $5');
}

/** A French national number: 10 digits, "0" then 1–9, and not a run of zeros. */
export function isFrenchNational(d: string): boolean {
  return /^0[1-9]\d{8}$/.test(d) && !/^0\d(\d)\1{7}$/.test(d);
}

/** Candidate numbers: digit runs with the separators people put inside one number. */
const CHUNK = /(?:\+|\b00)?\(?\d[\d\s.\-()]*\d/g;

/**
 * Every phone number found in `raw`, formatted, de-duplicated, in order. Fax numbers (preceded by "fax")
 * are skipped. Notes tell what was fixed (a restored leading zero) and what was refused.
 */
export interface PhoneOptions {
  /**
   * ISO 3166-1 alpha-2 country of the record. French rules (10-digit national numbers, a restored leading
   * zero) apply only to France and its overseas territories (and when no country is said); elsewhere a
   * national number is kept as written.
   */
  country?: string;
}

export function parsePhones(raw: unknown, options: PhoneOptions = {}): Normalized<string[]> {
  const french = isFrench(options.country);
  if (raw === null || raw === undefined) return { notes: [] };
  const notes: Note[] = [];
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? scrub(raw) : '';
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    return {
      notes: [
        note(
          'phone-invalid',
          `numéro de téléphone illisible : ${quote(raw)}`,
          `unreadable phone number: ${quote(raw)}`,
        ),
      ],
    };
  }
  if (text.trim() === '') return { notes: [] };
  if (isPlaceholder(text)) {
    return {
      notes: [
        note(
          'placeholder',
          `valeur de remplissage ignorée : « ${quote(text)} »`,
          `placeholder value ignored: "${quote(text)}"`,
        ),
      ],
    };
  }
  const out: string[] = [];
  const add = (p: string) => {
    if (!out.includes(p)) out.push(p);
  };
  // Slashes separate numbers ("01 … / 06 …") but never appear inside one: split on them first.
  const segments = text.split(/\/+|;|\bou\b|\bor\b|\bet\b/i);
  let offset = 0;
  for (const segment of segments) {
    const segStart = text.indexOf(segment, offset);
    offset = segStart + segment.length;
    for (const m of segment.matchAll(CHUNK)) {
      const chunk = m[0];
      const before = text.slice(Math.max(0, segStart + (m.index ?? 0) - 12), segStart + (m.index ?? 0));
      if (/fax|télécopie|telecopie/i.test(before)) {
        notes.push(
          note(
            'phone-fax-skipped',
            `numéro de fax ignoré : « ${quote(chunk)} »`,
            `fax number skipped: "${quote(chunk)}"`,
          ),
        );
        continue;
      }
      for (const r of french ? readChunk(chunk) : readForeignChunk(chunk)) {
        if (r.value) add(r.value);
        notes.push(...r.notes);
      }
    }
  }
  if (!out.length && !notes.length) {
    notes.push(
      note(
        'phone-invalid',
        `aucun numéro de téléphone lisible dans « ${quote(text)} »`,
        `no readable phone number in "${quote(text)}"`,
      ),
    );
  }
  return out.length ? { value: out, notes } : { notes };
}

/** Another country's number: "+" numbers as "+" and digits, national ones as written (if plausible). */
function readForeignChunk(chunk: string): Array<Normalized<string>> {
  const digits = chunk.replace(/\D/g, '');
  if (/^\s*(?:\+|00)/.test(chunk)) {
    const intl = chunk.trim().startsWith('00') ? digits.slice(2) : digits;
    if (intl.length >= 8 && intl.length <= 15 && /^[1-9]/.test(intl))
      return [{ value: `+${intl}`, notes: [] }];
  } else {
    const written = chunk.replace(/\s+/g, ' ').trim();
    if (digits.length >= 6 && digits.length <= 15 && /^[0-9][0-9 .()-]{5,24}$/.test(written))
      return [{ value: written, notes: [] }];
  }
  return [
    {
      notes: [
        note(
          'phone-invalid',
          `numéro de téléphone impossible : « ${quote(chunk)} » (ignoré)`,
          `impossible phone number: "${quote(chunk)}" (ignored)`,
        ),
      ],
    },
  ];
}

function readChunk(chunk: string): Array<Normalized<string>> {
  const digits = chunk.replace(/\D/g, '');
  const international = /^\s*(?:\+|00)/.test(chunk);
  const invalid = (): Normalized<string> => ({
    notes: [
      note(
        'phone-invalid',
        `numéro de téléphone impossible : « ${quote(chunk)} » (ignoré)`,
        `impossible phone number: "${quote(chunk)}" (ignored)`,
      ),
    ],
  });
  if (international) {
    const intl = chunk.trim().startsWith('00') ? digits.slice(2) : digits;
    if (intl.startsWith('33')) {
      // +33 6…, +33 (0)6…
      const rest = intl.slice(2).replace(/^0/, '');
      const national = `0${rest}`;
      return [isFrenchNational(national) ? { value: formatFrenchPhone(national), notes: [] } : invalid()];
    }
    const cc = FRENCH_OVERSEAS_CC.find((c) => intl.startsWith(c));
    if (cc && intl.length === 12) {
      const national = `0${intl.slice(3)}`;
      if (isFrenchNational(national)) return [{ value: formatFrenchPhone(national), notes: [] }];
    }
    return [
      intl.length >= 8 && intl.length <= 15 && /^[1-9]/.test(intl)
        ? { value: `+${intl}`, notes: [] }
        : invalid(),
    ];
  }
  if (digits.length === 10)
    return [isFrenchNational(digits) ? { value: formatFrenchPhone(digits), notes: [] } : invalid()];
  if (digits.length === 9 && /^[1-9]/.test(digits)) {
    const national = `0${digits}`;
    if (isFrenchNational(national)) {
      return [
        {
          value: formatFrenchPhone(national),
          notes: [
            note(
              'phone-leading-zero',
              `numéro « ${quote(chunk)} » sans son zéro initial : rétabli (${formatFrenchPhone(national)})`,
              `number "${quote(chunk)}" had lost its leading zero: restored (${formatFrenchPhone(national)})`,
            ),
          ],
        },
      ];
    }
  }
  if (digits.length === 11 && digits.startsWith('33')) {
    const national = `0${digits.slice(2)}`;
    if (isFrenchNational(national)) return [{ value: formatFrenchPhone(national), notes: [] }];
  }
  // Several numbers run together ("0164964171 - 0660485777", "01 39 70 98 18 \n 06 88 36 00 70").
  if (digits.length > 10 && digits.length % 10 === 0) {
    const pieces = digits.match(/\d{10}/g) ?? [];
    if (pieces.every(isFrenchNational))
      return pieces.map((p) => ({ value: formatFrenchPhone(p), notes: [] }));
  }
  return [invalid()];
}

/** The first valid phone number of `raw` (for single-number fields), with the notes of all. */
export function normalizePhone(raw: unknown, options: PhoneOptions = {}): Normalized<string> {
  const r = parsePhones(raw, options);
  return r.value?.length ? { value: r.value[0], notes: r.notes } : { notes: r.notes };
}
