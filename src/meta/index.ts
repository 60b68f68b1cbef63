/** The meta.json rules: pure functions of text and data, no I/O. */
export type { JsonObject, JsonValue, MetaCheckInput, MetaCheckResult, MetaJson, MetaTarget, ReferencedFile, Tier } from './types.js';
export { checkMeta } from './check.js';
export { renderMeta, type RenderOptions, type RenderResult } from './render.js';
export { readPolicy, declaredPolicy } from './produce.js';
export { referencedFiles } from './referenced-files.js';
export { levelOf, tierOf, type TierInfo } from './tiers.js';
export { BUILT_IN_TIERS } from './tier-table.js';
export { metaJsonSchema } from './schema.js';
export { scanVariables, lookupVariable, containsReference } from './variables.js';
export { valueAt, toPointer, fromPointer } from './pointer.js';
export type { Problem } from './problem.js';
