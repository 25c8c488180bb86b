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

/**
 * French typography: a space before « ? ! : ; » or after « becomes a no-break space, so that a line never
 * starts with the punctuation alone (« Qui êtes-vous ? » wrapped before its « ? »). For every French text
 * the elements show: their own strings (through `translate`) and the feed's (questions, answers).
 */
export function typeset(text: string, lang: Lang): string {
  return lang === 'fr' ? text.replace(/ ([?!:;»])/g, '\u00a0$1').replace(/« /g, '«\u00a0') : text;
}

/** Looks a key up in the dictionary of `lang`. */
export function translate<T extends Messages, K extends keyof T>(
  dicts: Dictionaries<T>,
  lang: Lang,
  key: K,
  ...args: Args<T[K]>
): string {
  const entry = dicts[lang][key] as Entry;
  return typeset(typeof entry === 'function' ? entry(...args) : entry, lang);
}
