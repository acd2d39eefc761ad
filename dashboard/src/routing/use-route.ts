import { useSyncExternalStore } from 'react';
import { type Route, parseRoute } from './routes.js';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The current page, re-rendered on every hash change (links, back and forward). */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentHash, () => ''));
}
