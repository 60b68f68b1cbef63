import { createHash } from 'node:crypto';
import { renderedMetaText } from '../package/index.js';

/**
 * The md5 a plan records of the meta.json a cluster receives: of its rendered text exactly as a
 * rendered zip carries it (2-space JSON and a newline), so the same values always give the same
 * md5 and any changed value, added key or reordered key gives another.
 */
export function metaMd5(rendered: unknown): string {
  return createHash('md5').update(renderedMetaText(rendered)).digest('hex');
}
