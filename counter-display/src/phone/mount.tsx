import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { LanguageProvider } from '@layso/ui-kit/components';

/**
 * Mounts a citizen's phone page in `#root`, Vietnamese first. The server drew a plain first paint there (or a
 * "loading" line); the app takes the root over in the same task.
 */
export function mountPhonePage(page: ReactNode): void {
  const root = document.getElementById('root');
  if (!root) return;
  root.textContent = '';
  createRoot(root).render(
    <StrictMode>
      <LanguageProvider value="vi">{page}</LanguageProvider>
    </StrictMode>,
  );
}

/** The code in the address `/<page>/<code>` (a QR's or a typed one), in its canonical spelling when it has one. */
export function codeFromPath(normalize: (typed: string) => string | null = () => null): string {
  const typed = decodeURIComponent(window.location.pathname.split('/')[2] ?? '');
  return normalize(typed) ?? typed;
}
