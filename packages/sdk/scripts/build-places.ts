/**
 * Builds packages/sdk/src/places/data/places-data.ts, the compact data module behind `@essaim/sdk/places`.
 *
 *   pnpm places:build                    (from the repository root)
 *   PLACES_STATS=1 pnpm places:build     also prints the gzip size of every column
 *   PLACES_COORD_SCALE=10000 pnpm …      coordinates at 1e-4° (~11 m) instead of the default 1e-3° (~110 m, ample for a commune centre; ~36 KB less gzip)
 *
 * Inputs (nothing is downloaded):
 * - the official COG list in @etalab/decoupage-administratif (dev dependency of packages/sdk):
 *   communes.json (current communes, municipal arrondissements, delegated/associated former communes),
 *   epci.json, ept.json, departements.json, regions.json;
 * - data/sources/communes/laposte_hexasmal.csv (La Poste, Licence Ouverte 2.0, ~2020): commune centre
 *   coordinates, "Ligne 5" localities, names of communes absorbed since.
 *
 * Output layout (decoded by src/places/decode.ts; integers are varints from src/places/codec.ts):
 * - places are the current communes plus the municipal arrondissements of Paris, Lyon and Marseille, sorted
 *   by INSEE code; département tables give how many places each département holds, so the code of a place
 *   is its département prefix + a delta-coded suffix;
 * - postcodes are indexes into a per-département table of postcodes;
 * - the EPCI of a place is predicted from the EPCIs already seen with the same postcode;
 * - coordinates are integers at 1e-4°, predicted from the mean of the places already seen with the same
 *   postcode (and EPCI), so only a small residual is stored;
 * - aliases (former communes, La Poste localities) and former INSEE codes point to current places.
 * Before writing, the output is decoded with the runtime decoder and compared with the sources.
 * Same inputs → byte-identical output (no dates, no locale-dependent sorting).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  CoordPredictor,
  EpciPredictor,
  encodeInt,
  encodeUint,
  NAME_PREFIX,
  RecencyList,
} from '../src/places/codec.ts';
import { decodePlaces, type PlacesData } from '../src/places/decode.ts';
import { placeKey, placeKeySlow } from '../src/places/keys.ts';

const SDK = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(SDK, '../..');
const COG_DIR = join(SDK, 'node_modules/@etalab/decoupage-administratif/data');
const LAPOSTE_CSV = join(ROOT, 'data/sources/communes/laposte_hexasmal.csv');
const OUT = join(SDK, 'src/places/data/places-data.ts');
/** Coordinates are stored as integers in units of 1/COORD_SCALE degree (1e-4° ≈ 11 m). */
const COORD_SCALE = Number(process.env.PLACES_COORD_SCALE ?? 1_000);
const STATS = process.env.PLACES_STATS === '1';

// ---------------------------------------------------------------------------------------------- inputs

interface CogCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'arrondissement-municipal' | 'commune-deleguee' | 'commune-associee';
  departement: string;
  region: string;
  zone: string;
  codesPostaux?: string[];
  population?: number;
  anciensCodes?: string[];
  chefLieu?: string;
  commune?: string;
}
interface CogArea {
  code: string;
  nom: string;
  region?: string;
}
interface CogEpci {
  code: string;
  nom: string;
  type: string;
  membres: { code: string }[];
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(COG_DIR, file), 'utf8')) as T;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const cogVersion = (JSON.parse(readFileSync(join(COG_DIR, '../package.json'), 'utf8')) as { version: string })
  .version;

const allCommunes = readJson<CogCommune[]>('communes.json');
const regions = readJson<CogArea[]>('regions.json').sort((a, b) => cmp(a.code, b.code));
const departements = readJson<CogArea[]>('departements.json').sort((a, b) => cmp(a.code, b.code));
const epcis = readJson<CogEpci[]>('epci.json');
const epts = readJson<CogEpci[]>('ept.json').sort((a, b) => cmp(a.code, b.code));

const places = allCommunes
  .filter((c) => c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal')
  .sort((a, b) => cmp(a.code, b.code));
const placeIndex = new Map(places.map((p, i) => [p.code, i]));
if (placeIndex.size !== places.length) throw new Error('duplicate INSEE codes among current places');
const formerCommunes = allCommunes.filter(
  (c) => c.type === 'commune-deleguee' || c.type === 'commune-associee',
);

/** Département of an INSEE code: 3 characters overseas (97x, 98x), 2 otherwise (incl. 2A/2B). */
const deptOfCode = (code: string): string =>
  code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
/** Numeric base that postcodes of a département are stored relative to. */
const deptPostcodeBase = (dept: string): number =>
  dept === '2A' || dept === '2B' ? 20_000 : dept.length === 3 ? Number(dept) * 100 : Number(dept) * 1000;

const deptIndex = new Map(departements.map((d, i) => [d.code, i]));
const regionIndex = new Map(regions.map((r, i) => [r.code, i]));
for (const p of places) {
  if (deptOfCode(p.code) !== p.departement) throw new Error(`${p.code}: département ${p.departement}`);
  if (!deptIndex.has(p.departement)) throw new Error(`${p.code}: unknown département ${p.departement}`);
  const d = departements[deptIndex.get(p.departement)!]!;
  if (d.region !== p.region) throw new Error(`${p.code}: région ${p.region} ≠ ${d.region}`);
}

// La Poste CSV: ';'-separated, CRLF, header line.
interface PosteRow {
  code: string;
  name: string;
  postcode: string;
  line5: string;
  coords?: [number, number];
}
const posteRows: PosteRow[] = readFileSync(LAPOSTE_CSV, 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((line) => {
    const f = line.split(';');
    if (f.length !== 6) throw new Error(`laposte_hexasmal.csv: bad line ${line}`);
    const [code, name, postcode, line5, , gps] = f as [string, string, string, string, string, string];
    const row: PosteRow = { code, name, postcode, line5 };
    if (gps) {
      const [lat, lon] = gps.split(',').map(Number) as [number, number];
      if (Number.isFinite(lat) && Number.isFinite(lon)) row.coords = [lat, lon];
    }
    return row;
  });
const posteCoords = new Map<string, [number, number]>();
for (const r of posteRows) if (r.coords && !posteCoords.has(r.code)) posteCoords.set(r.code, r.coords);

// ------------------------------------------------------------------------------------ derived fields

/** Former INSEE code → current place code (merged communes, delegated and associated communes). */
const formerCodes = new Map<string, string>();
let formerConflicts = 0;
let formerSkipped = 0;
const addFormer = (old: string, current: string) => {
  if (placeIndex.has(old) || old === current) return;
  // Pre-1976 Corsican codes (20xxx) have no current département: not kept.
  if (!deptIndex.has(deptOfCode(old))) {
    formerSkipped++;
    return;
  }
  const known = formerCodes.get(old);
  if (known === undefined) formerCodes.set(old, current);
  else if (known !== current) formerConflicts++;
};
for (const p of places) for (const old of p.anciensCodes ?? []) addFormer(old, p.code);
for (const f of formerCommunes) if (f.chefLieu && placeIndex.has(f.chefLieu)) addFormer(f.code, f.chefLieu);
// La Poste rows of codes that no longer exist (absorbed after ~2020) resolve through the same map.

/** Municipal arrondissements: parent commune code → its arrondissements. */
const arrondissementsOf = new Map<string, CogCommune[]>();
for (const p of places) {
  if (p.type !== 'arrondissement-municipal') continue;
  if (!p.commune || !placeIndex.has(p.commune)) throw new Error(`${p.code}: no parent commune`);
  const list = arrondissementsOf.get(p.commune) ?? [];
  list.push(p);
  arrondissementsOf.set(p.commune, list);
}

// EPCI (SIREN) of each commune; arrondissements belong to their parent's EPCI. Same for EPT (Grand Paris).
const epciOfCommune = new Map<string, CogEpci>();
for (const e of epcis) for (const m of e.membres) epciOfCommune.set(m.code, e);
const eptOfCommune = new Map<string, CogEpci>();
for (const e of epts) for (const m of e.membres) eptOfCommune.set(m.code, e);
const epciOf = (p: CogCommune) => epciOfCommune.get(p.commune ?? p.code);

// Coordinates: La Poste by INSEE code; else the mean of the former communes merged into the place (codes
// that La Poste still knew in 2020); else, for Paris, Lyon and Marseille, the mean of their arrondissements.
const coordStats = { direct: 0, fromFormer: 0, fromArrondissements: 0, missing: 0 };
const missingByZone: Record<string, string[]> = {};
const formersOf = new Map<string, string[]>();
for (const [old, current] of formerCodes) formersOf.set(current, [...(formersOf.get(current) ?? []), old]);
const mean = (pts: [number, number][]): [number, number] => [
  pts.reduce((s, p) => s + p[0], 0) / pts.length,
  pts.reduce((s, p) => s + p[1], 0) / pts.length,
];
const coordsOf = new Map<string, [number, number]>();
for (const p of places) {
  const direct = posteCoords.get(p.code);
  if (direct) {
    coordsOf.set(p.code, direct);
    coordStats.direct++;
    continue;
  }
  const former = [
    ...new Set([
      ...(formersOf.get(p.code) ?? []),
      ...formerCommunes.filter((f) => f.chefLieu === p.code).map((f) => f.code),
    ]),
  ]
    .sort(cmp)
    .map((c) => posteCoords.get(c))
    .filter((c): c is [number, number] => c !== undefined);
  if (former.length > 0) {
    coordsOf.set(p.code, mean(former));
    coordStats.fromFormer++;
    continue;
  }
  const arr = (arrondissementsOf.get(p.code) ?? [])
    .map((a) => posteCoords.get(a.code))
    .filter((c): c is [number, number] => c !== undefined);
  if (arr.length > 0) {
    coordsOf.set(p.code, mean(arr));
    coordStats.fromArrondissements++;
    continue;
  }
  coordStats.missing++;
  (missingByZone[p.zone] ??= []).push(p.code);
}

// Aliases: names of former communes (COG, proper case) and La Poste "Ligne 5" localities / names of codes
// absorbed since 2020 (upper case without accents, prettified for display).
interface Alias {
  place: number;
  kind: 0 | 1; // 0 = former commune (COG), 1 = locality (La Poste)
  name: string;
  key: string;
  postcode?: string;
}
const PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'sur', 'sous', 'en', 'et', 'aux', 'au']);
/** "L HOPITAL SOUS ROCHEFORT" → "L'Hopital sous Rochefort", "ST JUST SUR LOIRE" → "Saint Just sur Loire". */
function prettifyPoste(name: string): string {
  const words = name
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (w === 'st' ? 'saint' : w === 'ste' ? 'sainte' : w));
  let out = '';
  words.forEach((w, i) => {
    const cased = i > 0 && PARTICLES.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1);
    const elided = (w === 'l' || w === 'd') && i < words.length - 1;
    if (out !== '' && !out.endsWith("'")) out += ' ';
    out += elided ? `${i === 0 ? cased : w}'` : cased;
  });
  return out;
}
const aliases: Alias[] = [];
const aliasKeys = new Set<string>();
const placeKeys = places.map((p) => placeKey(p.nom));
function addAlias(placeCode: string, kind: 0 | 1, name: string, postcode?: string): void {
  const place = placeIndex.get(placeCode);
  if (place === undefined) return;
  const key = placeKey(name);
  if (key === '' || key === placeKeys[place] || aliasKeys.has(`${place}|${key}`)) return;
  aliasKeys.add(`${place}|${key}`);
  const postcodes = places[place]!.codesPostaux ?? [];
  aliases.push({
    place,
    kind,
    name,
    key,
    postcode: postcode && postcodes.includes(postcode) ? postcode : undefined,
  });
}
/** Postcode La Poste gives a former commune: its own old rows, or the "Ligne 5" row of the new commune. */
const posteRowsByCode = new Map<string, PosteRow[]>();
for (const r of posteRows) posteRowsByCode.set(r.code, [...(posteRowsByCode.get(r.code) ?? []), r]);
const postePostcodeOf = (code: string, chefLieu: string, key: string): string | undefined =>
  posteRowsByCode.get(code)?.find((r) => r.line5 === '')?.postcode ??
  posteRowsByCode.get(chefLieu)?.find((r) => r.line5 !== '' && placeKey(r.line5) === key)?.postcode;
for (const f of [...formerCommunes].sort((a, b) => cmp(a.code, b.code) || cmp(a.nom, b.nom))) {
  if (!f.chefLieu) continue;
  addAlias(f.chefLieu, 0, f.nom, postePostcodeOf(f.code, f.chefLieu, placeKey(f.nom)));
}
for (const r of posteRows) {
  const current = placeIndex.has(r.code) ? r.code : formerCodes.get(r.code);
  if (!current) continue;
  if (current !== r.code) addAlias(current, 1, prettifyPoste(r.name), r.postcode);
  if (r.line5 && placeKey(r.line5) !== placeKey(r.name))
    addAlias(current, 1, prettifyPoste(r.line5), r.postcode);
}
aliases.sort((a, b) => a.place - b.place || a.kind - b.kind || cmp(a.key, b.key) || cmp(a.name, b.name));

// ---------------------------------------------------------------------------------------------- encode

const columns: Record<string, string> = {};

// Names, front-coded against the previous name (INSEE codes follow the alphabet inside a département):
// each name starts with one NAME_PREFIX symbol telling how many leading characters it shares with the
// previous one, followed by the rest of the name.
{
  let out = '';
  let prev = '';
  for (const p of places) {
    for (const ch of NAME_PREFIX) if (p.nom.includes(ch)) throw new Error(`${p.code}: '${ch}' in name`);
    let shared = 0;
    const max = Math.min(p.nom.length, prev.length, NAME_PREFIX.length - 1);
    while (shared < max && p.nom[shared] === prev[shared]) shared++;
    out += NAME_PREFIX[shared] + p.nom.slice(shared);
    prev = p.nom;
  }
  columns.NAMES = out;
}

// Départements: "code;regionIndex;placeCount;name", and code suffixes as deltas inside each département.
const countByDept = new Map<string, number>();
for (const p of places) countByDept.set(p.departement, (countByDept.get(p.departement) ?? 0) + 1);
columns.REGIONS = regions.map((r) => `${r.code};${r.nom}`).join('|');
columns.DEPARTEMENTS = departements
  .map((d) => `${d.code};${regionIndex.get(d.region!)};${countByDept.get(d.code) ?? 0};${d.nom}`)
  .join('|');
{
  let out = '';
  let dept = '';
  let prev = -1;
  for (const p of places) {
    if (p.departement !== dept) [dept, prev] = [p.departement, -1];
    const suffix = Number(p.code.slice(dept === '2A' || dept === '2B' ? 2 : dept.length));
    out += encodeUint(suffix - prev - 1);
    prev = suffix;
  }
  columns.CODES = out;
}

// Postcodes: per-département sorted table, then per place a count and table indexes.
const postcodesOf = places.map((p) => [...new Set(p.codesPostaux ?? [])].sort(cmp));
{
  const tables = new Map<string, number[]>();
  for (const d of departements) tables.set(d.code, []);
  places.forEach((p, i) => {
    const t = tables.get(p.departement)!;
    for (const pc of postcodesOf[i]!) if (!t.includes(Number(pc))) t.push(Number(pc));
  });
  let table = '';
  for (const d of departements) {
    const t = tables.get(d.code)!.sort((a, b) => a - b);
    table += encodeUint(t.length);
    let prev = deptPostcodeBase(d.code);
    t.forEach((pc, i) => {
      table += i === 0 ? encodeInt(pc - prev) : encodeUint(pc - prev);
      prev = pc;
    });
  }
  columns.POSTCODE_TABLE = table;
  let counts = '';
  let indexes = '';
  places.forEach((p, i) => {
    const t = tables.get(p.departement)!;
    counts += encodeUint(postcodesOf[i]!.length);
    for (const pc of postcodesOf[i]!) indexes += encodeUint(t.indexOf(Number(pc)));
  });
  columns.POSTCODE_COUNTS = counts;
  columns.POSTCODE_INDEXES = indexes;
}

// EPCI: table in order of first appearance; per place the rank (1…) of its EPCI among the candidates of
// EpciPredictor (EPCIs already seen with its postcodes), or 0 then: 0 = next new EPCI, 1 = none,
// 2… = position in a move-to-front list of the EPCIs seen so far.
const postcodeNumbers = postcodesOf.map((pcs) => pcs.map(Number));
const epciOrder: CogEpci[] = [];
const epciValue = new Map<string, number>(); // SIREN → index in epciOrder
const placeEpci: number[] = []; // -1 = none
{
  let out = '';
  const predictor = new EpciPredictor();
  const recent = new RecencyList();
  places.forEach((p, i) => {
    const e = epciOf(p);
    const pcs = postcodeNumbers[i]!;
    const n = pcs.length;
    let value: number;
    if (e && !epciValue.has(e.code)) {
      value = epciOrder.length;
      epciValue.set(e.code, value);
      epciOrder.push(e);
      out += encodeUint(0) + encodeUint(0);
    } else {
      value = e ? epciValue.get(e.code)! : -1;
      const rank = predictor.rank(pcs, 0, n, value);
      if (rank >= 0) out += encodeUint(rank + 1);
      else out += encodeUint(0) + encodeUint(value === -1 ? 1 : recent.position(value) + 2);
    }
    recent.touch(value);
    placeEpci.push(value);
    predictor.add(pcs, 0, n, value);
  });
  columns.EPCI_REFS = out;
  for (const e of epciOrder) {
    if (e.nom.includes('|') || e.nom.includes(';')) throw new Error(`EPCI ${e.code}: separator in name`);
  }
  columns.EPCI = epciOrder.map((e) => `${e.code};${e.type};${e.nom}`).join('|');
}

// EPT (établissements publics territoriaux of the Métropole du Grand Paris): "siren;name;code,code…".
columns.EPT = epts
  .map((e) => {
    const members = e.membres
      .map((m) => m.code)
      .filter((c) => placeIndex.has(c))
      .sort(cmp);
    return `${e.code};${e.nom};${members.join(',')}`;
  })
  .join('|');

// Municipal arrondissements: "parent;first;last" (contiguous INSEE codes).
columns.ARRONDISSEMENTS = [...arrondissementsOf]
  .sort((a, b) => cmp(a[0], b[0]))
  .map(([parent, list]) => {
    const codes = list.map((a) => a.code).sort(cmp);
    const first = placeIndex.get(codes[0]!)!;
    const last = placeIndex.get(codes[codes.length - 1]!)!;
    if (last - first + 1 !== codes.length) throw new Error(`${parent}: arrondissements not contiguous`);
    return `${parent};${codes[0]};${codes[codes.length - 1]}`;
  })
  .join('|');

// Coordinates: the indexes of places without coordinates, then (lat, lon) residuals in 1/COORD_SCALE
// degree against CoordPredictor (mean of the places already seen with the same first postcode and EPCI…).
{
  let missing = encodeUint(coordStats.missing);
  let prevMissing = -1;
  let out = '';
  const predictor = new CoordPredictor();
  places.forEach((p, i) => {
    const c = coordsOf.get(p.code);
    if (!c) {
      missing += encodeUint(i - prevMissing - 1);
      prevMissing = i;
      return;
    }
    const lat = Math.round(c[0] * COORD_SCALE);
    const lon = Math.round(c[1] * COORD_SCALE);
    const pc = postcodeNumbers[i]![0] ?? 0;
    predictor.predict(pc, placeEpci[i]!);
    out += encodeInt(lat - predictor.lat) + encodeInt(lon - predictor.lon);
    predictor.add(pc, placeEpci[i]!, lat, lon);
  });
  columns.MISSING_COORDS = missing;
  columns.COORDS = out;
}

// Population (+1; 0 = unknown).
columns.POPULATION = places
  .map((p) => encodeUint(p.population === undefined ? 0 : p.population + 1))
  .join('');

// Aliases: names '|'-separated; refs = place delta, then kind + 2 × (postcode index + 1 | 0).
{
  let refs = '';
  let prev = 0;
  for (const a of aliases) {
    const pcIndex = a.postcode ? postcodesOf[a.place]!.indexOf(a.postcode) + 1 : 0;
    refs += encodeUint(a.place - prev) + encodeUint(a.kind + 2 * pcIndex);
    prev = a.place;
    if (a.name.includes('|')) throw new Error(`alias ${a.name}: '|'`);
  }
  columns.ALIAS_NAMES = aliases.map((a) => a.name).join('|');
  columns.ALIAS_REFS = refs;
}

// Former codes: sorted; code as (département index delta, suffix delta), target as place-index delta
// against the insertion point of the former code among current codes.
{
  const olds = [...formerCodes.keys()].sort(cmp);
  let out = encodeUint(olds.length);
  let prevDept = 0;
  let prevSuffix = -1;
  for (const old of olds) {
    const dept = deptOfCode(old);
    const d = deptIndex.get(dept);
    if (d === undefined) throw new Error(`former code ${old}: unknown département`);
    const suffix = Number(old.slice(dept === '2A' || dept === '2B' ? 2 : dept.length));
    if (d !== prevDept) prevSuffix = -1;
    out += encodeUint(d - prevDept) + encodeUint(suffix - prevSuffix - 1);
    [prevDept, prevSuffix] = [d, suffix];
    let [at, hi] = [0, places.length];
    while (at < hi) {
      const mid = (at + hi) >> 1;
      if (places[mid]!.code < old) at = mid + 1;
      else hi = mid;
    }
    out += encodeInt(placeIndex.get(formerCodes.get(old)!)! - at);
  }
  columns.FORMER_CODES = out;
}

// Separators used by the text tables must not occur in the names they hold.
for (const [k, v] of Object.entries({
  REGIONS: regions.map((r) => r.nom),
  DEPARTEMENTS: departements.map((d) => d.nom),
  EPT: epts.map((e) => e.nom),
})) {
  for (const name of v) if (/[|;,]/.test(name)) throw new Error(`${k}: separator in ${name}`);
}

// ---------------------------------------------------------------------------------------------- verify

// Decode what was just encoded with the runtime decoder and compare with the sources.
{
  const t = decodePlaces({ COORD_SCALE, ...columns } as unknown as PlacesData);
  const fail = (what: string) => {
    throw new Error(`round trip: ${what}`);
  };
  if (t.count !== places.length) fail('count');
  places.forEach((p, i) => {
    if (t.codes[i] !== p.code || t.names[i] !== p.nom) fail(`${p.code} code/name`);
    if (t.departements[t.dept[i]!]!.code !== p.departement) fail(`${p.code} département`);
    if (t.regions[t.departements[t.dept[i]!]!.region]!.code !== p.region) fail(`${p.code} région`);
    const pcs = [...t.postcodes.slice(t.postcodeStart[i]!, t.postcodeStart[i + 1]!)].map((n) =>
      String(n).padStart(5, '0'),
    );
    if (pcs.join() !== postcodesOf[i]!.join()) fail(`${p.code} postcodes ${pcs} ≠ ${postcodesOf[i]}`);
    const e = epciOf(p);
    if ((t.epci[i]! < 0 ? undefined : t.epcis[t.epci[i]!]!.code) !== e?.code) fail(`${p.code} EPCI`);
    const ept = eptOfCommune.get(p.code)?.code;
    if ((t.ept[i]! < 0 ? undefined : t.epts[t.ept[i]!]!.code) !== ept) fail(`${p.code} EPT`);
    const c = coordsOf.get(p.code);
    if (!!c !== !!t.hasCoords[i]) fail(`${p.code} has coordinates`);
    if (c && (Math.round(c[0] * COORD_SCALE) !== t.lat[i] || Math.round(c[1] * COORD_SCALE) !== t.lon[i])) {
      fail(`${p.code} coordinates`);
    }
    if (t.population[i] !== (p.population ?? -1)) fail(`${p.code} population`);
    if ((t.parent[i]! < 0 ? undefined : t.codes[t.parent[i]!]) !== p.commune) fail(`${p.code} parent`);
  });
  aliases.forEach((a, k) => {
    if (t.aliasNames[k] !== a.name || t.aliasPlace[k] !== a.place || t.aliasKind[k] !== a.kind)
      fail(`alias ${a.name}`);
    if (t.aliasPostcode[k] !== (a.postcode ? Number(a.postcode) : 0)) fail(`alias ${a.name} postcode`);
  });
  if (t.formerCodes.size !== formerCodes.size) fail('former codes count');
  // The fast (per-character) key must equal the whole-string normalisation for every indexed name.
  for (const name of [...t.names, ...t.aliasNames]) {
    if (placeKey(name) !== placeKeySlow(name)) fail(`placeKey(${name})`);
  }
  for (const [old, current] of formerCodes)
    if (t.codes[t.formerCodes.get(old)!] !== current) fail(`former ${old}`);
}

// ---------------------------------------------------------------------------------------------- write

const gz = (s: string) => gzipSync(Buffer.from(s), { level: 9 }).length;
if (STATS) {
  for (const [k, v] of Object.entries(columns)) {
    console.log(
      `${k.padEnd(18)} raw ${String(Buffer.byteLength(v)).padStart(8)}  gzip ${String(gz(v)).padStart(7)}`,
    );
  }
}

const counts = {
  places: places.length,
  communes: places.length - [...arrondissementsOf.values()].reduce((n, l) => n + l.length, 0),
  arrondissements: [...arrondissementsOf.values()].reduce((n, l) => n + l.length, 0),
  epci: epciOrder.length,
  aliases: aliases.length,
  formerCodes: formerCodes.size,
};
const missingList = Object.entries(missingByZone)
  .sort((a, b) => cmp(a[0], b[0]))
  .map(([zone, codes]) => `${zone} ${codes.length}`)
  .join(', ');

function render(rawSize: string, gzipSize: string): string {
  const header = [
    '// GENERATED by packages/sdk/scripts/build-places.ts (`pnpm places:build`): do not edit by hand.',
    '//',
    '// French communes and municipal arrondissements, decoded by ../decode.ts (format: see the build script).',
    `// Sources: INSEE COG via @etalab/decoupage-administratif ${cogVersion} (Licence Ouverte 2.0 / MIT);`,
    '//          La Poste "Base officielle des codes postaux" ~2020, data/sources/communes (Licence Ouverte 2.0).',
    `// ${counts.communes} communes + ${counts.arrondissements} arrondissements, ${counts.epci} EPCI, ${counts.aliases} alias names, ${counts.formerCodes} former codes.`,
    `// Coordinates (1e-${Math.log10(COORD_SCALE)}°): ${coordStats.direct} from La Poste, ${coordStats.fromFormer} from former communes,`,
    `//   ${coordStats.fromArrondissements} from arrondissements, ${coordStats.missing} missing (${missingList}).`,
    `// Size of this file: ${rawSize} bytes raw, ${gzipSize} bytes gzip -9 (zlib).`,
    '',
    `export const COORD_SCALE = ${COORD_SCALE};`,
  ];
  for (const [k, v] of Object.entries(columns)) header.push(`export const ${k} = ${JSON.stringify(v)};`);
  return `${header.join('\n')}\n`;
}

// The header states the file's own size: iterate until the numbers are stable (fixed-width fields).
let text = render('0'.padStart(7), '0'.padStart(7));
for (let i = 0; i < 10; i++) {
  const next = render(String(Buffer.byteLength(text)).padStart(7), String(gz(text)).padStart(7));
  if (next === text) break;
  text = next;
}
if (
  !text.includes(
    `${String(Buffer.byteLength(text)).padStart(7)} bytes raw, ${String(gz(text)).padStart(7)} bytes gzip`,
  )
) {
  throw new Error('the size stated in the header did not converge');
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, text);

const rel = relative(ROOT, OUT);
console.log(`wrote ${rel}: ${Buffer.byteLength(text)} bytes, gzip -9 ${gz(text)} bytes`);
console.log(
  `places ${counts.places} (${counts.communes} communes, ${counts.arrondissements} arrondissements), ` +
    `EPCI ${counts.epci}, aliases ${counts.aliases}, former codes ${counts.formerCodes} (${formerConflicts} conflicts, ${formerSkipped} pre-1976 Corsican skipped)`,
);
console.log(
  `coordinates: ${coordStats.direct} La Poste, ${coordStats.fromFormer} from former communes, ` +
    `${coordStats.fromArrondissements} from arrondissements, ${coordStats.missing} missing (${missingList})`,
);
if (STATS) console.log('missing:', JSON.stringify(missingByZone));
