/**
 * Export of the current results — every match of the query, not one page — as CSV or GeoJSON, offered
 * as a download (Blob + object URL). Loaded on the first click only.
 *
 * CSV (RFC 4180, UTF-8 with BOM so spreadsheet software detects the encoding, comma-separated, CRLF):
 * | column | content |
 * |---|---|
 * | `id` | record id (`source--localId`) |
 * | `nom` | name |
 * | `famille` | ESS family (label) |
 * | `statuts` | legal forms (labels, ` | `-separated) |
 * | `thematiques`, `publics` | concept labels, ` | `-separated |
 * | `adresse`, `code_postal`, `commune`, `code_commune` (INSEE), `departement` | address |
 * | `latitude`, `longitude` | WGS 84 |
 * | `distance_km` | from the "near me" point, when set |
 * | `telephone`, `courriel`, `site_web` | contacts |
 * | `horaires` | OSM opening_hours string |
 * | `mis_a_jour` | `updatedAt` |
 * | `sources` | provenance names, ` | `-separated |
 * | `fiche` | the record's canonical page, else its first source page |
 *
 * Text cells are always quoted, and `'` is put before every `=`, `+`, `-`, `@`, tab or CR that starts
 * the cell or follows a `,`, `;`, tab or line break inside it: no formula whatever separator the
 * spreadsheet uses (`;` in French locales) and even if it ignores the quotes.
 * GeoJSON: a FeatureCollection of the structures with coordinates, properties as in the CSV.
 */
import { csvCell, type FeedStore } from '@essaim/sdk';
import type { Lang } from '../internal/localize.ts';
import type { SearchHit } from './types.ts';

export const CSV_COLUMNS = [
  'id',
  'nom',
  'famille',
  'statuts',
  'thematiques',
  'publics',
  'adresse',
  'code_postal',
  'commune',
  'code_commune',
  'departement',
  'latitude',
  'longitude',
  'distance_km',
  'telephone',
  'courriel',
  'site_web',
  'horaires',
  'mis_a_jour',
  'sources',
  'fiche',
] as const;
type Row = Record<(typeof CSV_COLUMNS)[number], string | number | undefined>;

function row(hit: SearchHit, store: FeedStore, lang: Lang): Row {
  const s = hit.record;
  const label = (id: string) => store.concept(id)?.label[lang] ?? id;
  const a = s.address;
  return {
    id: s.id,
    nom: s.name,
    famille: store.concept(`families:${s.family}`)?.label[lang] ?? s.family,
    statuts: (s.legalForms ?? []).map((f) => store.concept(`legal-forms:${f}`)?.label[lang] ?? f).join(' | '),
    thematiques: (s.themes ?? []).map(label).join(' | '),
    publics: (s.publics ?? []).map(label).join(' | '),
    adresse: [a?.street, a?.complement].filter(Boolean).join(', '),
    code_postal: a?.postcode,
    commune: a?.commune,
    code_commune: a?.cog?.commune,
    departement: a?.cog?.departement,
    latitude: s.geo?.lat,
    longitude: s.geo?.lon,
    distance_km: hit.distanceKm === undefined ? undefined : Math.round(hit.distanceKm * 100) / 100,
    telephone: s.contacts?.phone ?? s.contacts?.phones?.[0],
    courriel: s.contacts?.email,
    site_web: s.contacts?.website,
    horaires: s.openingHours,
    mis_a_jour: s.updatedAt,
    sources: s.provenance.map((p) => p.name ?? p.source).join(' | '),
    fiche: s.url ?? s.provenance[0]?.url,
  };
}

export function toCsv(hits: readonly SearchHit[], store: FeedStore, lang: Lang): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const h of hits) {
    const r = row(h, store, lang);
    lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function toGeoJson(hits: readonly SearchHit[], store: FeedStore, lang: Lang): string {
  const features = hits
    .filter((h) => h.record.geo)
    .map((h) => {
      const { latitude, longitude, ...properties } = row(h, store, lang);
      return {
        type: 'Feature' as const,
        id: h.record.id,
        geometry: { type: 'Point' as const, coordinates: [longitude, latitude] },
        properties: Object.fromEntries(
          Object.entries(properties).filter(([, v]) => v !== undefined && v !== ''),
        ),
      };
    });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** Offers `blob` as a download named `filename` (the anchor is never attached to the page). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Builds the file of every match of the current query and offers it as a download. */
export function exportResults(kind: 'csv' | 'geojson', store: FeedStore, lang: Lang): void {
  const hits = store.matchHits();
  const date = new Date().toISOString().slice(0, 10);
  if (kind === 'csv')
    download(new Blob([toCsv(hits, store, lang)], { type: 'text/csv;charset=utf-8' }), `ess-${date}.csv`);
  else
    download(
      new Blob([toGeoJson(hits, store, lang)], { type: 'application/geo+json' }),
      `ess-${date}.geojson`,
    );
}
