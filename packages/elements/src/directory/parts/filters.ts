/** The directory's facets (checkboxes with counts), in the shared facet list template. */
import type { nothing, TemplateResult } from 'lit';
import type { Args } from '../../i18n/dictionary.ts';
import { facetList } from '../../internal/facet-list.ts';
import type { DirectoryMessages } from '../ess-directory.i18n.ts';
import type { FacetName, SearchState } from '../types.ts';

/** The facets shown, in this order. */
const FACETS: readonly FacetName[] = ['family', 'legalForms', 'themes', 'publics', 'departement', 'commune'];
const FACET_LIMIT = 8;

/** What the facets need from the element. */
export interface FiltersHost {
  t<K extends keyof DirectoryMessages>(key: K, ...args: Args<DirectoryMessages[K]>): string;
  state: SearchState | undefined;
  expanded: ReadonlySet<FacetName>;
  label(name: FacetName, value: string, label?: string): string;
  number(n: number): string;
  toggle(name: FacetName, value: string): void;
  setExpanded(next: ReadonlySet<FacetName>): void;
}

export function renderFacets(h: FiltersHost): (TemplateResult | typeof nothing)[] {
  return FACETS.map((name) => {
    const expanded = h.expanded.has(name);
    return facetList({
      legend: h.t(`facet_${name}` as keyof DirectoryMessages & `facet_${string}`),
      values: h.state?.result.facets[name],
      limit: FACET_LIMIT,
      expanded,
      label: (value, label) => h.label(name, value, label),
      number: h.number,
      toggle: (value) => h.toggle(name, value),
      setExpanded: (open) => {
        const next = new Set(h.expanded);
        if (open) next.add(name);
        else next.delete(name);
        h.setExpanded(next);
      },
      moreText: (more) => h.t('showMoreValues', more),
      fewerText: h.t('showFewerValues'),
    });
  });
}
