import { gsonParseMap, javaToString, JavaNullPointer } from './gson.js';

/**
 * `HighAvailableServiceImpl.confirmToken` (docs/streamis-contract.md §7.2), checked on upload when standard
 * authentication is on. `throws` is the request failing outside the controller's try block: a
 * JSON value that is not an object, or a null where a string was expected.
 */
export type TokenCheck = { ok: boolean } | { throws: { shortClass: string; message: string } };

export function confirmToken(source: string | undefined, sourceName: string, sourceToken: string): TokenCheck {
  if (source === undefined || source.trim() === '' || !isStrictJson(source)) return { ok: false };
  const parsed = gsonParseMap(source);
  if (parsed.kind === 'syntax') return { throws: { shortClass: 'JsonSyntaxException', message: parsed.message } };
  if (parsed.kind === 'null') return { throws: { shortClass: 'NullPointerException', message: '' } };
  const map = new Map(parsed.entries);
  try {
    if (!map.has('source') || javaToString(map.get('source')) !== sourceName || !map.has('token')) return { ok: false };
    // A number would compare as "123.0": the token must be sent as a JSON string.
    return { ok: javaToString(map.get('token')) === sourceToken };
  } catch (error) {
    if (error instanceof JavaNullPointer) return { throws: { shortClass: 'NullPointerException', message: '' } };
    throw error;
  }
}

function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
