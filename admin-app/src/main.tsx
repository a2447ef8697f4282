import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LanguageProvider } from '@layso/ui-kit';
import '@layso/ui-kit/tokens.css';
import '@layso/ui-kit/sign-in.css';
// The pages' own styles first: admin.css's phone and print rules come last and win.
import './floor.css';
import './reports.css';
import './simulation.css';
import './dossiers.css';
import './bookings.css';
import './feedback.css';
import './admin.css';
import { AdminApp } from './App.js';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <LanguageProvider value="vi">
      <AdminApp />
    </LanguageProvider>
  </StrictMode>,
);
