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
    return this.lang === 'en' ? 'en-GB' : 'fr-FR';
  }
  number(n: number, options?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(this.locale, options).format(n);
  }
  /** "850 m", "1,2 km" / "1.2 km". */
  distance(km: number): string {
    if (km < 1) return this.number(Math.round(km * 100) * 10, { style: 'unit', unit: 'meter' });
    return this.number(km, { style: 'unit', unit: 'kilometer', maximumFractionDigits: km < 10 ? 1 : 0 });
  }
  date(d: Date | string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
    return new Intl.DateTimeFormat(this.locale, { timeZone: 'Europe/Paris', ...options }).format(
      typeof d === 'string' ? new Date(d) : d,
    );
  }
  plural(n: number): Intl.LDMLPluralRule {
    return new Intl.PluralRules(this.locale).select(n);
  }
}
