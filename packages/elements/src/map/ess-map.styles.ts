/**
 * The styles of `<ess-map>`: its layout, list, legend and popups. MapLibre's own stylesheet is added to
 * the shadow root with MapLibre, when the first map is created (parts/maplibre.ts).
 */
import { css, unsafeCSS } from 'lit';
import { EVENT_COLOR } from './parts/colors.ts';

export const mapStyles = [
  css`
  @layer essaim {
    :host {
      /* At most 60 % of a phone's screen: the page above and below stays within a swipe's reach. */
      block-size: var(--ess-map-height, min(calc(28*var(--_rem)), 60svh));
      min-block-size: 16em;
      --_map-event: var(--ess-map-event-color, light-dark(${unsafeCSS(EVENT_COLOR.light)}, ${unsafeCSS(EVENT_COLOR.dark)}));
    }
    :host(:fullscreen) {
      block-size: 100%;
      background: var(--_surface);
    }
    .base {
      display: flex;
      flex-direction: column;
      block-size: 100%;
      position: relative;
      container-type: inline-size;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      padding-block-end: 0.5em;
    }
    /* The map and its list: the list below the map in a narrow element, beside it from 40em; never
       over the map's controls, and the map keeps the height its four controls need. */
    .stage {
      display: flex;
      flex-direction: column;
      flex: 1 1 auto;
      min-block-size: 0;
      gap: 0.5em;
    }
    #map {
      flex: 1 1 auto;
      min-block-size: 13em;
      position: relative;
    }
    @container (min-width: 40em) {
      .stage {
        flex-direction: row;
      }
      .stage .list.open {
        flex: 0 0 min(20em, 40%);
        max-block-size: none;
      }
    }
    /* Without a map, the list has the whole element. */
    .unavailable .stage .list {
      flex: 1 1 auto;
      max-block-size: none;
    }
    .pager {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      margin-block-start: 0.5em;
    }
    .list {
      max-block-size: 12em;
      overflow: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5em;
      background: var(--_surface);
    }
    .list:not(.open):not(:focus-within) {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      padding: 0;
      margin: -1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
      border: 0;
    }
    .list h2 {
      font-size: var(--_rem);
      margin-block: 0 0.25em;
      margin-inline: 0;
    }
    .list p {
      margin-block: 0 0.25em;
      margin-inline: 0;
    }
    .list ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .list li button {
      inline-size: 100%;
      text-align: start;
      border-color: transparent;
      min-block-size: 2em;
    }
    .list li button[aria-pressed='true'] {
      border-color: var(--_primary);
      background: var(--_surface-alt);
    }
    /* Forced colours (Windows high contrast): MapLibre's controls show focus with a box-shadow only,
       which forced colours remove: an outline in the system's colour instead (important: MapLibre's
       own sheet, outside any layer, sets outline: none). */
    @media (forced-colors: active) {
      .maplibregl-ctrl button:focus-visible,
      .maplibregl-ctrl-attrib-button:focus-visible,
      .maplibregl-popup-close-button:focus-visible,
      .maplibregl-canvas:focus-visible {
        outline: var(--_focus-width) solid Highlight !important;
        outline-offset: calc(-1 * var(--_focus-width)) !important;
      }
      .list li button[aria-pressed='true'] {
        forced-color-adjust: none;
        background: Highlight;
        color: HighlightText;
      }
    }
    /* The popup: its title clear of the close button (a 2em square in the corner), in the widget's
       font and colours. Important: MapLibre's own sheet, outside any layer, sets the content's padding,
       its white background, the tip's colour and the map's 12px font. */
    .maplibregl-popup-content {
      font-size: var(--_rem) !important;
      line-height: var(--ess-line-height, 1.5) !important;
      font-family: var(--ess-font-family, inherit);
      color: var(--_text);
      background: var(--_surface) !important;
      padding-block: 0.5em !important;
      padding-inline: 0.75em 2.5em !important;
    }
    .maplibregl-map {
      font-family: inherit !important;
    }
    .maplibregl-popup-close-button {
      inline-size: 2em;
      block-size: 2em;
      min-block-size: 0;
      padding: 0;
      border: 0;
      font-size: 1.125em;
      line-height: 1;
      color: var(--_text);
      background: transparent;
    }
    .maplibregl-popup-anchor-top .maplibregl-popup-tip,
    .maplibregl-popup-anchor-top-left .maplibregl-popup-tip,
    .maplibregl-popup-anchor-top-right .maplibregl-popup-tip {
      border-bottom-color: var(--_surface) !important;
    }
    .maplibregl-popup-anchor-bottom .maplibregl-popup-tip,
    .maplibregl-popup-anchor-bottom-left .maplibregl-popup-tip,
    .maplibregl-popup-anchor-bottom-right .maplibregl-popup-tip {
      border-top-color: var(--_surface) !important;
    }
    .maplibregl-popup-anchor-left .maplibregl-popup-tip {
      border-right-color: var(--_surface) !important;
    }
    .maplibregl-popup-anchor-right .maplibregl-popup-tip {
      border-left-color: var(--_surface) !important;
    }
    .popup p {
      margin: 0;
    }
    .popup .popup-title {
      font-weight: 700;
    }
    .popup em {
      font-size: 0.875em;
    }
    .popup .linked {
      margin-block-start: 0.5em;
    }
    .popup .linked-title {
      font-size: 0.875em;
      color: var(--_muted);
    }
    .popup ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .popup button.link {
      display: inline;
      min-block-size: 1.5em;
      padding: 0;
      border: 0;
      background: none;
      color: var(--_primary);
      text-align: start;
      text-decoration: underline;
    }
    .popup .hint {
      font-size: 0.875em;
      color: var(--_muted);
    }
    /* The legend: the symbols as drawn, in a wrapping line; with both kinds, a checkbox each. */
    .legend ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 1em;
      list-style: none;
      margin: 0;
      padding: 0;
      font-size: 0.875em;
    }
    .legend li,
    .legend label {
      display: inline-flex;
      align-items: center;
      gap: 0.35em;
    }
    .legend label {
      min-block-size: 1.5rem;
      cursor: pointer;
    }
    .legend input {
      inline-size: 1.25em;
      block-size: 1.25em;
      margin: 0;
    }
    .legend {
      padding-block-end: 0.5em;
    }
    .symbol {
      inline-size: 1em;
      block-size: 1em;
      flex: none;
      vertical-align: -0.125em;
      fill: var(--_primary);
      stroke: var(--_surface);
      stroke-width: 1.5;
    }
    .symbol.events {
      fill: var(--_map-event);
    }
    .symbol.hollow {
      fill: var(--_surface);
      stroke: var(--_primary);
      stroke-width: 3;
    }
    .symbol.events.hollow {
      stroke: var(--_map-event);
    }
    .list li button .symbol {
      margin-inline-end: 0.35em;
    }
    @media (forced-colors: active) {
      .symbol {
        fill: CanvasText;
        stroke: Canvas;
      }
      .symbol.hollow {
        fill: Canvas;
        stroke: CanvasText;
      }
    }
  }
`,
];
