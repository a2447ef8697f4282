/** The pure domain core (CONVENTIONS 3): types and functions only, no I/O, times handed in by the caller. */
export * from './types.js';
export * from './result.js';
export * from './time.js';
export * from './hours.js';
export * from './numbering.js';
export * from './tickets.js';
export * from './call-policy.js';
export * from './estimate.js';
export * from './simulate.js';
