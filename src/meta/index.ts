/** The meta.json rules: pure functions of text and data, no I/O. */
export type { MetaCheckInput, MetaCheckResult, MetaJson, MetaTarget } from './types.js';
export { checkMeta } from './check.js';
export { renderMeta } from './render.js';
export { readPolicy } from './produce.js';
export { levelOf, tierOf } from './tiers.js';
