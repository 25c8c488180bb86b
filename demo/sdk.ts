// The SDK alone, in plain DOM: load the embedded feed, search it, look up places. Everything from the feed
// is written with textContent (feed content is untrusted).
import { createFeedStore, loadPlaces, reportTotals } from '@essaim/sdk';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const store = createFeedStore({ feed: new URL('../data/feed/manifest.json', import.meta.url).href });

store.subscribe((state) => {
  const status = $('feed-status');
  if (state.status === 'loading') status.textContent = 'Chargement du flux…';
  if (state.status === 'error') status.textContent = state.error?.messages.fr ?? 'Erreur';
  if (state.status === 'ready' && state.feed) {
    const t = reportTotals(state.feed.report);
    status.textContent = `${state.feed.manifest.title} : ${state.feed.structures.length} structures, ${state.feed.events.length} évènements${state.stale ? ' (données en cache, peut-être anciennes)' : ''}.`;
    $('attribution').textContent = state.feed.manifest.attribution;
    $('report').textContent =
      `${t.received} reçus, ${t.accepted} acceptés, ${t.rejected} rejetés\n${JSON.stringify(state.feed.report.parts, null, 2)}`;
  }
});

store.search.refine({ pageSize: 10 });
store.search.subscribe(({ result }) => {
  $('count').textContent = `${result.total.toLocaleString('fr-FR')} résultat${result.total > 1 ? 's' : ''}`;
  const list = $('results');
  list.replaceChildren(
    ...result.hits.map((hit) => {
      const li = document.createElement('li');
      const name = document.createElement('strong');
      name.textContent = hit.record.name;
      li.append(name);
      const where = [
        hit.record.address?.commune,
        hit.distanceKm !== undefined ? `${hit.distanceKm.toFixed(1)} km` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      if (where) li.append(` — ${where}`);
      return li;
    }),
  );
});

$<HTMLInputElement>('q').addEventListener('input', (e) =>
  store.search.setText((e.target as HTMLInputElement).value),
);

const placeInput = $<HTMLInputElement>('place');
placeInput.addEventListener('input', async () => {
  const { searchPlaces } = await loadPlaces(); // the places data is fetched only now
  const matches = searchPlaces(placeInput.value, { limit: 8 });
  $('place-list').replaceChildren(
    ...matches.map((m) => Object.assign(document.createElement('option'), { value: m.label })),
  );
  const exact =
    matches.find((m) => m.label === placeInput.value) ?? (matches.length === 1 ? matches[0] : undefined);
  if (exact?.place.lat !== undefined && exact.place.lon !== undefined) {
    store.search.refine({
      near: { lat: exact.place.lat, lon: exact.place.lon, radiusKm: 10 },
      sort: 'distance',
    });
  } else if (!placeInput.value) {
    store.search.refine({ near: undefined, sort: undefined });
  }
});

void store.load();
$('search').addEventListener('submit', (e) => e.preventDefault());
