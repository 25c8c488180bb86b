/**
 * One facet's checkboxes with their counts (the directory's and the agenda's filters): the first
 * `limit` values and the selected ones, a button for the others.
 */
import { html, nothing, type TemplateResult } from 'lit';

/** One value of a facet, as the SDK's connectors give it. */
export interface FacetValueView {
  readonly value: string;
  readonly count: number;
  readonly selected: boolean;
  readonly label?: string | undefined;
}

export interface FacetListInput {
  /** The fieldset's legend. */
  legend: string;
  /** The values, most frequent first. */
  values: readonly FacetValueView[] | undefined;
  /** Values shown before "Voir plus". */
  limit: number;
  /** All values are shown. */
  expanded: boolean;
  /** A value's label in the page's language. */
  label(value: string, label?: string): string;
  /** A number in the page's locale. */
  number(n: number): string;
  /** The person ticked or unticked a value. */
  toggle(value: string): void;
  /** The person asked for more or fewer values. */
  setExpanded(expanded: boolean): void;
  /** "Voir 12 de plus". */
  moreText(more: number): string;
  /** "Voir moins". */
  fewerText: string;
}

export function facetList(input: FacetListInput): TemplateResult | typeof nothing {
  const { values, expanded, limit } = input;
  if (!values?.length) return nothing;
  const shown = expanded ? values : values.filter((v, i) => i < limit || v.selected);
  const more = values.length - shown.length;
  return html`<fieldset part="facet" class="facet">
    <legend>${input.legend}</legend>
    <ul>
      ${shown.map(
        (v) => html`<li>
          <label>
            <input type="checkbox" .checked=${v.selected} @change=${() => input.toggle(v.value)} />
            <span>${input.label(v.value, v.label)}</span>
            <span class="count">(${input.number(v.count)})</span>
          </label>
        </li>`,
      )}
    </ul>
    ${
      values.length > limit
        ? html`<button type="button" class="link" @click=${() => input.setExpanded(!expanded)}>
          ${expanded ? input.fewerText : input.moreText(more)}
        </button>`
        : nothing
    }
  </fieldset>`;
}
