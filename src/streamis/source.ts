/**
 * Reading a version's `source` record back (docs/streamis-contract.md §7.1). Release and check compare
 * `md5`, `deployUser`, `pkgName` and look for their `releaseId` in it. The server stores whatever
 * was uploaded and may rewrite it (`updateContent` re-serializes through Gson; an args edit
 * replaces it with the text `update args`), so every field is read leniently. Pure.
 */

export interface SourceRecord {
  pkgName?: string;
  deployUser?: string;
  createTime?: string;
  /** The origin the server compares with `wds.streamis.app.highavailable.source` (`aomp`). */
  source?: string;
  /** Normalised like the server does: `Boolean.parseBoolean(String(value))`. */
  isHighAvailable: boolean;
  highAvailableMessage?: string;
  token?: string;
  md5?: string;
  releaseId?: string;
  /** Set by `stms rollback`: the release whose package this version sends again. */
  rollbackOf?: string;
  /** The change ticket of the release (`--change`). */
  changeId?: string;
  /** Why the release ran outside its change window (`--override-window --reason`). */
  overrideReason?: string;
  /** Every key as stored, including ones this version of stms does not know. */
  raw: Record<string, unknown>;
}

export type ParsedSource = { ok: true; record: SourceRecord } | { ok: false; reason: string; kind: SourceProblem };

export type SourceProblem = 'missing' | 'update-args' | 'not-json' | 'not-object';

/** The text the server writes as source when args are edited on the page (§5.7 branch B). */
export const UPDATE_ARGS_SOURCE = 'update args';

export function parseSource(text: string | null | undefined): ParsedSource {
  if (text === null || text === undefined || text.trim() === '') {
    return { ok: false, kind: 'missing', reason: 'the version has no source record (uploaded from the web page or by another tool)' };
  }
  if (text.trim().toLowerCase() === UPDATE_ARGS_SOURCE) {
    return { ok: false, kind: 'update-args', reason: 'the args of this version were edited on the web page (source "update args")' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, kind: 'not-json', reason: 'the version source is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, kind: 'not-object', reason: 'the version source is JSON but not an object' };
  }
  const raw = value as Record<string, unknown>;
  const record: SourceRecord = { isHighAvailable: parseBoolean(raw.isHighAvailable), raw };
  for (const key of ['pkgName', 'deployUser', 'createTime', 'source', 'highAvailableMessage', 'token', 'md5', 'releaseId', 'rollbackOf', 'changeId', 'overrideReason'] as const) {
    const text = scalarText(raw[key]);
    if (text !== undefined) record[key] = text;
  }
  return { ok: true, record };
}

/** Java's Boolean.parseBoolean of String.valueOf(value): only "true" in any case is true. */
function parseBoolean(value: unknown): boolean {
  return value !== null && value !== undefined && String(value).toLowerCase() === 'true';
}

/** Strings as they are; numbers and booleans as text (Gson may have turned "1" into 1.0 → "1"). */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
