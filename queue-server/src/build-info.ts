/**
 * What build is running. The production build (`npm run build`) replaces `__LAYSO_BUILD__` with the commit and
 * the time it was built; run from source (tsx, tests) it is undefined and the build says "source".
 */
declare const __LAYSO_BUILD__: { commit: string; builtAt: string } | undefined;

export interface BuildInfo {
  /** The package version. */
  version: string;
  /** Git commit the build was made from; "source" when run from TypeScript. */
  commit: string;
  /** ISO time of the build; null when run from TypeScript. */
  builtAt: string | null;
  compiled: boolean;
}

export const VERSION = '0.1.0';

export const BUILD: BuildInfo =
  typeof __LAYSO_BUILD__ === 'undefined'
    ? { version: VERSION, commit: 'source', builtAt: null, compiled: false }
    : { version: VERSION, commit: __LAYSO_BUILD__.commit, builtAt: __LAYSO_BUILD__.builtAt, compiled: true };
