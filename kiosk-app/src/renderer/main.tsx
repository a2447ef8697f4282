import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LanguageProvider, StatusScreen } from '@layso/ui-kit';
import '@layso/ui-kit/tokens.css';
import './kiosk.css';
import { App } from './App.js';
import { loadEnv } from './env.js';
import { M } from './messages.js';

const root = createRoot(document.getElementById('root') as HTMLElement);
const env = await loadEnv();
root.render(
  <StrictMode>
    <LanguageProvider value={env?.language ?? 'vi'}>
      {env ? <App env={env} /> : <StatusScreen title={M.pairTitle} text={M.pairText} testId="pairing" />}
    </LanguageProvider>
  </StrictMode>,
);
