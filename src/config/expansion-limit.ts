import { ConfigError } from '../errors.js';

/**
 * YAML aliases share one node in memory, but everything after the parser (`${ENV}` expansion,
 * zod, variable resolution) walks the value as a tree, so a few lines of nested anchors can stand
 * for a billion nodes. Counting the tree with a budget costs at most the budget, so such a file is
 * refused at once instead of hanging the run. Real configs and vars files have a few thousand.
 */
export const MAX_EXPANDED_NODES = 100_000;

export function assertExpandedSize(file: string, value: unknown, limit = MAX_EXPANDED_NODES): void {
  let left = limit;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (--left < 0) {
      throw new ConfigError(`${file}: too large once its YAML aliases are expanded (more than ${limit.toLocaleString('en-US')} values)`, {
        hint: 'Write the values out instead of nesting anchors (&a / *a); stms reads at most this many values from one file.',
      });
    }
    if (Array.isArray(node)) for (const item of node) stack.push(item);
    else if (node !== null && typeof node === 'object') for (const item of Object.values(node)) stack.push(item);
  }
}
