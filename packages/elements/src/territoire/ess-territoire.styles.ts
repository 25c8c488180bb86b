import { css } from 'lit';

/**
 * Styles of `<ess-territoire>`, in the `essaim` layer: key figures as a grid of tiles, tables whose bars
 * only repeat the figure written beside them, and a print layout (the "fiche territoire": A4 when the
 * host page sets `@page { size: A4 }`, which a shadow root cannot) without buttons, with every table
 * kept whole where it fits and the long lists of parts cut to their first rows (the CSV has them all).
 */
export const territoireStyles = css`
  @layer essaim {
    :host {
      container: ess-territoire / inline-size;
      --_bar: var(--ess-territoire-bar, var(--_primary));
    }
    header {
      margin-block-end: var(--_space);
    }
    h2,
    h3,
    h4,
    h5,
    h6 {
      margin-block: 1.25rem 0.5rem;
      line-height: 1.25;
    }
    .level {
      font-weight: normal;
      color: var(--_muted);
    }
    .subtitle,
    .muted {
      color: var(--_muted);
      margin-block: 0.25rem;
    }
    .caveat {
      border-inline-start: 4px solid var(--_warning);
      background: var(--_warning-bg);
      padding-block: 0.5rem;
      padding-inline: 0.75rem;
    }
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
      gap: 0.5rem;
      margin: 0;
    }
    .figures > div {
      background: var(--_surface-alt);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5rem 0.75rem;
      display: flex;
      flex-direction: column-reverse;
      justify-content: flex-end;
    }
    .figures > div.wide {
      grid-column: 1 / -1;
    }
    .figures dt {
      color: var(--_muted);
    }
    .figures dd {
      margin: 0;
      font-size: 1.75rem;
      font-weight: bold;
      line-height: 1.2;
    }
    .figures dd.text {
      font-size: 1.125rem;
    }
    .figures small {
      display: block;
      font-size: 0.8125rem;
      font-weight: normal;
      color: var(--_muted);
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
      column-gap: calc(var(--_space) * 1.5);
    }
    table {
      border-collapse: collapse;
      inline-size: 100%;
      margin-block: 0.25rem;
    }
    caption {
      text-align: start;
      font-weight: bold;
      padding-block: 0.25rem;
    }
    th,
    td {
      text-align: start;
      padding-block: 0.25rem;
      padding-inline: 0.375rem;
      border-block-end: 1px solid var(--_border);
      vertical-align: top;
      overflow-wrap: anywhere;
    }
    thead th {
      font-size: 0.875rem;
      color: var(--_muted);
    }
    tbody th {
      font-weight: normal;
    }
    .num {
      text-align: end;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    tr.none th {
      font-style: italic;
    }
    .bar {
      display: block;
      inline-size: 100%;
      min-inline-size: 4rem;
      block-size: 0.375rem;
      margin-block-start: 0.125rem;
    }
    .bar rect {
      fill: var(--_bar);
    }
    /* Windows high contrast: the bar keeps a system colour. */
    @media (forced-colors: active) {
      .bar rect {
        fill: CanvasText;
      }
    }
    .scroll {
      max-block-size: 28rem;
      overflow: auto;
    }
    .scroll:focus-visible {
      outline: var(--_focus-ring);
    }
    .indicators th small {
      display: block;
      font-weight: normal;
    }
    /* The communes map (MapLibre's stylesheet is adopted with the map). */
    .communes-map {
      position: relative;
      overflow: hidden;
      block-size: clamp(14rem, 60vw, 26rem);
      border: 1px solid var(--_border);
      color: var(--_primary);
    }
    .map-legend {
      display: flex;
      gap: 0.5rem;
      align-items: flex-end;
    }
    .map-legend svg {
      flex: none;
      fill: color-mix(in srgb, var(--_primary) 55%, transparent);
      stroke: var(--_primary);
    }
    .networks,
    .events,
    .coverage ul {
      padding-inline-start: 1.25rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-block-start: var(--_space);
    }
    .print-only {
      display: none;
    }
    @media print {
      .print-only {
        display: block;
      }
      :host {
        font-size: 9pt;
        line-height: 1.3;
        color: #000;
        background: #fff;
      }
      .actions,
      .communes-map,
      .map-legend,
      .map-credit,
      .screen-only,
      [part~='loading'],
      [role='status'] {
        display: none !important;
      }
      h2,
      h3,
      h4,
      h5,
      h6 {
        margin-block: 0.6rem 0.2rem;
        break-after: avoid;
      }
      .subtitle,
      .muted,
      .caveat {
        margin-block: 0.15rem;
      }
      .figures {
        grid-template-columns: repeat(3, 1fr);
        gap: 0.25rem;
      }
      .figures > div {
        padding: 0.2rem 0.4rem;
      }
      .figures dd {
        font-size: 13pt;
      }
      .figures dd.text {
        font-size: 10pt;
      }
      .charts {
        grid-template-columns: 1fr 1fr;
        column-gap: 1rem;
      }
      th,
      td {
        padding-block: 0.05rem;
        padding-inline: 0.2rem;
      }
      .bar {
        display: inline-block;
        inline-size: 2.5rem;
        min-inline-size: 0;
        margin-block: 0;
        margin-inline-start: 0.25rem;
        vertical-align: middle;
      }
      .bar rect {
        fill: #000;
      }
      .scroll {
        max-block-size: none;
        overflow: visible;
      }
      tr {
        break-inside: avoid;
      }
    }
  }
`;
