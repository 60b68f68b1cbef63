import type { Problem } from './problem.js';
import { checkJobConfig } from './job-config.js';
import { checkJobContent } from './job-content.js';
import { checkProduce } from './produce.js';
import { checkTopLevel } from './top-level.js';
import type { MetaJson } from './types.js';

/** Every content rule of meta.json, in the order the server would meet them. */
export function checkRules(meta: MetaJson, file: string): Problem[] {
  return [...checkTopLevel(meta, file), ...checkJobContent(meta, file), ...checkJobConfig(meta, file), ...checkProduce(meta, file)];
}
