import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LanguageProvider } from '@layso/ui-kit';
import '@layso/ui-kit/tokens.css';
import '../shared/screens.css';
import '../shared/signin.css';
// The pages' own styles first: admin.css's phone and print rules come last and win.
import '../admin/floor.css';
import '../admin/reports.css';
import '../admin/simulation.css';
import '../admin/admin.css';
import { AdminApp } from '../admin/App.js';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <LanguageProvider value="vi">
      <AdminApp />
    </LanguageProvider>
  </StrictMode>,
);
