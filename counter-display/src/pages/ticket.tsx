import type { PublicTicket } from '@layso/protocol';
import '@layso/ui-kit/tokens.css';
import '../phone/ticket-page.css';
import { TicketPage } from '../phone/TicketPage.js';
import { mountPhonePage, codeFromPath } from '../phone/mount.js';

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

// The page answers /t/<tracking code> (the ticket's QR).
const code = codeFromPath();
mountPhonePage(<TicketPage code={code} initial={initial()} />);
