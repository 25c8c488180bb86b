import { useState } from 'react';
import '@essaim/elements/define/ess-feed';
import '@essaim/elements/define/ess-directory';

/**
 * React 19 renders custom elements natively: props the element has become properties (`src`,
 * `departements`, `pageSize`), others attributes; `on<event-name>` props become listeners.
 * `import type {} from '@essaim/elements/react'` (in vite-env.d.ts) types all of it.
 */
export function App({ feed }: { feed: string }) {
  const [selected, setSelected] = useState<string>();
  return (
    <>
      <h1>Essaim dans une application React 19</h1>
      <ess-feed src={feed}>
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
