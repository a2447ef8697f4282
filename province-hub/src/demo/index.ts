export { DEMO_SITES, repoRoot, startProvince } from './province.js';
export type { DemoSite, Province, ProvinceOptions, ProvinceSite } from './province.js';
export { Relay } from './relay.js';
export type { Child } from './child.js';
