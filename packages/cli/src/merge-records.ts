/**
 * Merging the records of one cluster of duplicates (merge.ts) into one structure: every value kept once,
 * the most complete or the first of each field, the latest update date; and the merge key of a record.
 */
import type { Structure } from '@essaim/sdk';
import type { MergeKey } from './merge.ts';
import { identifierConflict, normalizeName } from './merge-names.ts';

type Contacts = NonNullable<Structure['contacts']>;
type Accessibility = NonNullable<Structure['accessibility']>;

/** Number of defined leaf values in an object (how complete it is). */
function richness(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + richness(v), 0);
  if (typeof value === 'object') {
    let n = 0;
    for (const v of Object.values(value)) n += richness(v);
    return n;
  }
  return 1;
}

function union<T>(lists: Array<T[] | undefined>): T[] | undefined {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const v of list ?? []) {
      const key = typeof v === 'string' ? v : JSON.stringify(v);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(v);
    }
  }
  return out.length ? out : undefined;
}

function first<T>(values: Array<T | undefined>): T | undefined {
  for (const v of values) if (v !== undefined && v !== null && v !== '') return v;
  return undefined;
}

function longest(values: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const v of values) if (v?.trim() && (!best || v.trim().length > best.trim().length)) best = v;
  return best;
}

const time = (d: string | undefined) => (d ? Date.parse(d.length === 10 ? `${d}T00:00:00Z` : d) : Number.NaN);

function latest(values: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const v of values) if (v && (!best || time(v) > time(best))) best = v;
  return best;
}

function earliest(values: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const v of values) if (v && (!best || time(v) < time(best))) best = v;
  return best;
}

function mergeContacts(list: Array<Contacts | undefined>): Contacts | undefined {
  const phone = first(list.map((c) => c?.phone));
  const phones = union([
    ...list.map((c) => c?.phones),
    list.map((c) => c?.phone).filter((p): p is string => Boolean(p) && p !== phone),
  ])?.filter((p) => p !== phone);
  const out: Contacts = {
    phone,
    phones: phones?.length ? phones : undefined,
    email: first(list.map((c) => c?.email)),
    website: first(list.map((c) => c?.website)),
    socials: union(list.map((c) => c?.socials)),
  };
  return compact(out);
}

function mergeAccessibility(list: Array<Accessibility | undefined>): Accessibility | undefined {
  const out: Record<string, unknown> = {};
  for (const a of list) {
    for (const [k, v] of Object.entries(a ?? {})) if (out[k] === undefined && v !== undefined) out[k] = v;
  }
  return compact(out as Accessibility);
}

function compact<T extends object>(o: T): T | undefined {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

/**
 * Merges the records of one cluster into one. `records` are in priority order: the first is the record
 * that keeps its id (the build puts first the record of the source listed first in the config, then the
 * smallest id, so ids stay stable when a richer source is added later). The rule, field by field:
 *
 * - `id`, `name`, `family` (unless "autre"), `url`, contact `phone`/`email`/`website`: the first defined
 *   value in priority order; the other names go to `alternateNames`, the other phone numbers to
 *   `contacts.phones`;
 * - `siret`/`siren`/`rna`: the one value the cluster has (records whose numbers differ are never
 *   merged, and this function throws if asked to), so no identifier is lost;
 * - `description`, `openingHours`, `openingHoursText`: the longest (the most detailed);
 * - `address`: the most complete address (most fields filled), whole, so street, postcode and codes stay
 *   consistent; `geo`: the point of the record that gave the address, else the first point;
 * - lists (`themes`, `publics`, `legalForms`, `networks`, `keywords`, `images`, `alternateNames`,
 *   `contacts.phones`/`socials`): the union, in order of first appearance;
 * - `accessibility`: field by field, the first defined value;
 * - `provenance`: every source of every record (no duplicate source + local id);
 * - `createdAt`: the earliest; `updatedAt`: the latest.
 */
export function mergeStructures(records: readonly Structure[]): Structure {
  const [kept] = records;
  if (!kept) throw new Error('mergeStructures: no record');
  if (records.length === 1) return kept;
  for (const r of records.slice(1)) {
    const conflict = records.map((x) => identifierConflict(x, r)).find(Boolean);
    if (conflict) {
      throw new Error(
        `mergeStructures: ${r.id} has another ${conflict.identifier} (${conflict.values.join(' ≠ ')}): two organisations`,
      );
    }
  }
  const names = union(records.map((r) => [r.name, ...(r.alternateNames ?? [])]))!;
  const name = kept.name;
  let addressFrom: Structure | undefined;
  for (const r of records) if (richness(r.address) > richness(addressFrom?.address)) addressFrom = r;
  const family = first(records.map((r) => (r.family === 'autre' ? undefined : r.family))) ?? kept.family;
  const provenance: Structure['provenance'] = [];
  const seen = new Set<string>();
  for (const p of records.flatMap((r) => r.provenance)) {
    const key = `${p.source}\u0000${p.localId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    provenance.push(p);
  }
  const merged: Structure = {
    id: kept.id,
    name,
    alternateNames: names.filter((n) => n !== name).length ? names.filter((n) => n !== name) : undefined,
    description: longest(records.map((r) => r.description)),
    family,
    legalForms: union(records.map((r) => r.legalForms)),
    siret: first(records.map((r) => r.siret)),
    siren: first(records.map((r) => r.siren)),
    rna: first(records.map((r) => r.rna)),
    themes: union(records.map((r) => r.themes)),
    publics: union(records.map((r) => r.publics)),
    networks: union(records.map((r) => r.networks)),
    keywords: union(records.map((r) => r.keywords)),
    address: addressFrom?.address,
    geo: addressFrom?.geo ?? first(records.map((r) => r.geo)),
    contacts: mergeContacts(records.map((r) => r.contacts)),
    openingHours: longest(records.map((r) => r.openingHours)),
    openingHoursText: longest(records.map((r) => r.openingHoursText)),
    accessibility: mergeAccessibility(records.map((r) => r.accessibility)),
    images: union(records.map((r) => r.images)),
    provenance,
    createdAt: earliest(records.map((r) => r.createdAt)),
    updatedAt: latest(records.map((r) => r.updatedAt)) ?? kept.updatedAt,
    url: first(records.map((r) => r.url)),
  };
  return compact(merged)!;
}

/** The merge key of a structure. */
export function mergeKeyOf(s: Structure): MergeKey {
  return {
    id: s.id,
    name: normalizeName(s.name),
    siret: s.siret,
    siren: s.siren,
    rna: s.rna,
    lat: s.geo?.lat,
    lon: s.geo?.lon,
    number: houseNumber(s.address?.street),
    phone: s.contacts?.phone?.replace(/\D+/g, '') || undefined,
    email: s.contacts?.email?.trim().toLowerCase() || undefined,
  };
}

/** The house number at the start of a street address: "78 rue …" → "78", "127 bis rue …" → "127bis". */
export function houseNumber(street: string | undefined): string | undefined {
  const m = street?.trim().match(/^(\d+)\s*(bis|ter|quater|[a-d](?![a-z]))?/i);
  return m ? `${m[1]}${(m[2] ?? '').toLowerCase()}` : undefined;
}
