/**
 * schema.org JSON-LD of the listed structures (opt-in `jsonld` attribute), so search engines index the
 * host page's directory. Put in a `<script type="application/ld+json">` through `textContent`, never
 * as HTML; `<` is escaped as well, so the text stays inert even if the page is serialised.
 */
import { safeHref } from '../../internal/safe-url.ts';

// Written through the `essaim` Trusted Types policy (loaded with the JSON-LD, not with the directory).
import { setJsonScript } from '../../internal/trusted-types.ts';
import type { Structure } from '../types.ts';

export function toJsonLd(structures: readonly Structure[], label: (conceptId: string) => string | undefined) {
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    itemListElement: structures.map((s, i) => {
      const a = s.address;
      const org: Record<string, unknown> = {
        '@type': 'Organization',
        '@id': safeHref(s.url) ?? undefined,
        name: s.name,
        description: s.description ? s.description.slice(0, 500) : undefined,
        url: safeHref(s.contacts?.website) ?? undefined,
        telephone: s.contacts?.phone,
        email: s.contacts?.email,
        knowsAbout: (s.themes ?? []).map((t) => label(t) ?? t),
        address: a
          ? {
              '@type': 'PostalAddress',
              streetAddress: a.street,
              postalCode: a.postcode,
              addressLocality: a.commune,
              addressCountry: a.country ?? 'FR',
            }
          : undefined,
        location: s.geo
          ? {
              '@type': 'Place',
              geo: { '@type': 'GeoCoordinates', latitude: s.geo.lat, longitude: s.geo.lon },
            }
          : undefined,
        sameAs: s.provenance.map((p) => safeHref(p.url)).filter(Boolean),
        dateModified: s.updatedAt,
      };
      return { '@type': 'ListItem', position: i + 1, item: org };
    }),
  };
}

/** The JSON text, with `<`, `>` and `&` escaped (valid JSON, inert in any HTML context). */
export function jsonLdText(
  structures: readonly Structure[],
  label: (conceptId: string) => string | undefined,
): string {
  return JSON.stringify(toJsonLd(structures, label)).replace(
    /[<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Writes the records as JSON-LD in `host`'s own `<script type="application/ld+json">` (light DOM). */
export function publishJsonLd(
  host: HTMLElement,
  records: readonly Structure[],
  label: (conceptId: string) => string | undefined,
): void {
  let script = host.querySelector<HTMLScriptElement>(':scope > script[data-essaim="jsonld"]');
  if (!script) {
    script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset.essaim = 'jsonld';
    host.append(script);
  }
  setJsonScript(script, jsonLdText(records, label));
}
