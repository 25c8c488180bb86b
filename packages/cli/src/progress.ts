/**
 * Progress on long work, on stderr: a bar redrawn in place when stderr is a terminal, plain lines at
 * most every few seconds otherwise (CI logs stay readable), nothing when quiet. Labels and summaries
 * go through `terminalSafe` (they may name a source or a file); the bar's own escape sequences are
 * written to the raw stream.
 */
import { rawStream, terminalSafe } from './terminal.ts';

export interface ProgressTask {
  /** Work done so far (and the total when it becomes known). */
  update(done: number, total?: number): void;
  /** The task is over; `summary` is printed after the label. */
  end(summary?: string): void;
}

export interface Progress {
  start(label: string, total?: number): ProgressTask;
  /** A one-line message (a phase that has no counter). */
  note(message: string): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Force the mode; default: 'bar' on a TTY, 'lines' otherwise. */
  mode?: 'bar' | 'lines' | 'silent';
  /** Minimum time between two plain lines (ms). Default 5,000. */
  lineInterval?: number;
  /** Minimum time between two redraws of the bar (ms). Default 100. */
  barInterval?: number;
  lang?: 'fr' | 'en';
  now?: () => number;
}

const NOOP_TASK: ProgressTask = { update() {}, end() {} };

export const silentProgress: Progress = { start: () => NOOP_TASK, note() {} };

function formatNumber(n: number, lang: 'fr' | 'en'): string {
  return n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB').replace(/\u202f|\u00a0/g, ' ');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = rawStream(options.stream ?? process.stderr);
  const mode = options.mode ?? (stream.isTTY ? 'bar' : 'lines');
  if (mode === 'silent') return silentProgress;
  const lang = options.lang ?? 'fr';
  const now = options.now ?? Date.now;
  const lineInterval = options.lineInterval ?? 5000;
  const barInterval = options.barInterval ?? 100;
  const sep = lang === 'fr' ? ' : ' : ': ';
  const counts = (done: number, total?: number) =>
    total ? `${formatNumber(done, lang)} / ${formatNumber(total, lang)}` : formatNumber(done, lang);

  return {
    note(message) {
      stream.write(`${terminalSafe(message)}\n`);
    },
    start(rawLabel, total) {
      const label = terminalSafe(rawLabel);
      const started = now();
      let last = 0;
      let done = 0;
      let max = total;
      let drawn = false;
      const draw = () => {
        const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - label.length - 40));
        const ratio = max ? Math.min(1, done / max) : undefined;
        const bar =
          ratio === undefined
            ? ''
            : `[${'#'.repeat(Math.round(ratio * width)).padEnd(width, '-')}] ${Math.floor(ratio * 100)
                .toString()
                .padStart(3)} % `;
        stream.write(`\r\x1b[2K${label} ${bar}${counts(done, max)} · ${seconds(now() - started)}`);
        drawn = true;
      };
      return {
        update(d, t) {
          done = d;
          if (t !== undefined) max = t;
          const time = now();
          if (mode === 'bar') {
            if (time - last >= barInterval) {
              last = time;
              draw();
            }
          } else if (time - last >= lineInterval) {
            if (last === 0 && time - started < lineInterval) {
              last = time;
              return;
            }
            last = time;
            const pct = max ? ` (${Math.floor((Math.min(done, max) / max) * 100)} %)` : '';
            stream.write(`${label}${sep}${counts(done, max)}${pct} · ${seconds(time - started)}\n`);
          }
        },
        end(summary) {
          const text = `${label}${sep}${terminalSafe(summary ?? counts(done, max))} · ${seconds(now() - started)}`;
          stream.write(mode === 'bar' && drawn ? `\r\x1b[2K${text}\n` : `${text}\n`);
        },
      };
    },
  };
}
