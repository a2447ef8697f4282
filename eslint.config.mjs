// Lint enforces the import table of ../shared/DESIGN.md ("Parts"): each part may import only what it lists.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_ONLY = ['node:*', 'fs', 'path', 'net', 'http', 'https', 'child_process', 'os', 'crypto'];
const HARDWARE_AND_SERVER = ['electron', 'better-sqlite3', 'node-hid', 'serialport', 'fastify', 'socket.io'];
const ours = (...names) => names.map((n) => `@layso/${n}`);

const SERVER_PARTS = {
  group: ours('kiosk-app', 'counter-display', 'admin-app', 'test', 'province-hub'),
  message: 'queue-server may import only protocol and printer-drivers (DESIGN.md, Parts).',
};
const NO_DEMO = {
  group: ['**/demo/**'],
  message:
    'Production code imports no demo/: only main.ts seeds the demo center (and the simulate CLI runs its plan).',
};
/** Tests, test support (index.ts: the library cross-part tests import), the demo and its two callers use demo/. */
const SERVER_NOT_PRODUCTION = [
  'queue-server/src/**/*.test.ts',
  'queue-server/src/testing/**',
  'queue-server/src/demo/**',
  'queue-server/src/index.ts',
  'queue-server/src/main.ts',
  'queue-server/src/cli/simulate.ts',
];
/** A zone of queue-server: its own restrictions on top of the parts rule (a later config replaces the rule whole). */
const serverZone = (...zones) => ({
  'no-restricted-imports': ['error', { patterns: [SERVER_PARTS, ...zones] }],
});

/** @param {string[]} patterns @param {string} why */
const forbid = (patterns, why) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message: why }] }],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'test-results/**',
      'data/**',
      'coverage/**',
      'bench-results/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Tests read JSON replies of many shapes; asserting on them is the point, typing them adds nothing.
    files: ['**/*.test.ts', '**/testing/**/*.ts', 'test/**/*.ts', '**/bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['protocol/**/*.ts'],
    rules: forbid(
      [...NODE_ONLY, ...HARDWARE_AND_SERVER, '@layso/*'],
      'protocol holds the typed contract only: no I/O and no other part of ours (DESIGN.md, Parts).',
    ),
  },
  {
    files: ['printer-drivers/**/*.ts'],
    rules: forbid(['@layso/*'], 'printer-drivers is a standalone library: it imports nothing of ours.'),
  },
  {
    // What both servers share (DESIGN.md, Parts): Node code, but neither server's, and no screen's.
    files: ['server-kit/**/*.ts'],
    rules: forbid(
      [
        ...ours(
          'queue-server',
          'province-hub',
          'printer-drivers',
          'ui-kit',
          'kiosk-app',
          'counter-display',
          'admin-app',
          'test',
        ),
        'electron',
        'better-sqlite3',
        'pg',
        'node-hid',
        'serialport',
        'socket.io',
      ],
      'server-kit may import only protocol of ours: both servers import it, it imports neither (DESIGN.md, Parts).',
    ),
  },
  {
    files: ['queue-server/**/*.ts'],
    rules: forbid(SERVER_PARTS.group, SERVER_PARTS.message),
  },
  {
    // The demo center is seeded by main.ts (and tests); the running server knows nothing of it.
    files: ['queue-server/src/**/*.ts'],
    ignores: SERVER_NOT_PRODUCTION,
    rules: serverZone(NO_DEMO),
  },
  {
    // The SQL layer is beneath the application: it imports neither app/ nor http/.
    files: ['queue-server/src/db/**/*.ts'],
    ignores: SERVER_NOT_PRODUCTION,
    rules: serverZone(NO_DEMO, {
      group: ['**/app/**', '**/http/**', '**/realtime/**'],
      message: 'db/ is the SQL layer: it imports no app/, http/ or realtime/ (CONVENTIONS 6).',
    }),
  },
  {
    // The gateway and the routes are siblings: what they share lives in src/context.ts.
    files: ['queue-server/src/realtime/**/*.ts'],
    ignores: SERVER_NOT_PRODUCTION,
    rules: serverZone(NO_DEMO, {
      group: ['**/http/**'],
      message: 'realtime/ imports no http/: what both need lives outside them (src/context.ts).',
    }),
  },
  {
    files: ['queue-server/src/domain/**/*.ts'],
    rules: {
      ...forbid(
        [
          ...NODE_ONLY,
          ...HARDWARE_AND_SERVER,
          ...SERVER_PARTS.group,
          '@layso/printer-drivers',
          '**/db/**',
          '**/http/**',
          '**/realtime/**',
          '**/sync/**',
          '**/printing/**',
          '../*',
        ],
        'domain/ is the pure core: functions and types only, no adapters and no I/O (CONVENTIONS 3).',
      ),
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'domain/ takes an injected clock (CONVENTIONS 3).' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'domain/ takes an injected clock (CONVENTIONS 3).',
        },
      ],
    },
  },
  {
    // The province hub is a server on PostgreSQL: of ours it imports protocol and server-kit, for now (its screens
    // will use ui-kit); no SQLite, no hardware.
    files: ['province-hub/**/*.ts'],
    // Its screens (web/) are a React app: the apps' rule below.
    ignores: ['province-hub/web/**'],
    rules: forbid(
      [
        ...ours(
          'queue-server',
          'printer-drivers',
          'ui-kit',
          'kiosk-app',
          'counter-display',
          'admin-app',
          'test',
        ),
        'electron',
        'better-sqlite3',
        'node-hid',
        'serialport',
      ],
      'province-hub may import only protocol and server-kit of ours, for now (DESIGN.md, Parts).',
    ),
  },
  {
    // ui-kit is what every screen shares: it may import protocol, react and socket.io-client, nothing else — and
    // chart.js in charts.tsx only (a subpath of its own, which only the report screens import).
    files: ['ui-kit/src/**/*.{ts,tsx}'],
    ignores: ['ui-kit/src/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(?!\\.{1,2}/|@layso/protocol(/errors|/phone-paths|/feedback-input|/feedback-labels|/notice-consent)?$|react(-dom)?(/.*)?$|socket\\.io-client$)',
              message: 'ui-kit may import only protocol, react and socket.io-client (DESIGN.md, Parts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['ui-kit/src/charts.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/|react(-dom)?(/.*)?$|chart\\.js$)',
              message: 'ui-kit/charts may import only react, chart.js and ui-kit itself (DESIGN.md, Parts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'counter-display/**/*.{ts,tsx}',
      'admin-app/**/*.{ts,tsx}',
      'kiosk-app/src/renderer/**/*.{ts,tsx}',
      'province-hub/web/**/*.{ts,tsx}',
    ],
    // The build's own config runs in Node, not in a screen.
    ignores: [
      'counter-display/vite.config.ts',
      'counter-display/vite.phone.config.ts',
      'admin-app/vite.config.ts',
      'province-hub/web/vite.config.ts',
    ],
    languageOptions: { globals: { ...globals.browser } },
    // Nor does one app reach into another's folder: what two apps share belongs in ui-kit.
    rules: forbid(
      [
        ...NODE_ONLY,
        ...HARDWARE_AND_SERVER,
        ...ours(
          'queue-server',
          'printer-drivers',
          'kiosk-app',
          'counter-display',
          'admin-app',
          'test',
          'province-hub',
          'server-kit',
        ),
        '**/kiosk-app/**',
        '**/counter-display/**',
        '**/admin-app/**',
      ],
      'React apps may import only protocol and ui-kit (DESIGN.md, Parts; CONVENTIONS 11).',
    ),
  },
  {
    // The CCCD parser runs in the renderer and in Electron's main process: pure, it imports nothing.
    files: ['kiosk-app/src/cccd/**/*.ts'],
    ignores: ['kiosk-app/src/cccd/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '.', message: 'cccd/ is pure: it imports nothing (it runs in the renderer and main).' },
          ],
        },
      ],
    },
  },
  {
    files: ['kiosk-app/src/main/**/*.ts', 'kiosk-app/src/preload/**/*.ts'],
    rules: forbid(
      ours('queue-server', 'counter-display', 'admin-app', 'test', 'province-hub', 'server-kit'),
      'kiosk-app main/preload may import only protocol and printer-drivers (DESIGN.md, Parts).',
    ),
  },
);
