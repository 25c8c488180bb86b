/**
 * Localisation: the language comes from the nearest `lang` attribute (crossing shadow roots), French by
 * default; numbers, distances, dates and plurals go through `Intl`. Elements re-render when a `lang`
 * attribute changes anywhere above them.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** The language of an element: its nearest ancestor's `lang`, across shadow boundaries. */
export function langOf(el: Element): Lang {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element) {
      const withLang = node.closest('[lang]');
      if (withLang) return toLang(withLang.getAttribute('lang'));
    }
    const root: Node = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return 'fr';
}

export function toLang(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/** The `Intl` locale of a language: French of France, British English (dates « 17 March 2026 »). */
export const LOCALES: Readonly<Record<Lang, string>> = { fr: 'fr-FR', en: 'en-GB' };

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();
/** One `Intl` formatter per locale and options (they are costly to build, cheap to reuse). */
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
  kind: string,
  locale: string,
  options: object | undefined,
  make: () => T,
): T {
  const key = `${kind}|${locale}|${JSON.stringify(options ?? {})}`;
  let f = formats.get(key) as T | undefined;
  if (!f) {
    f = make();
    formats.set(key, f);
  }
  return f;
}

export const numberFormat = (lang: Lang, options?: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached('n', LOCALES[lang], options, () => new Intl.NumberFormat(LOCALES[lang], options));
export const dateFormat = (lang: Lang, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached('d', LOCALES[lang], options, () => new Intl.DateTimeFormat(LOCALES[lang], options));
export const pluralRules = (lang: Lang): Intl.PluralRules =>
  cached('p', LOCALES[lang], undefined, () => new Intl.PluralRules(LOCALES[lang]));

/**
 * Plural forms of a message, chosen by `Intl.PluralRules` (French says « 1,5 kilomètre », English
 * « 1.5 kilometres »). `#` is replaced by the number formatted for the language; `none`, when given,
 * is used for 0 (« Aucun résultat »).
 */
export type PluralForms = { none?: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

export function plural(
  lang: Lang,
  n: number,
  forms: PluralForms,
  options?: Intl.NumberFormatOptions,
): string {
  const form = (n === 0 ? forms.none : undefined) ?? forms[pluralRules(lang).select(n)] ?? forms.other;
  return form.replaceAll('#', numberFormat(lang, options).format(n));
}

/** A distance: « 850 m », « 1,2 km » / « 1.2 km », « 12 km » (rounded to what matters). */
export function distance(lang: Lang, km: number): string {
  if (km < 1) return numberFormat(lang, { style: 'unit', unit: 'meter' }).format(Math.round(km * 100) * 10);
  return numberFormat(lang, {
    style: 'unit',
    unit: 'kilometer',
    maximumFractionDigits: km < 10 ? 1 : 0,
  }).format(km);
}

const hosts = new Set<LocalizeController>();
let observer: MutationObserver | undefined;

function watchLang() {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => {
    for (const c of hosts) c.refresh();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/** Reactive controller: `this.l10n.lang`, and a re-render when it changes. */
export class LocalizeController implements ReactiveController {
  lang: Lang = 'fr';
  constructor(private readonly host: ReactiveControllerHost & Element) {
    host.addController(this);
  }
  hostConnected(): void {
    hosts.add(this);
    watchLang();
    this.lang = langOf(this.host);
  }
  hostDisconnected(): void {
    hosts.delete(this);
  }
  refresh(): void {
    const lang = langOf(this.host);
    if (lang !== this.lang) {
      this.lang = lang;
      this.host.requestUpdate();
    }
  }
  get locale(): string {
    return LOCALES[this.lang];
  }
  number(n: number, options?: Intl.NumberFormatOptions): string {
    return numberFormat(this.lang, options).format(n);
  }
  /** "850 m", "1,2 km" / "1.2 km". */
  distance(km: number): string {
    return distance(this.lang, km);
  }
  date(d: Date | string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
    return dateFormat(this.lang, { timeZone: 'Europe/Paris', ...options }).format(
      typeof d === 'string' ? new Date(d) : d,
    );
  }
  /** The CLDR plural category of `n` in the element's language. */
  plural(n: number): Intl.LDMLPluralRule {
    return pluralRules(this.lang).select(n);
  }
  /** The plural form of a message for `n` (see `plural()`). */
  pluralize(n: number, forms: PluralForms, options?: Intl.NumberFormatOptions): string {
    return plural(this.lang, n, forms, options);
  }
}
