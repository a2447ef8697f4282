import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LanguageProvider } from '@layso/ui-kit';
import '@layso/ui-kit/tokens.css';
import '../citizen/dossier-page.css';
import { DossierPage } from '../citizen/DossierPage.js';

// The page answers /h/<dossier code> (the QR of a Mẫu 01 slip); the code is read from the address.
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <LanguageProvider value="vi">
      <DossierPage path={window.location.pathname} />
    </LanguageProvider>
  </StrictMode>,
);
