#!/usr/bin/env node
// The compiled CLI (`npm run build -w printer-drivers` writes dist/); no TypeScript loader at run time.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/print.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('layso-print: chưa biên dịch, chạy / not built, run: npm run build -w printer-drivers');
  process.exit(1);
}
await import(entry.href);
