import { normalizeBookingCode } from '@layso/protocol/booking-input';
import '@layso/ui-kit/tokens.css';
import '../phone/ticket-page.css';
import '../phone/booking/booking.css';
import { BookingPage } from '../phone/booking/BookingPage.js';
import { codeFromPath, mountPhonePage } from '../phone/mount.js';

// The page answers /b/<booking code> (the booking's QR).
mountPhonePage(<BookingPage code={codeFromPath(normalizeBookingCode)} />);
