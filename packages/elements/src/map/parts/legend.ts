/**
 * The legend of the map, a list of its symbols (a disc for a structure, a diamond for an event, hollow
 * for a position at the commune centre), and, when the map shows both kinds, the layer toggle: one
 * checkbox per kind in that list, its change announced.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Args } from '../../i18n/dictionary.ts';
import type { mapMessages } from '../ess-map.i18n.ts';
import type { MapKind } from './items.ts';

type M = typeof mapMessages.fr;

/** The symbol of a kind, as drawn on the map (decorative: the text beside it says what it is). */
export function symbol(kind: MapKind, hollow = false) {
  const shape =
    kind === 'events' ? svg`<path d="M8 1.5 14.5 8 8 14.5 1.5 8Z" />` : svg`<circle cx="8" cy="8" r="6" />`;
  return html`<svg class="symbol ${kind} ${hollow ? 'hollow' : ''}" viewBox="0 0 16 16" aria-hidden="true" focusable="false">${shape}</svg>`;
}

export interface LegendHost {
  readonly kinds: readonly MapKind[];
  /** The kinds hidden by the toggle. */
  readonly hidden: ReadonlySet<MapKind>;
  /** Points drawn at their commune centre (the hollow symbol is explained only when there are some). */
  readonly approxCount: number;
  /** The live region that says what the toggle did (the element's `Announcer`). */
  readonly status: TemplateResult;
  toggle(kind: MapKind, visible: boolean): void;
  t<K extends keyof M>(key: K, ...args: Args<M[K]>): string;
}

export function renderLegend(host: LegendHost) {
  const { t, kinds } = host;
  const toggles = kinds.length > 1;
  const name = (kind: MapKind) => t(kind === 'events' ? 'layerEvents' : 'layerStructures');
  return html`<div class="legend" part="legend">
    <h2 class="sr-only" id="legend-title">${t('legendTitle')}</h2>
    <ul aria-labelledby="legend-title">
      ${kinds.map(
        (kind) => html`<li>
          ${
            toggles
              ? html`<label>
                <input
                  type="checkbox"
                  name="layer"
                  value=${kind}
                  .checked=${!host.hidden.has(kind)}
                  @change=${(e: Event) => host.toggle(kind, (e.target as HTMLInputElement).checked)}
                />
                ${symbol(kind)} ${name(kind)}
              </label>`
              : html`${symbol(kind)} ${name(kind)}`
          }
        </li>`,
      )}
      ${
        host.approxCount
          ? html`<li class="approx">
            ${kinds.map((kind) => symbol(kind, true))} ${t('approximateLegend')}
          </li>`
          : nothing
      }
    </ul>
    ${host.status}
  </div>`;
}
