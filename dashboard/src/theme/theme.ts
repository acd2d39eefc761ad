import { useCallback, useEffect, useState } from 'react';

/** `system` follows prefers-color-scheme; the others pin a scheme for this browser. */
export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'swe-ai-fleet.theme';

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** The stylesheet reads `data-theme` on <html>; without it, the system's scheme applies. */
export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(stored);
  useEffect(() => {
    applyTheme(choice);
  }, [choice]);
  const choose = useCallback((next: ThemeChoice) => {
    try {
      if (next === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private windows may refuse storage: the choice then lasts until the page is closed.
    }
    setChoice(next);
  }, []);
  return [choice, choose];
}

/** Whether the page is dark right now, following the choice or the system, and its changes. */
export function useIsDark(): boolean {
  const read = () =>
    document.documentElement.dataset.theme === 'dark' ||
    (document.documentElement.dataset.theme !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  const [dark, setDark] = useState(() => (typeof document === 'undefined' ? false : read()));
  useEffect(() => {
    const update = () => setDark(read());
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', update);
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      media.removeEventListener('change', update);
      observer.disconnect();
    };
  }, []);
  return dark;
}
