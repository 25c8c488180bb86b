import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, extname } from 'node:path';
import { assembleFeed, type FeedManifest, type Structure } from '@essaim/sdk';
import { main } from '../src/cli.ts';
import { io } from './helpers/io.ts';
import { validateFeed } from '../src/build/validate-feed.ts';

const structure = (id: string, change: Partial<Structure> = {}): Structure => ({
  id,
  name: `Structure ${id}`,
  family: 'association',
  provenance: [{ source: 'test', localId: id.split('--')[1]! }],
  updatedAt: '2026-01-01',
  ...change,
});

const good = [
  structure('test--1'),
  structure('test--2', { geo: { lat: 48.85, lon: 2.35 } }),
  structure('test--3'),
];
const broken = [
  good[0],
  { ...good[1], geo: { lat: 95, lon: 2.35 } }, // impossible latitude
  good[2],
  good[0], // duplicate id
];
const services = [
  {
    id: 'test--s1',
    structureId: 'test--1',
    name: 'Accueil',
    provenance: [{ source: 'test', localId: 's1' }],
    updatedAt: '2026-01-01',
  },
  {
    id: 'test--s2',
    structureId: 'test--404',
    name: 'Orphelin',
    provenance: [{ source: 'test', localId: 's2' }],
    updatedAt: '2026-01-01',
  },
];

const lines = (records: unknown[]) => `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function manifest(parts: FeedManifest['parts']): FeedManifest {
  return {
    schemaVersion: '1.0',
    id: 'test-feed',
    title: 'Flux de test',
    publisher: { name: 'Essaim (tests)' },
    licence: { id: 'ODbL-1.0', name: 'Open Database License 1.0' },
    attribution: '© tests',
    updated: '2026-11-01',
    parts,
  };
}

const dirs: string[] = [];
function feedDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'essaim-validate-test-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('essaim validate', () => {
  it('exit code 0 and a French summary for a valid folder', async () => {
    const structures = lines(good);
    const dir = feedDir({
      'manifest.json': JSON.stringify(
        manifest({ structures: { url: 'structures.json', count: 3, sha256: sha(structures) } }),
      ),
      'structures.json': structures,
    });
    const t = io(dir);
    expect(await main(['validate', '.'], t)).to.equal(0);
    expect(t.out()).to.match(/Manifeste : valide/);
    expect(t.out()).to.match(/structures\s+3\s+3\s+0/);
    expect(t.out()).to.match(/Résultat : les 3 enregistrements sont valides\./);
  });

  it('exit code 1 and the JSON report for a folder with broken records', async () => {
    const dir = feedDir({
      'manifest.json': JSON.stringify(
        manifest({ structures: { url: 'structures.json' }, services: { url: 'services.json' } }),
      ),
      'structures.json': lines(broken),
      'services.json': lines(services),
    });
    const t = io('/');
    expect(await main(['validate', join(dir, 'manifest.json'), '--json'], t)).to.equal(1);
    const report = JSON.parse(t.out());
    expect(report.ok).to.equal(false);
    expect(report.exitCode).to.equal(1);
    expect(report.parts).to.deep.equal({
      structures: { received: 4, accepted: 2, rejected: 2 },
      services: { received: 2, accepted: 1, rejected: 1 },
    });
    expect(
      report.rejections.map((r: { part: string; index: number; id: string; file: string }) => [
        r.part,
        r.index,
        r.id,
        r.file,
      ]),
    ).to.deep.equal([
      ['structures', 1, 'test--2', 'structures.json'],
      ['structures', 3, 'test--1', 'structures.json'],
      ['services', 1, 'test--s2', 'services.json'],
    ]);
    expect(report.rejections[0].issues[0].path).to.equal('geo.lat');
    expect(report.rejections[1].issues[0].code).to.equal('duplicate_id');
    expect(report.rejections[2].issues[0].code).to.equal('unknown_structure');
  });

  it('gives the same counts as the SDK loading the same feed (assembleFeed)', async () => {
    const m = manifest({ structures: { url: 'structures.json' }, services: { url: 'services.json' } });
    const dir = feedDir({
      'manifest.json': JSON.stringify(m),
      'structures.json': lines(broken),
      'services.json': lines(services),
    });
    const ours = await validateFeed(dir);
    const sdk = assembleFeed(m, { structures: broken, services });
    expect(ours.report.parts).to.deep.equal(sdk.report.parts);
    expect(ours.report.rejections.map((r) => r.issues.map((i) => i.message))).to.deep.equal(
      sdk.report.rejections.map((r) => r.issues.map((i) => i.message)),
    );
  });

  it('groups the reasons in English with --lang en', async () => {
    const dir = feedDir({
      'manifest.json': JSON.stringify(manifest({ structures: { url: 'structures.json' } })),
      'structures.json': lines(broken),
    });
    const t = io(dir);
    expect(await main(['validate', dir, '--lang', 'en'], t)).to.equal(1);
    expect(t.out()).to.match(/Manifest: valid/);
    expect(t.out()).to.match(/structures — 1 × geo\.lat: Too big/);
    expect(t.out()).to.match(/e\.g\. test--2 \(structures\.json #1\)/);
    expect(t.out()).to.match(/Result: 2 of 4 records rejected\./);
  });

  it('checks the count and SHA-256 the manifest gives', async () => {
    const dir = feedDir({
      'manifest.json': JSON.stringify(
        manifest({ structures: { url: 'structures.json', count: 5, sha256: 'a'.repeat(64) } }),
      ),
      'structures.json': lines(good),
    });
    const v = await validateFeed(dir);
    expect(v.report.warnings.map((w) => w.code)).to.deep.equal(['count_mismatch', 'sha256_mismatch']);
  });

  it('reads sharded parts from disk', async () => {
    const dir = feedDir({
      'manifest.json': JSON.stringify(
        manifest({
          structures: {
            shardBy: 'departement',
            shards: [
              { key: '75', url: 'structures/75.json', count: 2 },
              { key: '93', url: 'structures/93.json', count: 1 },
            ],
          },
        }),
      ),
      'structures/75.json': lines(good.slice(0, 2)),
      'structures/93.json': lines(good.slice(2)),
    });
    const v = await validateFeed(dir);
    expect(v.report.parts.structures).to.deep.equal({ received: 3, accepted: 3, rejected: 0 });
    expect(v.report.warnings).to.deep.equal([]);
  });

  it('exit code 3 for an invalid manifest, with the reasons', async () => {
    const dir = feedDir({ 'manifest.json': JSON.stringify({ ...manifest({}), schemaVersion: '2.0' }) });
    const t = io(dir);
    expect(await main(['validate', dir], t)).to.equal(3);
    expect(t.out()).to.match(/Manifeste invalide/);
    expect(t.out()).to.match(/schemaVersion : schemaVersion non prise en charge/);
    const j = io(dir);
    expect(await main(['validate', dir, '--json'], j)).to.equal(3);
    expect(JSON.parse(j.out()).manifest.valid).to.equal(false);
  });

  it('exit code 3 for a part file that is missing, saying where it looked', async () => {
    const dir = feedDir({ 'manifest.json': JSON.stringify(manifest({ structures: { url: 'nope.json' } })) });
    const t = io(dir);
    expect(await main(['validate', dir], t)).to.equal(3);
    expect(t.out()).to.include(
      `structures : fichier introuvable « nope.json » (cherché en ${join(dir, 'nope.json')}, relatif au manifeste)`,
    );
  });

  it('exit code 3 for a folder without a manifest', async () => {
    const dir = feedDir({ 'other.json': '{}' });
    const t = io(dir);
    expect(await main(['validate', '.'], t)).to.equal(3);
    expect(t.err()).to.include(
      `le manifeste du flux « manifest.json » (cherché en ${join(dir, 'manifest.json')}`,
    );
  });

  it('loads a feed by URL with the SDK client', async () => {
    const structures = lines(broken);
    const dir = feedDir({
      'manifest.json': JSON.stringify(manifest({ structures: { url: 'structures.json' } })),
      'structures.json': structures,
    });
    const server: Server = createServer(async (req, res) => {
      try {
        const body = await readFile(join(dir, req.url!.slice(1)));
        res.writeHead(200, {
          'content-type': extname(req.url!) === '.json' ? 'application/json' : 'text/plain',
        });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as { port: number };
      const t = io(dir);
      expect(await main(['validate', `http://127.0.0.1:${port}/manifest.json`, '--json'], t)).to.equal(1);
      const report = JSON.parse(t.out());
      expect(report.parts.structures).to.deep.equal({ received: 4, accepted: 2, rejected: 2 });
    } finally {
      server.close();
    }
  });
});
