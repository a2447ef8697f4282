import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { PublicTicket } from '@layso/protocol';
import { LanguageProvider } from '@layso/ui-kit/components';
import '@layso/ui-kit/tokens.css';
import '../phone/ticket-page.css';
import { TicketPage } from '../phone/TicketPage.js';

/** The ticket as the server read it when it sent the page (painted at once, before the stream connects). */
function initial(): PublicTicket | null {
  const text = document.getElementById('ticket-data')?.textContent;
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && 'number' in value ? (value as PublicTicket) : null;
  } catch {
    return null;
  }
}

// The page answers /t/<tracking code> (the ticket's QR); the code is read from the address.
const code = decodeURIComponent(window.location.pathname.split('/')[2] ?? '');
const root = document.getElementById('root');
if (root) {
  // The server drew the ticket plainly for the first paint; the app takes the root over in the same task.
  root.textContent = '';
  createRoot(root).render(
    <StrictMode>
      <LanguageProvider value="vi">
        <TicketPage code={code} initial={initial()} />
      </LanguageProvider>
    </StrictMode>,
  );
}
