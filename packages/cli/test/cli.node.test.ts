import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { feedJsonSchemaText, type Structure } from '@essaim/sdk';
import { main } from '../src/cli.ts';
import { io } from './helpers/io.ts';
import { createProgress } from '../src/progress.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A project using the built-in "essaim" importer (records already in the feed shape, JSON Lines). */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'essaim-cli-test-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'in'));
  const s = (id: string, name: string, postcode: string): Structure => ({
    id,
    name,
    family: 'cooperative',
    address: { postcode },
    provenance: [{ source: 'x', localId: id.slice(3) }],
    updatedAt: '2026-01-01',
  });
  const records = [s('x--2', 'Coopérative B', '93100'), s('x--1', 'Coopérative A', '75011'), { id: 'x--3' }];
  writeFileSync(join(dir, 'in/structures.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
  writeFileSync(join(dir, 'taxonomy.json'), JSON.stringify({ id: 't', version: '1', concepts: [] }));
  const licence = { id: 'ODbL-1.0', name: 'Open Database License 1.0' };
  writeFileSync(
    join(dir, 'essaim.config.json'),
    JSON.stringify({
      feed: {
        id: 'cli-test',
        title: 'Test',
        publisher: { name: 'Tests' },
        licence,
        attribution: '© x',
        updated: '2026-11-01',
      },
      sources: [
        { id: 'x', type: 'essaim', path: 'in/structures.jsonl', name: 'X', licence, attribution: '© x' },
      ],
      taxonomy: 'taxonomy.json',
      output: 'out',
    }),
  );
  return dir;
}

describe('essaim CLI: arguments', () => {
  it('prints the help with every command and the exit codes', async () => {
    const t = io();
    expect(await main(['--help'], t)).to.equal(0);
    for (const word of [
      'build',
      'validate',
      'schema',
      'Codes de sortie',
      '0  terminé',
      '4  erreur interne',
    ]) {
      expect(t.out()).to.include(word);
    }
    const en = io();
    expect(await main(['--help', '--lang', 'en'], en)).to.equal(0);
    expect(en.out()).to.include('Exit codes:');
  });

  it('has a --help for each command', async () => {
    for (const cmd of ['build', 'validate', 'schema']) {
      const t = io();
      expect(await main([cmd, '--help'], t), cmd).to.equal(0);
      expect(t.out()).to.match(new RegExp(`Usage : essaim ${cmd}`));
      const h = io();
      expect(await main(['help', cmd, '--lang', 'en'], h)).to.equal(0);
      expect(h.out()).to.match(new RegExp(`Usage: essaim ${cmd}`));
    }
  });

  it('no command: the help and exit code 2', async () => {
    const t = io();
    expect(await main([], t)).to.equal(2);
    expect(t.out()).to.include('Usage : essaim <commande>');
  });

  it('an unknown command: "did you mean build?", exit code 2', async () => {
    const t = io(tmpdir(), { ESSAIM_LANG: 'en' });
    expect(await main(['buld'], t)).to.equal(2);
    expect(t.err()).to.include('unknown command "buld", did you mean "build"?');
    const fr = io();
    expect(await main(['valdate'], fr)).to.equal(2);
    expect(fr.err()).to.include('commande inconnue : « valdate ». Vouliez-vous dire « validate » ?');
  });

  it('an unknown option: the closest one, exit code 2', async () => {
    const t = io();
    expect(await main(['build', '--confg', 'x.json', '--lang', 'en'], t)).to.equal(2);
    expect(t.err()).to.include('unknown option for "essaim build": --confg, did you mean --config?');
  });

  it('a missing argument or value: exit code 2', async () => {
    expect(await main(['validate'], io())).to.equal(2);
    const t = io();
    expect(await main(['build', '--config'], t)).to.equal(2);
    expect(t.err()).to.include('l’option --config attend une valeur');
  });

  it('a missing config file: which path, resolved from where, exit code 3', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'essaim-cli-cwd-'));
    dirs.push(cwd);
    const t = io(cwd);
    expect(await main(['build', '--config', 'conf/essaim.config.json'], t)).to.equal(3);
    expect(t.err()).to.include(
      `Fichier introuvable : le fichier de configuration « conf/essaim.config.json » (cherché en ${join(cwd, 'conf/essaim.config.json')}, chemin relatif à ${cwd}).`,
    );
  });

  it('an invalid config: each wrong field, exit code 3', async () => {
    const dir = project();
    const config = JSON.parse(readFileSync(join(dir, 'essaim.config.json'), 'utf8'));
    config.feed.updated = 'demain';
    config.sources[0].id = 'X';
    writeFileSync(join(dir, 'essaim.config.json'), JSON.stringify(config));
    const t = io(dir);
    expect(await main(['build'], t)).to.equal(3);
    expect(t.err()).to.include('Configuration invalide');
    expect(t.err()).to.include('feed.updated : date attendue');
    expect(t.err()).to.include('sources.0.id : minuscules, chiffres');
  });

  it('schema prints the JSON Schema', async () => {
    const t = io();
    expect(await main(['schema'], t)).to.equal(0);
    expect(t.out()).to.equal(feedJsonSchemaText());
  });

  it('the real executable: exit code and message for a bad command', function () {
    this.timeout(30_000);
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'packages/cli/src/bin.ts'), 'buld'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ESSAIM_LANG: 'en' },
      },
    );
    expect(r.status).to.equal(2);
    expect(r.stderr).to.include('did you mean "build"?');
  });
});

describe('essaim CLI: build', () => {
  it('builds, prints the report, writes build-report.json; --json prints it; same bytes twice', async () => {
    const dir = project();
    const t = io(dir);
    expect(await main(['build'], t)).to.equal(0);
    expect(t.out()).to.match(/x \(essaim\)\s+3\s+2\s+0\s+1/);
    expect(t.err()).to.include('Import x (essaim)'); // progress, plain lines (not a TTY)
    const report = JSON.parse(readFileSync(join(dir, 'out/build-report.json'), 'utf8'));
    expect(report.totals).to.deep.equal({ received: 3, accepted: 2, merged: 0, rejected: 1 });
    const manifest = readFileSync(join(dir, 'out/manifest.json'), 'utf8');
    const structures = readFileSync(join(dir, 'out/structures.json'), 'utf8');

    const j = io(dir);
    expect(await main(['build', '--json', '--config', 'essaim.config.json'], j)).to.equal(0);
    expect(JSON.parse(j.out())).to.deep.equal(report);
    expect(j.err()).to.include('Import x'); // progress stays on stderr, JSON alone on stdout
    expect(readFileSync(join(dir, 'out/manifest.json'), 'utf8')).to.equal(manifest);
    expect(readFileSync(join(dir, 'out/structures.json'), 'utf8')).to.equal(structures);

    const strict = io(dir);
    expect(await main(['build', '--strict', '--quiet'], strict)).to.equal(1);
    expect(strict.out()).to.equal('');
    expect(strict.err()).to.equal('');
  });

  it('then validates what it built', async () => {
    const dir = project();
    await main(['build', '-q'], io(dir));
    const t = io(dir);
    expect(await main(['validate', 'out', '--quiet'], t)).to.equal(0);
    expect(t.out()).to.include('Résultat : les 2 enregistrements sont valides.');
  });
});

describe('progress', () => {
  it('writes plain lines at most every interval when stderr is not a terminal', () => {
    let text = '';
    let now = 0;
    const p = createProgress({
      stream: {
        write: (t: string) => {
          text += t;
          return true;
        },
      } as never,
      mode: 'lines',
      lineInterval: 1000,
      now: () => now,
    });
    const task = p.start('Import', 100);
    for (let i = 1; i <= 100; i++) {
      now += 50; // 5 s in all
      task.update(i);
    }
    task.end();
    const lines = text.trim().split('\n');
    expect(lines.length).to.be.within(4, 6);
    expect(lines[0]).to.match(/^Import : \d+ \/ 100 \(\d+ %\) · \d\.\d s$/);
    expect(lines.at(-1)).to.equal('Import : 100 / 100 · 5.0 s');
  });

  it('redraws one line with a bar on a terminal', () => {
    let text = '';
    let now = 0;
    const stream = {
      isTTY: true,
      columns: 100,
      write: (t: string) => {
        text += t;
        return true;
      },
    };
    const task = createProgress({ stream: stream as never, now: () => now }).start('Écriture', 10);
    for (let i = 1; i <= 10; i++) {
      now += 200;
      task.update(i);
    }
    task.end('10 enregistrements');
    expect(text).to.include('\r\x1b[2KÉcriture [');
    expect(text).to.include('100 %');
    expect(text.endsWith('Écriture : 10 enregistrements · 2.0 s\n')).to.equal(true);
  });
});
