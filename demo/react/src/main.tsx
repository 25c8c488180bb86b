import { createFeedStore } from '@essaim/sdk';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

// The embedded default feed, served from the repository root (`pnpm demo`); in your application, your
// feed's manifest URL. One store for the page, created once, outside React's render.
const store = createFeedStore({ feed: new URL('/data/feed/manifest.json', document.baseURI).href });

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App store={store} />
    </StrictMode>,
  );
