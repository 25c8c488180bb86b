/**
 * What a normaliser says about a value it changed or refused. Normalisers are pure: they return the
 * cleaned value (or nothing) with their notes, and the importer attaches the notes to the field of the
 * record (see `ImportWarning` in ../importers/types.ts).
 */
export interface Note {
  /** Stable code, e.g. "phone-invalid". */
  code: string;
  fr: string;
  en: string;
}

/** A normalised value (absent when the input was empty or unusable) and what was done to it. */
export interface Normalized<T> {
  value?: T;
  notes: Note[];
}

export const note = (code: string, fr: string, en: string): Note => ({ code, fr, en });

/** Quotes a raw value for a message, shortened so that a huge input does not flood the report. */
export function quote(raw: unknown, max = 80): string {
  let s = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
