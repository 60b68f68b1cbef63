import { gsonParseMap, javaToString, JavaNullPointer } from './gson.js';

/**
 * The server's HA decision (docs/streamis-contract.md §7.3 `getJobHighAvailableVo`, used by execute and
 * bulk/execution; §7.4 the inspect variant). All comparisons are case-sensitive like Java's
 * `equals`; the first matching row wins.
 */

export interface HaInput {
  /** The latest version's source, verbatim (null when the upload carried none). */
  source: string | null;
  /** Raw value of wds.streamis.app.highavailable.policy in the job config (null if absent). */
  policy: string | null;
  highAvailableEnable: boolean;
  enableInterfaceUpload: boolean;
  /** wds.streamis.app.highavailable.source ('aomp'). */
  sourceName: string;
}

/** `npe` is the request failing with a NullPointerException (empty source, null values). */
export type HaVerdict = { highAvailable: boolean; msg: string } | { npe: true };

export type HaVariant = 'execute' | 'inspect';

const TWO_CLUSTER = new Set(['double', 'doubleWithBak', 'managerSlave', 'managerSlaveWithBak']);
const SINGLE = new Set(['single', 'singleWithBak']);
const DEFAULT_MSG = '高可用信息为空，请联系管理员';

export function decideHighAvailable(input: HaInput, variant: HaVariant): HaVerdict {
  if (input.source === null) return nullSource(input, variant);
  try {
    return withSource(input, input.source);
  } catch (error) {
    if (error instanceof JavaNullPointer) return { npe: true };
    throw error;
  }
}

// Rows 1-3: the execute path treats a null policy as single, the inspect path does not.
function nullSource(input: HaInput, variant: HaVariant): HaVerdict {
  const single = input.policy === null ? variant === 'execute' : SINGLE.has(input.policy);
  if (single) return { highAvailable: true, msg: 'job为单活，跳过高可用检查' };
  const prefix = variant === 'inspect' ? '用户直接从页面上传，' : '';
  if (input.enableInterfaceUpload) return { highAvailable: true, msg: `${prefix}job的source为空，跳过高可用检查` };
  return { highAvailable: false, msg: variant === 'inspect' ? `${prefix}高可用检查不通过` : 'job的source为空，高可用检查不通过' };
}

// Rows 4-13 (SourceUtils.manageJobProjectFile).
function withSource(input: HaInput, source: string): HaVerdict {
  const policy = input.policy ?? 'single';
  if (source.toLowerCase() === 'update args') {
    return input.enableInterfaceUpload
      ? { highAvailable: true, msg: '用户在页面手动修改args,跳过一致性检查' }
      : { highAvailable: false, msg: '用户在页面手动修改args,任务不再支持高可用' };
  }
  if (!input.highAvailableEnable) return { highAvailable: true, msg: '管理员未开启高可用配置' };
  if (!TWO_CLUSTER.has(policy)) return { highAvailable: true, msg: '任务未开启高可用' };
  const parsed = gsonParseMap(source);
  if (parsed.kind === 'syntax') return { highAvailable: true, msg: '任务未开启高可用' };
  if (parsed.kind === 'null') return { npe: true };
  const map = new Map(parsed.entries);
  const message = () => (map.has('highAvailableMessage') ? javaToString(map.get('highAvailableMessage')) : DEFAULT_MSG);
  if (map.has('source')) {
    if (javaToString(map.get('source')) === input.sourceName) {
      // The value object starts at false: a missing isHighAvailable blocks the start.
      const highAvailable = map.has('isHighAvailable') ? javaToString(map.get('isHighAvailable')).toLowerCase() === 'true' : false;
      return { highAvailable, msg: message() };
    }
  }
  if (input.enableInterfaceUpload) return { highAvailable: true, msg: '非标准来源,不检测高可用' };
  return { highAvailable: false, msg: message() };
}

/** `canBeStarted` (§7.5): managerSlave jobs start only on the manager cluster. */
export function canBeStarted(policy: string | null, whetherManager: boolean): boolean {
  const p = policy ?? 'single';
  return p === 'managerSlave' || p === 'managerSlaveWithBak' ? whetherManager : true;
}
