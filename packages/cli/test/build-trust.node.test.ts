/**
 * A build a publisher can trust (issues 11 and 13): every importer warning kept in the report; a source
 * that gives nothing fails the build; paths relative to the config and to the user's folder; an output
 * folder that only holds what the build wrote; no control character from an input file printed raw;
 * `validate` of a remote feed fetching only under the manifest's own folder.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Structure } from '@essaim/sdk';
import { validateFeed, isPrivateAddress } from '../src/build/validate-feed.ts';
import { invocationDir, main } from '../src/cli.ts';
import { io } from './helpers/io.ts';
import { createProgress } from '../src/progress.ts';
import type { BuildReport } from '../src/report.ts';
import { safeStream, terminalSafe } from '../src/terminal.ts';
import { FIXTURES, ROOT } from './helpers/context.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'essaim-trust-'));
  dirs.push(d);
  return d;
}

const licence = { id: 'ODbL-1.0', name: 'Open Database License 1.0' };
const TAXONOMY = resolve(ROOT, 'data/taxonomy/essaim.taxonomy.json');

function structure(id: string, name: string, postcode = '75011'): Structure {
  return {
    id,
    name,
    family: 'cooperative',
    address: { postcode, cog: { departement: postcode.slice(0, 2) } },
    provenance: [{ source: id.split('--')[0]!, localId: id.split('--')[1]! }],
    updatedAt: '2026-01-01',
  };
}

/** A config at `dir/<configDir>/essaim.config.json` with the given sources (paths relative to it). */
function project(
  dir: string,
  sources: Array<{ id: string; type: string; path: string; options?: Record<string, unknown> }>,
  extra: Record<string, unknown> = {},
  configDir = '.',
): string {
  mkdirSync(join(dir, configDir), { recursive: true });
  const file = join(dir, configDir, 'essaim.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      feed: {
        id: 'trust-test',
        title: 'Test',
        publisher: { name: 'Tests' },
        licence,
        attribution: '© x',
        updated: '2026-11-01',
      },
      sources: sources.map((s) => ({ name: s.id, licence, attribution: `© ${s.id}`, ...s })),
      taxonomy: TAXONOMY,
      output: 'feed',
      ...extra,
    }),
  );
  return file;
}

function writeRecords(file: string, records: unknown[]): void {
  mkdirSync(resolve(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(records));
}

describe('build: importer warnings kept in the report', () => {
  it('counts every per-record warning by kind, with examples, in build-report.json, --json and the text', async () => {
    const dir = tmp();
    // Real records (Transiscope re-expressed as data·inclusion, see fixtures/README.md): one website
    // is written "www.jardins-numeriques.net", without its scheme.
    project(dir, [
      { id: 'di', type: 'data-inclusion', path: join(FIXTURES, 'data-inclusion-structures.json') },
    ]);
    const t = io(dir);
    expect(await main(['build', '--json'], t), t.err()).to.equal(0);
    const report = JSON.parse(t.out()) as BuildReport;
    const warning = report.sources[0]!.warnings.find((w) => w.code === 'url-scheme-added');
    expect(warning).to.deep.include({ count: 1, fields: ['contacts.website'] });
    expect(warning!.examples[0]).to.deep.include({
      index: 1,
      localId: 'transiscope--3xSE',
      field: 'contacts.website',
    });
    expect(warning!.examples[0]!.fr).to.contain('www.jardins-numeriques.net');
    const onDisk = JSON.parse(readFileSync(join(dir, 'feed/build-report.json'), 'utf8')) as BuildReport;
    expect(onDisk.sources[0]!.warnings).to.deep.equal(report.sources[0]!.warnings);
    const text = io(dir);
    expect(await main(['build'], text)).to.equal(0);
    expect(text.out()).to.match(/1 × url-scheme-added \(ex\. transiscope--3xSE, contacts\.website/);
  });
});

describe('build: a source that gives nothing fails the build', () => {
  it('an empty list: exit 1, the source named, nothing written', async () => {
    const dir = tmp();
    writeRecords(join(dir, 'in/empty.json'), []);
    project(dir, [{ id: 'vide', type: 'essaim', path: 'in/empty.json' }]);
    const t = io(dir);
    expect(await main(['build'], t)).to.equal(1);
    expect(t.err()).to.contain('source « vide »').and.to.contain('rien à importer');
    expect(existsSync(join(dir, 'feed'))).to.equal(false);
  });

  it('a header-only CSV: exit 1', async () => {
    const dir = tmp();
    const header = readFileSync(join(FIXTURES, 'data-inclusion-structures.csv'), 'utf8').split('\n')[0]!;
    writeFileSync(join(dir, 'header.csv'), `${header}\n`);
    project(dir, [{ id: 'entete', type: 'data-inclusion', path: 'header.csv' }]);
    const t = io(dir, { ESSAIM_LANG: 'en' });
    expect(await main(['build'], t)).to.equal(1);
    expect(t.err()).to.contain('source "entete"').and.to.contain('nothing to import');
  });

  it('every record rejected: exit 1 with the reasons; another source that works does not hide it', async () => {
    const dir = tmp();
    writeRecords(join(dir, 'in/ok.json'), [structure('ok--1', 'Coopérative A')]);
    // The shape of a GoGoCarto search-API answer given as feed records: no record is valid.
    writeRecords(join(dir, 'in/wrong.json'), [
      { id: 'a1', title: 'Recyclerie', location: { lat: 48.8, lon: 2.3 } },
      { id: 'a2', title: 'Amap', location: { lat: 48.9, lon: 2.3 } },
    ]);
    project(dir, [
      { id: 'ok', type: 'essaim', path: 'in/ok.json' },
      { id: 'wrong', type: 'essaim', path: 'in/wrong.json' },
    ]);
    const t = io(dir);
    expect(await main(['build'], t)).to.equal(1);
    expect(t.err()).to.contain('source « wrong »').and.to.contain('les 2 enregistrements sont tous rejetés');
    expect(t.err()).not.to.contain('source « ok »');
    expect(existsSync(join(dir, 'feed'))).to.equal(false);
  });
});

describe('build: paths', () => {
  it('config paths are relative to the config file, command-line paths to the current folder', async () => {
    const dir = tmp();
    writeRecords(join(dir, 'project/in/s.json'), [structure('x--1', 'Coopérative A')]);
    project(dir, [{ id: 'x', type: 'essaim', path: 'in/s.json' }], {}, 'project');
    const t = io(dir);
    expect(
      await main(['build', '-c', 'project/essaim.config.json', '-o', 'public/flux', '-q'], t),
      t.err(),
    ).to.equal(0);
    expect(existsSync(join(dir, 'public/flux/manifest.json'))).to.equal(true);
    expect(existsSync(join(dir, 'project/public'))).to.equal(false);
    // Without --out: the config's "output", next to the config.
    expect(await main(['build', '-c', 'project/essaim.config.json', '-q'], io(dir))).to.equal(0);
    expect(existsSync(join(dir, 'project/feed/manifest.json'))).to.equal(true);
  });

  it('under `pnpm essaim`, arguments are relative to the folder the user ran it from (INIT_CWD)', () => {
    expect(invocationDir({ npm_lifecycle_event: 'essaim', INIT_CWD: '/home/me/site' }, '/repo')).to.equal(
      '/home/me/site',
    );
    // Other scripts (feed:build) give paths from the repository root.
    expect(invocationDir({ npm_lifecycle_event: 'feed:build', INIT_CWD: '/home/me' }, '/repo')).to.equal(
      '/repo',
    );
    expect(invocationDir({}, '/repo')).to.equal('/repo');
  });

  it('`pnpm essaim validate <path>` from a sub-folder finds the path from that folder', function () {
    const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) this.skip();
    this.timeout(60_000);
    const cwd = join(ROOT, 'packages/cli');
    const r = spawnSync(
      'pnpm',
      ['-w', 'run', '--silent', 'essaim', 'validate', '../../data/feed', '-q', '--lang', 'en'],
      {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
      },
    );
    expect(r.stderr).not.to.contain('File not found');
    expect(r.stdout).to.contain('Feed "essaim-demo-idf"');
  });
});

describe('build: the output folder holds only what the build wrote', () => {
  function pwa(dir: string): Record<string, string> {
    const files = {
      'public/index.html': '<!doctype html><title>Mon appli</title>',
      'public/images/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'public/manifest.json': '{"name":"Mon appli","start_url":"/"}',
    };
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(resolve(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), text);
    }
    return files;
  }
  const untouched = (dir: string, files: Record<string, string>) => {
    for (const [f, text] of Object.entries(files))
      expect(readFileSync(join(dir, f), 'utf8'), f).to.equal(text);
    expect(readdirSync(join(dir, 'public')).sort()).to.deep.equal(['images', 'index.html', 'manifest.json']);
  };
  function setup(): string {
    const dir = tmp();
    writeRecords(join(dir, 'in/s.json'), [
      structure('x--1', 'Coopérative A'),
      structure('x--2', 'Coopérative B', '93100'),
    ]);
    project(dir, [{ id: 'x', type: 'essaim', path: 'in/s.json' }], { shard: { by: 'departement' } });
    return dir;
  }

  it('refuses a web app’s folder (index.html, images/, a PWA manifest.json) and leaves it untouched', async () => {
    const dir = setup();
    const files = pwa(dir);
    const t = io(dir);
    expect(await main(['build', '-o', 'public', '-q'], t)).to.equal(3);
    expect(t.err()).to.contain('Dossier de sortie refusé').and.to.contain('--force');
    untouched(dir, files);
  });

  it('with --force, still never replaces nor deletes a file it did not write', async () => {
    const dir = setup();
    const files = pwa(dir);
    const t = io(dir);
    expect(await main(['build', '-o', 'public', '-q', '--force'], t)).to.equal(3);
    expect(t.err()).to.contain('manifest.json').and.to.contain('Rien n’a été modifié');
    untouched(dir, files);
    // Without the clash, --force writes beside the app's files, and lists only its own in the marker.
    rmSync(join(dir, 'public/manifest.json'));
    expect(await main(['build', '-o', 'public', '-q', '--force'], io(dir))).to.equal(0);
    expect(readFileSync(join(dir, 'public/index.html'), 'utf8')).to.equal(files['public/index.html']);
    expect(existsSync(join(dir, 'public/images/logo.svg'))).to.equal(true);
    const marker = JSON.parse(readFileSync(join(dir, 'public/.essaim-build.json'), 'utf8'));
    expect(marker.feed).to.equal('trust-test');
    expect(marker.files).to.include('manifest.json').and.not.to.include('index.html');
    // The next build needs no --force: the folder has essaim's marker.
    expect(await main(['build', '-o', 'public', '-q'], io(dir))).to.equal(0);
    expect(existsSync(join(dir, 'public/index.html'))).to.equal(true);
  });

  it('rebuilds into its own output, deleting its stale files and nothing else', async () => {
    const dir = setup();
    expect(await main(['build', '-q'], io(dir))).to.equal(0);
    expect(readdirSync(join(dir, 'feed/structures')).sort()).to.deep.equal(['75.json', '93.json']);
    writeFileSync(join(dir, 'feed/LISEZMOI.txt'), 'mis là par le webmestre');
    writeRecords(join(dir, 'in/s.json'), [structure('x--1', 'Coopérative A')]);
    expect(await main(['build', '-q'], io(dir))).to.equal(0);
    expect(readdirSync(join(dir, 'feed/structures'))).to.deep.equal(['75.json']);
    expect(readFileSync(join(dir, 'feed/LISEZMOI.txt'), 'utf8')).to.equal('mis là par le webmestre');
    // A feed folder written before the marker existed (same feed id) is still recognised.
    rmSync(join(dir, 'feed/.essaim-build.json'));
    expect(await main(['build', '-q'], io(dir))).to.equal(0);
    expect(existsSync(join(dir, 'feed/LISEZMOI.txt'))).to.equal(true);
    // Another feed's folder is refused.
    const other = JSON.parse(readFileSync(join(dir, 'feed/.essaim-build.json'), 'utf8'));
    writeFileSync(join(dir, 'feed/.essaim-build.json'), JSON.stringify({ ...other, feed: 'un-autre-flux' }));
    const t = io(dir);
    expect(await main(['build', '-q'], t)).to.equal(3);
    expect(t.err()).to.contain('« un-autre-flux »');
  });
});

describe('CLI: no control character from an input file reaches the terminal raw', () => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be printed
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

  it('terminalSafe: C0, DEL, C1 and bidi controls escaped, tab and newline kept, JSON still JSON', () => {
    expect(terminalSafe('a\u001b[31mb\u0007c\u009b2Jd\u007fe\u202ef\tg\nh\ri')).to.equal(
      'a\\u001b[31mb\\u0007c\\u009b2Jd\\u007fe\\u202ef\tg\nh\\u000di',
    );
    const value = { name: 'x\u009b31m\u007f\u001b' };
    expect(JSON.parse(terminalSafe(JSON.stringify(value)))).to.deep.equal(value);
  });

  it('a build quoting hostile source text prints it escaped, on stdout and stderr', async () => {
    const dir = tmp();
    const hostile = '\u001b]0;pwned\u0007\u001b[2J\u009b31m';
    // A record without a name: rejected, and its local id is quoted among the examples.
    writeRecords(join(dir, 'in/s.json'), [
      structure('x--1', 'Coopérative A'),
      { id: 'x--2', provenance: [{ source: 'x', localId: hostile }], updatedAt: '2026-01-01' },
    ]);
    project(dir, [{ id: 'x', type: 'essaim', path: 'in/s.json' }]);
    const t = io(dir);
    expect(await main(['build'], t)).to.equal(0);
    expect(t.out()).to.contain('\\u001b]0;pwned\\u0007');
    expect(RAW.test(t.out()), t.out()).to.equal(false);
    // An error message quoting a path from the command line.
    const e = io(dir);
    expect(await main(['build', '-c', 'nope\u001b[2J.json'], e)).to.equal(3);
    expect(e.err()).to.contain('nope\\u001b[2J.json');
    expect(RAW.test(e.err())).to.equal(false);
  });

  it('the progress bar escapes its labels but keeps its own redraw sequence', () => {
    let out = '';
    const stream = safeStream({ write: (t: string) => (out += t), isTTY: true, columns: 80 });
    const p = createProgress({
      stream: stream as unknown as NodeJS.WritableStream,
      mode: 'bar',
      barInterval: 0,
    });
    const task = p.start('Import \u001b[31mrouge');
    task.update(1, 2);
    task.end('fini');
    expect(out).to.contain('Import \\u001b[31mrouge');
    expect(out).to.contain('\r\u001b[2K'); // the bar's own sequence, written raw
    expect(out.split('\r\u001b[2K').join('')).not.to.match(RAW);
  });
});

describe('validate: a remote manifest fetches only under its own origin and folder', () => {
  let server: Server;
  let port: number;
  let feedDir: string;
  const hits: string[] = [];

  before(async () => {
    const dir = tmp();
    writeRecords(join(dir, 'in/s.json'), [structure('x--1', 'Coopérative A')]);
    project(dir, [{ id: 'x', type: 'essaim', path: 'in/s.json' }]);
    expect(await main(['build', '-q'], io(dir))).to.equal(0);
    feedDir = join(dir, 'feed');
    server = createServer((req, res) => {
      const path = new URL(req.url!, 'http://x').pathname;
      hits.push(path);
      const [, folder, ...rest] = path.split('/');
      const file = join(feedDir, rest.join('/'));
      if (!['feed', 'secret', 'far'].includes(folder!) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      let body = readFileSync(file, 'utf8');
      if (rest.join('/') === 'manifest.json') {
        const m = JSON.parse(body);
        const target =
          folder === 'far' ? `http://localhost:${port}/secret/structures.json` : '../secret/structures.json';
        m.parts.structures.url = target;
        body = JSON.stringify(m);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('refuses a part outside the manifest’s folder (exit 3), fetches it with --allow-origin', async () => {
    hits.length = 0;
    const t = io(tmpdir());
    expect(await main(['validate', `http://127.0.0.1:${port}/feed/manifest.json`, '-q'], t)).to.equal(3);
    expect(t.out()).to.contain('Non téléchargé').and.to.contain('/secret/structures.json');
    expect(hits).not.to.include('/secret/structures.json');
    hits.length = 0;
    const ok = io(tmpdir());
    const code = await main(
      [
        'validate',
        `http://127.0.0.1:${port}/feed/manifest.json`,
        '-q',
        '--allow-origin',
        `http://127.0.0.1:${port}`,
      ],
      ok,
    );
    expect(code, ok.out()).to.equal(0);
    expect(hits).to.include('/secret/structures.json');
  });

  it('never follows a public manifest to a loopback or private address, even with --allow-origin', async () => {
    hits.length = 0;
    // "public.test" stands for a public host (its address is given by the lookup); every request is
    // served by the loopback server.
    const lookup = async (host: string) => (host === 'public.test' ? ['93.184.216.34'] : ['127.0.0.1']);
    const fetch: typeof globalThis.fetch = (input, init) => {
      const req = new Request(input, init);
      const url = new URL(req.url);
      url.hostname = '127.0.0.1';
      return globalThis.fetch(new Request(url, req));
    };
    const v = await validateFeed(`http://public.test:${port}/far/manifest.json`, {
      lookup,
      fetch,
      allowOrigins: [`http://localhost:${port}`],
    });
    expect(v.errors.map((e) => e.en).join('\n')).to.contain('loopback or private address');
    expect(hits).to.include('/far/manifest.json').and.not.to.include('/secret/structures.json');
    expect(isPrivateAddress('10.1.2.3')).to.equal(true);
    expect(isPrivateAddress('::ffff:192.168.1.1')).to.equal(true);
    expect(isPrivateAddress('fe80::1')).to.equal(true);
    expect(isPrivateAddress('93.184.216.34')).to.equal(false);
  });
});
