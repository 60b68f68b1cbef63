import { gsonHashMapToJson, gsonParseMap } from './gson.js';

/** JobConstrants.DEFAULT_JSON: what a version with a null source starts from when it gets a verdict. */
export const DEFAULT_SOURCE_JSON =
  '{"deployUser": "default","createTime": "default","pkgName": "default","highAvailableMessage": "default","isHighAvailable": false,"source": "aomp"}';

export type RewriteResult = { ok: true; source: string } | { ok: false; npe: true };

/**
 * updateContent branch A (docs/streamis-contract.md §5.7, `JsonUtils.manageSource`): parse the stored
 * source into a HashMap, set the two verdict keys, write it back with Gson. Other keys survive,
 * the order becomes HashMap order, a non-object source keeps only the two keys, and an empty
 * one fails with a NullPointerException.
 */
export function rewriteSource(stored: string | null, highAvailable: boolean, highAvailableMessage: string | null): RewriteResult {
  const parsed = gsonParseMap(stored ?? DEFAULT_SOURCE_JSON);
  if (parsed.kind === 'null') return { ok: false, npe: true };
  const entries: Array<[string, unknown]> = parsed.kind === 'map' ? [...parsed.entries] : [];
  const set = (key: string, value: unknown) => {
    const at = entries.findIndex(([k]) => k === key);
    if (at >= 0) entries[at] = [key, value];
    else entries.push([key, value]);
  };
  set('isHighAvailable', highAvailable);
  set('highAvailableMessage', highAvailableMessage);
  return { ok: true, source: gsonHashMapToJson(entries) };
}
