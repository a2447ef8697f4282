#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (the library has no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/print.ts');
