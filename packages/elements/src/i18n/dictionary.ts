/**
 * Typed dictionaries: French first; the English one must have exactly the same keys and signatures (the
 * compiler says so when a key is missing). Entries are strings or functions (plurals, values).
 */
import type { Lang } from '../internal/localize.ts';

// biome-ignore lint/suspicious/noExplicitAny: entries take any arguments; each key keeps its own signature
export type Entry = string | ((...args: any[]) => string);
export type Messages = Record<string, Entry>;

export interface Dictionaries<T extends Messages> {
  fr: T;
  en: { [K in keyof T]: T[K] };
}

export function dictionaries<T extends Messages>(fr: T, en: { [K in keyof T]: T[K] }): Dictionaries<T> {
  return { fr, en };
}

export type Args<E> = E extends (...args: infer A) => string ? A : [];

/** Looks a key up in the dictionary of `lang`. */
export function translate<T extends Messages, K extends keyof T>(
  dicts: Dictionaries<T>,
  lang: Lang,
  key: K,
  ...args: Args<T[K]>
): string {
  const entry = dicts[lang][key] as Entry;
  return typeof entry === 'function' ? entry(...args) : entry;
}
