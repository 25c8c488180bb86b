/**
 * Test helper: the real Transiscope export (data/sources/transiscope-idf) mapped to valid `Structure`
 * records, in Node (fs) and in the browser (fetch from the test server root). A stand-in for the real
 * importer, kept deliberately small; see SOURCE.txt for the defects it copes with.
 */
import type { Structure } from '../../src/schema/structure.ts';

const DATA_DIR = new URL('../../../../data/sources/transiscope-idf/', import.meta.url);

/** A raw GoGoCarto "gogofull" element, loosely typed (the file is messy). */
export interface RawElement {
  id: string;
  name?: unknown;
  geo?: { latitude?: unknown; longitude?: unknown };
  sourceKey?: unknown;
  address?: { streetAddress?: unknown; addressLocality?: unknown; postalCode?: unknown };
  adress?: RawElement['address'];
  addressString?: unknown;
  updatedAt?: unknown;
  createdAt?: unknown;
  categories?: unknown;
  abstract?: unknown;
  descriptionMore?: unknown;
  tags?: unknown;
  showUrl?: unknown;
}

interface TaxonomyFile {
  '@graph': { '@id': number; prefLabel?: string }[];
}

/** Département → région (COG 2024), to derive `cog.region`. */
const REGION_OF_DEPARTEMENT: Readonly<Record<string, string>> = Object.fromEntries(
  (
    '01:84 02:32 03:84 04:93 05:93 06:93 07:84 08:44 09:76 10:44 11:76 12:76 13:93 14:28 15:84 16:75 17:75 ' +
    '18:24 19:75 21:27 22:53 23:75 24:75 25:27 26:84 27:28 28:24 29:53 2A:94 2B:94 30:76 31:76 32:76 33:75 ' +
    '34:76 35:53 36:24 37:24 38:84 39:27 40:75 41:24 42:84 43:84 44:52 45:24 46:76 47:75 48:76 49:52 50:28 ' +
    '51:44 52:44 53:52 54:44 55:44 56:53 57:44 58:27 59:32 60:32 61:28 62:32 63:84 64:75 65:76 66:76 67:44 ' +
    '68:44 69:84 70:27 71:27 72:52 73:84 74:84 75:11 76:28 77:11 78:11 79:75 80:32 81:76 82:76 83:93 84:93 ' +
    '85:52 86:75 87:75 88:44 89:27 90:27 91:11 92:11 93:11 94:11 95:11 971:01 972:02 973:03 974:04 976:06'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

async function readText(file: string): Promise<string> {
  const url = new URL(file, DATA_DIR);
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  if (isNode) {
    // A variable specifier, so that browser bundlers never try to resolve it.
    const specifier = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ specifier)) as typeof import('node:fs/promises');
    return fs.readFile(url, 'utf8');
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Cannot load ${url}: HTTP ${response.status}`);
  return response.text();
}

const str = (x: unknown): string | undefined => {
  if (typeof x === 'number') return String(x);
  if (typeof x !== 'string') return undefined;
  const s = x.replace(/\s+/g, ' ').trim();
  return s === '' ? undefined : s;
};

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** HTML to plain text: tags dropped (block ends as spaces), common entities decoded. */
export function stripHtml(html: string): string {
  return html
    .replace(/<(?:br|\/p|\/div|\/li)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The three date shapes of the file (29/12/2017 · 2018-09-06 10:45:41 · 08/04/2019 à 15:05) → YYYY-MM-DD. */
export function isoDate(x: unknown): string | undefined {
  if (typeof x !== 'string') return undefined;
  let m = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(x);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  m = /^(\d{4})-(\d{2})-(\d{2})/.exec(x);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

const num = (x: unknown): number =>
  typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : Number.NaN;

/** A family only when the name (or the start of the description) says it plainly. */
function familyOf(name: string, description: string | undefined): Structure['family'] {
  const text = `${name} ${description?.slice(0, 200) ?? ''}`.toLowerCase();
  if (/\b(?:scop|scic|coop[ée]rative)\b/.test(text)) return 'cooperative';
  if (/\bmutuelle\b/.test(text)) return 'mutuelle';
  if (/\bfondation\b/.test(text)) return 'fondation';
  if (/\bassociation\b/.test(text)) return 'association';
  return 'autre';
}

/** Maps one raw element; `undefined` when it cannot make a valid structure (no name). */
export function toStructure(raw: RawElement): Structure | undefined {
  const name = str(raw.name)?.slice(0, 300);
  if (!name) return undefined;
  const abstract = str(raw.abstract) ?? str(raw.descriptionMore);
  const description = abstract ? stripHtml(abstract).slice(0, 20000) || undefined : undefined;
  const s: Structure = {
    id: `transiscope--${raw.id}`,
    name,
    family: familyOf(name, description),
    provenance: [{ source: 'transiscope', name: 'Transiscope', localId: String(raw.id) }],
    updatedAt: isoDate(raw.updatedAt) ?? isoDate(raw.createdAt) ?? '2019-06-11',
  };
  if (description) s.description = description;
  const upstream = str(raw.sourceKey);
  if (upstream) {
    const slug = upstream.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
    const url = str(raw.showUrl);
    s.provenance.push({
      source: slug,
      name: upstream,
      localId: String(raw.id),
      ...(url && /^https?:\/\/\S+$/.test(url) ? { url } : {}),
    });
  }
  if (Array.isArray(raw.categories) && raw.categories.length > 0) {
    s.themes = [...new Set(raw.categories.map((c) => `transiscope:${c}`))];
  }
  if (Array.isArray(raw.tags)) {
    const keywords = [...new Set(raw.tags.map(str).filter((t): t is string => t !== undefined))];
    if (keywords.length > 0) s.keywords = keywords;
  }
  const lat = num(raw.geo?.latitude);
  const lon = num(raw.geo?.longitude);
  if (
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180 &&
    (lat || lon)
  ) {
    s.geo = { lat, lon };
  }
  const a = raw.address ?? raw.adress;
  const street = str(a?.streetAddress);
  const commune = str(a?.addressLocality);
  const pc = str(a?.postalCode);
  const postcode =
    (pc && /^\d{5}$/.test(pc) ? pc : undefined) ??
    /\b(\d{5})\b/.exec(`${street ?? ''} ${str(raw.addressString) ?? ''}`)?.[1];
  if (street || commune || postcode) {
    s.address = {};
    if (street) s.address.street = street.slice(0, 500);
    if (commune) s.address.commune = commune.slice(0, 200);
    if (postcode) {
      s.address.postcode = postcode;
      const dep = postcode.startsWith('97') ? postcode.slice(0, 3) : postcode.slice(0, 2);
      const region = REGION_OF_DEPARTEMENT[dep];
      if (region) s.address.cog = { departement: dep, region }; // "20" (Corsica) is ambiguous: left out
    }
  }
  return s;
}

export interface RealData {
  raw: RawElement[];
  structures: Structure[];
  /** Label of a `transiscope:<id>` theme, from taxonomy-transiscope.json. */
  labels: (conceptId: string) => string | undefined;
}

let cache: Promise<RealData> | undefined;

/** Loads and maps the Transiscope file (once per process or page). */
export function loadRealStructures(): Promise<RealData> {
  cache ??= (async () => {
    const [data, taxonomy] = await Promise.all([
      readText('transiscope.json'),
      readText('taxonomy-transiscope.json'),
    ]);
    const raw = (JSON.parse(data) as { data: RawElement[] }).data;
    const structures = raw.map(toStructure).filter((s): s is Structure => s !== undefined);
    const labelMap = new Map<string, string>();
    for (const c of (JSON.parse(taxonomy) as TaxonomyFile)['@graph']) {
      if (c.prefLabel) labelMap.set(`transiscope:${c['@id']}`, c.prefLabel);
    }
    return { raw, structures, labels: (id) => labelMap.get(id) };
  })();
  return cache;
}
