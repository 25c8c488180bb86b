/**
 * The .ics files of `<ess-agenda>`: "Télécharger la sélection (.ics)" (the dates of the view) and the
 * file of one event or of one series (every date of each of its events). The ICS writer is its own chunk.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import {
  type AgendaEntry,
  type AgendaListConnector,
  type AgendaOccurrence,
  type AgendaState,
  type FeedStore,
  loadIcs,
} from '@essaim/sdk';
import type { AgendaViewHost } from './calendar-views.ts';
import { type Args, translate } from '../../i18n/dictionary.ts';
import { downloadBlob } from '../../internal/download.ts';
import type { Lang } from '../../internal/localize.ts';
import { agendaCalendarFileMessages as A } from './calendar-files.i18n.ts';

type Key = keyof typeof A.fr;
const t = <K extends Key>(host: { lang: Lang }, key: K, ...args: Args<(typeof A.fr)[K]>) =>
  translate(A, host.lang, key, ...args);

/** Styles of the download, adopted by the element when this chunk loads. */
export const styles = css`
  @layer essaim {
    .export {
      margin-block-start: 1em;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
    }
    .export .hint {
      flex-basis: 100%;
    }
  }
`;

/** "Télécharger la sélection (.ics)": the dates of the view as one calendar file. */
export function renderExport(input: {
  lang: Lang;
  /** How many dates the view shows. */
  count: number;
  status: '' | 'busy' | 'done';
  download(): void;
}): TemplateResult {
  const { status } = input;
  return html`<div part="export" class="export">
    <button type="button" class="ics-selection" aria-describedby="export-help" @click=${() => input.download()}>
      ${t(input, 'downloadSelection')}
    </button>
    <p class="hint" id="export-help">
      ${t(input, 'downloadHelp', input.count)}
      <span role="status">${status === 'busy' ? t(input, 'downloading') : status === 'done' ? t(input, 'downloaded') : ''}</span>
    </p>
  </div>`;
}

/** What to download: one event, or the dates of the view as one calendar named `title`. */
export type AgendaDownload = {
  lang: Lang;
  /** A concept's label (categories, themes) in `lang`. */
  labels(id: string): string | undefined;
} & (
  | { event: AgendaOccurrence['event']; occurrences?: undefined; events?: undefined; title?: undefined }
  | { occurrences: readonly AgendaOccurrence[]; title: string; event?: undefined; events?: undefined }
  | {
      events: readonly AgendaOccurrence['event'][];
      title: string;
      event?: undefined;
      occurrences?: undefined;
    }
);

/** Writes the .ics file (the ICS writer is its own chunk) and hands it to the browser as a download. */
export async function download(what: AgendaDownload): Promise<void> {
  const ics = await loadIcs();
  const { lang, labels } = what;
  const [text, name] = what.event
    ? [ics.eventToIcs(what.event, { lang, labels }), ics.icsFileName(what.event.title)]
    : [
        what.events
          ? ics.eventsToIcs(what.events, { lang, labels, name: what.title })
          : ics.occurrencesToIcs(what.occurrences, { lang, labels, name: what.title }),
        ics.icsFileName(what.title),
      ];
  downloadBlob(new Blob([text], { type: 'text/calendar;charset=utf-8' }), name);
}

/**
 * Downloads one event, one entry (every date of each event of a series) or the dates of the view
 * (`'selection'`). Never a file from records shown before their validation: it waits for the validated
 * feed and takes the events from it (a rejected event gives no file: resolves to false).
 */
export async function downloadWhat(
  el: AgendaExportElement,
  what: AgendaOccurrence | AgendaEntry | 'selection',
  /** The name of the view's calendar. */
  title: string,
): Promise<boolean> {
  const { lang } = el.l10n;
  const store = el.store;
  const labels = (id: string) => store?.concept(id)?.label[lang];
  if (store?.getState().validating) await store.load();
  if (what === 'selection') {
    await download({ lang, labels, occurrences: viewOccurrences(el), title });
    return true;
  }
  const ids = new Set('key' in what ? what.events.map((e) => e.id) : [what.event.id]);
  const events = store?.getState().feed?.events.filter((e) => ids.has(e.id)) ?? [];
  const [first] = events;
  if (!first) return false;
  await download(
    events.length === 1 ? { lang, labels, event: first } : { lang, labels, events, title: first.title },
  );
  return true;
}

/** What the download of the view reaches in `<ess-agenda>` (its state). */
export interface AgendaExportElement {
  readonly connector: AgendaListConnector | undefined;
  readonly agenda: AgendaState | undefined;
  readonly view: string;
  readonly views: { viewOccurrences(host: AgendaViewHost): AgendaOccurrence[] } | undefined;
  readonly l10n: { readonly lang: Lang };
  readonly downloadStatus: '' | 'busy' | 'done';
  readonly store: FeedStore | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  download(what: 'selection'): Promise<void>;
}

/** The dates of the view (the list, or the month or week shown), for its .ics. */
export function viewOccurrences(el: AgendaExportElement): readonly AgendaOccurrence[] {
  const s = el.agenda;
  if (!el.connector || !s) return [];
  if (el.view !== 'list') return el.views?.viewOccurrences(el as unknown as AgendaViewHost) ?? [];
  return s.result.total ? s.result.occurrences : s.latestPast;
}

/** "Télécharger la sélection (.ics)" under the view, when it shows dates. */
export function renderViewExport(el: AgendaExportElement): TemplateResult | typeof nothing {
  const count = viewOccurrences(el).length;
  if (!count) return nothing;
  return renderExport({
    lang: el.l10n.lang,
    count,
    status: el.downloadStatus,
    download: () => void el.download('selection'),
  });
}
