import { formatLocalDateTime } from '../util/local-time.js';
import type { Policy } from '../ha/policies.js';
import { serverChecksConsistency } from '../ha/policy-shape.js';

/**
 * The `source` form field of an upload (docs/concepts.md "Source record", docs/streamis-contract.md §7): a JSON
 * string the server stores verbatim on the version. The server reads `source`, `token`,
 * `isHighAvailable` and `highAvailableMessage`; the rest (`pkgName`, `deployUser`, `md5`,
 * `releaseId`, …) is ours, read back by the consistency check and `status` through
 * `parseSource` (src/streamis/source.ts, the one parser).
 */

/** The verdict a fresh upload carries for double* / managerSlave*: only `stms check` sets it true. */
export const FIRST_UPLOAD_MESSAGE = '首次上传 / first upload, not yet checked';
/** single* are never checked by the server, so they are high-available from the start. */
export const NO_CHECK_MESSAGE = '单活，无需一致性检查 / single-cluster policy, no consistency check needed';

export interface SourceInput {
  pkgName: string;
  deployUser: string;
  /** Formatted in the machine's local time zone, as the release engineer reads clocks. */
  createTime: Date;
  /** The server's `wds.streamis.app.highavailable.source` (config `sourceName`, default aomp). */
  sourceName: string;
  /** The server's `wds.streamis.app.highavailable.token`: not a secret, the server echoes it. */
  sourceToken: string;
  policy: Policy;
  /** Hex md5 of the package as given to `release`, the same on every cluster. */
  md5: string;
  releaseId: string;
  /** Set by `rollback`: the release whose package this one sends again. */
  rollbackOf?: string | undefined;
  /** The change ticket the release runs under (`--change`, STMS_CHANGE_ID). */
  changeId?: string | undefined;
  /** Why it ran outside its change window (`--override-window --reason`). */
  overrideReason?: string | undefined;
}

/** The JSON string for the upload's `source` field; key order is fixed. */
export function buildSource(input: SourceInput): string {
  const checked = serverChecksConsistency(input.policy);
  return JSON.stringify({
    pkgName: input.pkgName,
    deployUser: input.deployUser,
    createTime: formatCreateTime(input.createTime),
    source: input.sourceName,
    isHighAvailable: !checked,
    highAvailableMessage: checked ? FIRST_UPLOAD_MESSAGE : NO_CHECK_MESSAGE,
    // A JSON string: the server compares String(value), and a number would read as `123.0`.
    token: String(input.sourceToken),
    md5: input.md5,
    releaseId: input.releaseId,
    ...(input.changeId ? { changeId: input.changeId } : {}),
    ...(input.overrideReason ? { overrideReason: input.overrideReason } : {}),
    ...(input.rollbackOf ? { rollbackOf: input.rollbackOf } : {}),
  });
}

/** `yyyy-MM-dd HH:mm:ss` in local time (what the seeds' release script wrote). */
export const formatCreateTime = formatLocalDateTime;
