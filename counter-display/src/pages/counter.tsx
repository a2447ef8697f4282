import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LanguageProvider } from '@layso/ui-kit';
import '@layso/ui-kit/tokens.css';
import '../shared/screens.css';
import '../console/console.css';
import '@layso/ui-kit/sign-in.css';
import '../console/choose-counter.css';
import { ConsoleApp } from '../console/App.js';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <LanguageProvider value="vi">
      <ConsoleApp />
    </LanguageProvider>
  </StrictMode>,
);
