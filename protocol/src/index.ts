export * from './enums.js';
export * from './errors.js';
export * from './rest.js';
export * from './dossier.js';
export * from './kiosk.js';
export * from './events.js';
export * from './screens.js';
export * from './reports.js';
