/**
 * The Orama peer of `pnpm bench national`: the same structures in an Orama database (`@orama/orama`),
 * persisted at build time with `@orama/plugin-data-persistence` (JSON format, served gzipped), restored
 * whole in the browser, then queried with the session's queries mapped as closely as Orama allows.
 *
 * What the mapping cannot make identical, and so why Orama's totals are printed but never called exact:
 * Orama's typo tolerance (`tolerance: 1`, a Levenshtein distance: a transposition of two letters counts
 * 2, so it does not match) applies to every word length and its prefix matching to every word; its facet counts are not disjunctive (a selected value's facet counts only the filtered results);
 * its radius filter does not sort by distance. Full records are stored in the documents (as the Essaim
 * index's hits carry full records), so the persisted size is comparable.
 *
 * Used in Node (building and persisting) and in the browser page (restoring and querying).
 */
import { create, insertMultiple, search, type AnyOrama } from '@orama/orama';
import type { SearchQuery } from '../../packages/sdk/src/search/types.ts';
import type { Structure } from '../../packages/sdk/src/schema/structure.ts';

export const ORAMA_SCHEMA = {
  name: 'string',
  description: 'string',
  keywords: 'string[]',
  labels: 'string[]',
  communeName: 'string',
  family: 'enum',
  legalForms: 'enum[]',
  themes: 'enum[]',
  publics: 'enum[]',
  networks: 'enum[]',
  source: 'enum[]',
  departement: 'enum',
  region: 'enum',
  epci: 'enum',
  commune: 'enum',
  geo: 'geopoint',
} as const;

const TEXT_FIELDS = ['name', 'description', 'keywords', 'labels', 'communeName'] as const;
const FACETS = [
  'family',
  'legalForms',
  'themes',
  'publics',
  'networks',
  'source',
  'region',
  'departement',
  'epci',
  'commune',
] as const;

/** The Orama document of a structure: the indexed fields, and the whole record (stored, not indexed). */
export function oramaDocument(s: Structure, labels: (id: string) => string | undefined) {
  const cog = s.address?.cog ?? {};
  return {
    id: s.id,
    name: s.name,
    description: s.description ?? '',
    keywords: s.keywords ?? [],
    labels: [...(s.themes ?? []), ...(s.publics ?? [])].map((id) => labels(id) ?? id),
    communeName: s.address?.commune ?? '',
    family: s.family ?? '',
    legalForms: s.legalForms ?? [],
    themes: s.themes ?? [],
    publics: s.publics ?? [],
    networks: s.networks ?? [],
    source: [...new Set(s.provenance.map((p) => p.source))],
    departement: cog.departement ?? '',
    region: cog.region ?? '',
    epci: cog.epci ?? '',
    commune: cog.commune ?? '',
    ...(s.geo ? { geo: { lat: s.geo.lat, lon: s.geo.lon } } : {}),
    record: s,
  };
}

export async function createOramaDatabase(
  structures: readonly Structure[],
  labels: (id: string) => string | undefined,
): Promise<AnyOrama> {
  const db = create({ schema: ORAMA_SCHEMA });
  await insertMultiple(
    db,
    structures.map((s) => oramaDocument(s, labels)),
    5000,
  );
  return db;
}

/** An Essaim query as an Orama search (see the module's comment for what differs). */
export function oramaParams(query: SearchQuery): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(query.facets ?? {})) {
    if (!values || values.length === 0) continue;
    const scalar = (ORAMA_SCHEMA as Record<string, string>)[name] === 'enum';
    where[name] = scalar ? { in: values } : { containsAny: values };
  }
  if (query.territory?.departements) where.departement = { in: query.territory.departements };
  if (query.near?.radiusKm !== undefined)
    where.geo = {
      radius: {
        coordinates: { lat: query.near.lat, lon: query.near.lon },
        value: query.near.radiusKm,
        unit: 'km',
        inside: true,
      },
    };
  const pageSize = query.pageSize ?? 20;
  return {
    ...(query.text ? { term: query.text, properties: [...TEXT_FIELDS], tolerance: 1 } : {}),
    ...(Object.keys(where).length > 0 ? { where } : {}),
    facets: Object.fromEntries(FACETS.map((f) => [f, { limit: query.maxFacetValues ?? 100 }])),
    limit: pageSize,
    offset: ((query.page ?? 1) - 1) * pageSize,
  };
}

/** Runs a query; returns what the benchmark prints (Orama's count and the first hit ids). */
export async function oramaSearch(
  db: AnyOrama,
  query: SearchQuery,
): Promise<{ total: number; ids: string[]; facetValues: number }> {
  const r = await search(db, oramaParams(query) as never);
  const facetValues = Object.values(r.facets ?? {}).reduce(
    (n, f) => n + Object.keys((f as { values: object }).values).length,
    0,
  );
  return { total: r.count, ids: r.hits.map((h) => String(h.document.id)), facetValues };
}
