import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LanguageProvider, takeDeviceToken, StatusScreen } from '@layso/ui-kit';
import '@layso/ui-kit/tokens.css';
import '../shared/screens.css';
import '../display/display.css';
import { DisplayApp } from '../display/DisplayApp.js';
import { SHARED } from '../shared/messages.js';

const token = takeDeviceToken('display');
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <LanguageProvider value="vi">
      {token ? (
        <DisplayApp token={token} />
      ) : (
        <StatusScreen title={SHARED.pairTitle} text={SHARED.pairText} testId="pairing" />
      )}
    </LanguageProvider>
  </StrictMode>,
);
