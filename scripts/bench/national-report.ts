/**
 * What `pnpm bench national` prints: one table (per step and path: bytes transferred, time, target,
 * longest main-thread task, counts and hits against the in-memory engine in Node), the département
 * embed both ways, Essaim ÷ peer, and a one-paragraph summary of which targets hold.
 */
import { loadavg } from 'node:os';
import type { Measure, NETWORK } from './national-browser.ts';
import type { OramaAnswer, ReferenceAnswer } from './national-reference.ts';
import { type ResultSummary, TARGETS, compareCounts, compareHits } from './national-session.ts';

export interface NationalRun {
  count: number;
  network: typeof NETWORK;
  protocol: string;
  reference: ReferenceAnswer;
  median: { key: string; records: number };
  peer: { keys: string[]; records: number };
  centre: { lat: number; lon: number };
  steps: Array<{ name: string; kind: 'first' | 'further'; static?: Measure }>;
  embed: { static?: Measure; memory?: Measure };
  memoryPeer?: Measure[];
  orama?: OramaAnswer & { departements: string[]; steps: Measure[] };
}

const kb = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`);
const sec = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
/** The last two segments of a path (an index file's kind folder and name). */
const short = (path: string) => path.split('/').slice(-2).join('/');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(a / b < 0.1 ? 3 : 2)}×` : '—');

function verdict(m: Measure, kind: 'first' | 'further'): { text: string; ok: boolean } {
  const t = TARGETS[kind];
  const okBytes = m.bytes <= t.bytes;
  const okTime = m.ms <= t.ms;
  return {
    text: `≤ ${kb(t.bytes)} ${okBytes ? '✓' : '✗'}, ≤ ${sec(t.ms)} ${okTime ? '✓' : '✗'}`,
    ok: okBytes && okTime,
  };
}

function exactness(m: Measure | undefined, expected: ResultSummary | undefined): string {
  const got = m?.page.summary;
  if (!got || !expected) return '';
  return `${compareCounts(got, expected)}; hits ${compareHits(got, expected)}`;
}

export function printNational(run: NationalRun, log: (line: string) => void): void {
  const n = run.count.toLocaleString('en');
  const net = `${run.network.downMbit} Mbit/s, ${run.network.rttMs} ms RTT (Chromium, DevTools throttling), ${run.protocol} with gzip`;
  const peerN = run.peer.records.toLocaleString('en');
  log('');
  log(
    `National search on a SYNTHETIC feed of ${n} structures (real Transiscope records cycled over every commune), ${net}.`,
  );
  log(
    `Exact figures: in-memory engine in Node on the same records (load ${run.reference.loadSeconds.toFixed(1)} s, index ${run.reference.indexSeconds.toFixed(1)} s, heap ${Math.round(run.reference.heapMiB)} MiB).`,
  );
  log(
    `Bytes: transferred (gzip bodies + headers, every request of the step). Time: first query from navigation start; others from the call.`,
  );
  const head = `${pad('step', 38)} ${pad('path', 22)} ${pad('bytes', 10)} ${pad('time', 9)} ${pad('target', 22)} ${pad('longest task', 12)} counts and hits vs Node`;
  log('');
  log(head);
  log('─'.repeat(head.length + 12));
  let holds = true;
  const failed: string[] = [];
  for (const [i, step] of run.steps.entries()) {
    const rows: Array<[string, Measure | undefined, string, string]> = [];
    if (step.static) {
      const v = verdict(step.static, step.kind);
      if (!v.ok) {
        holds = false;
        failed.push(step.name);
      }
      rows.push([
        'static index',
        step.static,
        v.text,
        exactness(step.static, run.reference.steps[i]?.summary),
      ]);
    } else rows.push(['static index', undefined, 'not run (no index)', '']);
    const p = run.memoryPeer?.[i];
    if (p) rows.push([`in memory, ${peerN}`, p, '', exactness(p, run.reference.scoped.peer?.[i])]);
    const o = run.orama?.steps[i];
    if (o)
      rows.push([
        `Orama, ${run.orama!.records.toLocaleString('en')}`,
        o,
        '',
        `Orama's count ${o.page.total} (not comparable)`,
      ]);
    for (const [j, [path, m, target, exact]] of rows.entries())
      log(
        `${pad(j === 0 ? step.name : '', 38)} ${pad(path, 22)} ${pad(m ? kb(m.bytes) : '—', 10)} ${pad(m ? sec(m.ms) : '—', 9)} ${pad(target, 22)} ${pad(m ? sec(m.longestTaskMs) : '—', 12)} ${exact}`,
      );
  }

  for (const step of run.steps.slice(1))
    if (step.static && !verdict(step.static, 'further').ok)
      log(
        `Over target, ${step.name}: ${step.static.requests} requests; largest ${[...step.static.files]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 4)
          .map(([p, b]) => `${short(p)} ${kb(b)}`)
          .join(', ')}.`,
      );
  const f = run.steps[0]?.static;
  if (f) {
    const js = f.files.filter(([p]) => p.endsWith('.js') || p.endsWith('.html'));
    const data = f.files.filter((x) => !js.includes(x));
    const sum = (l: Measure['files']) => kb(l.reduce((n, [, b]) => n + b, 0));
    log(
      `First results from the static index: page and JavaScript ${sum(js)} (${js.length} files), index ${sum(data)} (${data.length} files: ${[
        ...data,
      ]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([p, b]) => `${short(p)} ${kb(b)}`)
        .join(', ')}${data.length > 6 ? '…' : ''}); index opened at ${sec(Number(f.page.openedMs))}.`,
    );
  }

  // The département embed, both ways.
  log('');
  log(
    `Département embed (median département ${run.median.key}, ${run.median.records.toLocaleString('en')} structures), first query:`,
  );
  const e = run.embed;
  if (e.memory)
    log(
      `  in memory (today: page store, scope): ${kb(e.memory.bytes)} in ${sec(e.memory.ms)} to searchable results (first page shown at ${sec(Number(e.memory.page.shownMs ?? Number.NaN))}), longest task ${sec(e.memory.longestTaskMs)}; ${exactness(e.memory, run.reference.scoped.embed?.[0])}`,
    );
  if (e.static)
    log(
      `  static index (territory scope):       ${kb(e.static.bytes)} in ${sec(e.static.ms)}, longest task ${sec(e.static.longestTaskMs)}; ${exactness(e.static, run.reference.scoped.embed?.[0])}`,
    );
  const embedOk = e.static && e.memory ? e.static.ms <= e.memory.ms * 1.1 : undefined;
  if (e.static && e.memory)
    log(
      `  static ÷ in memory: bytes ${ratio(e.static.bytes, e.memory.bytes)}, time ${ratio(e.static.ms, e.memory.ms)} (no worse than today: ${embedOk ? '✓' : '✗'})`,
    );

  // Essaim ÷ peer.
  log('');
  const first = run.steps[0]?.static;
  const p0 = run.memoryPeer?.[0];
  const scale = run.count / run.peer.records;
  if (p0) {
    const bytes1M = p0.bytes * scale;
    const downloadMs = ((bytes1M * 8) / (run.network.downMbit * 1e6)) * 1000;
    log(
      `In-memory engine (today's national page): measured on ${peerN} structures (${run.peer.keys.length} départements: the whole feed cannot load in a tab, ≈ 4 GB of heap): ${kb(p0.bytes)}, searchable at ${sec(p0.ms)}, first page shown at ${sec(Number(p0.page.shownMs ?? Number.NaN))}, longest task ${sec(p0.longestTaskMs)}.`,
    );
    log(
      `  Extrapolated to ${n} (×${scale.toFixed(1)}, linear): ${kb(bytes1M)}, at least ${sec(downloadMs)} of download alone (validation and indexing on top).`,
    );
    if (first)
      log(
        `  Essaim static index ÷ in memory, first results: bytes ${ratio(first.bytes, p0.bytes)} (measured ${peerN}), ${ratio(first.bytes, bytes1M)} (extrapolated ${n}); time ${ratio(first.ms, p0.ms)} (measured), ≤ ${ratio(first.ms, downloadMs)} (extrapolated).`,
      );
  }
  const o = run.orama;
  if (o?.steps[0]) {
    const of = o.steps[0];
    log(
      `Orama ${'3.1.18'} with a persisted index (JSON, gzip on the wire): ${o.records.toLocaleString('en')} structures (départements ${o.departements.join(', ')}: the in-memory peer's records, the largest size tried), built in ${o.insertSeconds.toFixed(1)} s, persisted ${kb(o.bytes)} raw; in the browser ${kb(of.bytes)} transferred, restored at ${sec(Number(of.page.restoredMs))}, first query answered at ${sec(of.ms)}, longest task ${sec(of.longestTaskMs)}.`,
    );
    if (first)
      log(
        `  Essaim static index (${n}) ÷ Orama (${o.records.toLocaleString('en')}), first results: bytes ${ratio(first.bytes, of.bytes)}, time ${ratio(first.ms, of.ms)}.`,
      );
  }

  // Summary.
  log('');
  const further = run.steps.filter((s) => s.kind === 'further' && s.static).map((s) => s.static!);
  const exact = run.steps.every(
    (s, i) => !s.static || compareCounts(s.static.page.summary!, run.reference.steps[i]!.summary) === 'exact',
  );
  const maxTask = Math.max(0, ...run.steps.map((s) => s.static?.longestTaskMs ?? 0));
  log(
    first
      ? `Summary (synthetic ${n}, load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(
            ' ',
          )}): first national results ${kb(first.bytes)} in ${sec(first.ms)} (targets ≤ 1 MB, ≤ 2.5 s: ${verdict(first, 'first').ok ? 'hold' : 'missed'}); further queries ${kb(Math.max(...further.map((m) => m.bytes)))} and ${sec(Math.max(...further.map((m) => m.ms)))} at most (≤ 300 KB, ≤ 800 ms each: ${further.every((m) => verdict(m, 'further').ok) ? 'hold' : `missed by ${failed.filter((f) => f !== run.steps[0]!.name).join(', ')}`}); facet counts ${exact ? 'exact at every step' : 'NOT exact (see the table)'}; département embed ${embedOk === undefined ? 'not compared' : embedOk ? 'no worse than today' : 'slower than today'}; longest main-thread task ${sec(maxTask)}. ${holds && exact && embedOk ? 'Every target holds.' : 'Not every target holds.'}`
      : `Summary: no static index in this tree; only the in-memory and Orama peers were measured (load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}).`,
  );
}
