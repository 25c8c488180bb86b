import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

// The embedded default feed, served from the repository root (`pnpm demo`); in your application, your
// feed's manifest URL.
const feed = new URL('/data/feed/manifest.json', document.baseURI).href;

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App feed={feed} />
    </StrictMode>,
  );
