import '@layso/ui-kit/tokens.css';
import '../phone/ticket-page.css';
import '../phone/booking/booking.css';
import { BookPage } from '../phone/booking/BookPage.js';
import { mountPhonePage } from '../phone/mount.js';

// The booking page /dat-lich (the center's site and its QR poster link here).
mountPhonePage(<BookPage />);
