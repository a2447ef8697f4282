import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LanguageProvider } from '@layso/ui-kit';
import '@layso/ui-kit/tokens.css';
import '@layso/ui-kit/sign-in.css';
import './hub.css';
import './hub-pages.css';
import { HubApp } from './App.js';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <LanguageProvider value="vi">
      <HubApp />
    </LanguageProvider>
  </StrictMode>,
);
