import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LanguageProvider, takeDeviceToken, StatusScreen } from '@layso/ui-kit';
import '@layso/ui-kit/tokens.css';
import '../shared/screens.css';
import '../counter-top/counter-top.css';
import { CounterTopApp } from '../counter-top/CounterTopApp.js';
import { SHARED } from '../shared/messages.js';

// The page answers /counter-top/<counterId>; its token (paired to that counter) rides in the fragment.
const counterId = Number(/\/counter-top\/(\d+)/.exec(window.location.pathname)?.[1] ?? NaN);
const token = takeDeviceToken('counter-top');
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <LanguageProvider value="vi">
      {token && Number.isInteger(counterId) ? (
        <CounterTopApp token={token} counterId={counterId} />
      ) : (
        <StatusScreen title={SHARED.pairTitle} text={SHARED.pairText} testId="pairing" />
      )}
    </LanguageProvider>
  </StrictMode>,
);
