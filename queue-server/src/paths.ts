import { fileURLToPath } from 'node:url';

/**
 * A file the server reads beside its code, by its path under `src/` (e.g. `demo/catalogue.csv`). This module sits
 * in `src/` when run from TypeScript and is bundled into a flat `dist/<entry>.js` when compiled, where the build
 * copies the same files to the same relative places (scripts/build-node.mjs): one base, both ways.
 */
export function assetPath(relative: string): string {
  return fileURLToPath(new URL(relative, new URL('./', import.meta.url)));
}
