import { useState, useSyncExternalStore } from 'react';
import type { FeedStore } from '@essaim/sdk';
import '@essaim/elements/define/ess-feed';
import '@essaim/elements/define/ess-directory';

/**
 * React 19 renders custom elements natively: props the element has become properties (`store`,
 * `departements`, `pageSize`), others attributes; `on<event-name>` props become listeners.
 * `import type {} from '@essaim/elements/react'` (in vite-env.d.ts) types all of it.
 *
 * The application and the widgets share one search: the SDK's feed store, created by the application
 * and handed to `<ess-feed>`; React reads its state with useSyncExternalStore.
 */
export function App({ store }: { store: FeedStore }) {
  const [selected, setSelected] = useState<string>();
  const search = useSyncExternalStore(
    (onChange) => store.search.subscribe(onChange),
    () => store.search.getState(),
  );
  return (
    <>
      <h1>Essaim dans une application React 19</h1>
      <p id="total">
        L’application voit {search.result.total} structures pour « {search.query.text ?? ''} ».
      </p>
      <ess-feed store={store}>
        <ess-directory
          heading="Annuaire (React)"
          headingLevel={2}
          departements="75"
          pageSize={10}
          oness-select={(event) => setSelected(event.detail.id)}
        />
      </ess-feed>
      <p id="selected" role="status">
        {selected ? `Structure choisie : ${selected}` : ''}
      </p>
    </>
  );
}
