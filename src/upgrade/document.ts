import type { ErrorCode } from '../errors.js';
import { refusalVerdict, releaseVerdict, resumeCommand, type ResumeArgs } from '../release/document.js';
import type { ReleaseReport } from '../release/types.js';
import { statusName } from '../streamis/status-codes.js';
import type { RolloutClusterResult, RolloutResult } from '../launch/rollout/rollout.js';
import type { UpgradeResult } from './upgrade.js';

/**
 * The `--json` document of `stms upgrade` and its exit code, without side effects:
 * `{ ok, releaseId, project, job, policy, order, clusters: { <name>: { release, versionBefore,
 * versionAfter, savepoint, restoredFrom, status, stable } }, next? , error? }`. When the rollout
 * stopped, `next` holds the commands that finish it or go back.
 */

export interface UpgradeVerdict {
  /** The failure class; undefined: ok. */
  code: ErrorCode | undefined;
  document: Record<string, unknown>;
  /** `finish` and `back` commands when the rollout stopped part way. */
  next?: { finish: string; back: string };
}

export function upgradeVerdict(result: UpgradeResult, resumeArgs: ResumeArgs): UpgradeVerdict {
  if (result.kind === 'refused') return refusalVerdict(result.refusal);
  if (result.kind === 'release-failed') {
    const verdict = releaseVerdict({ kind: 'released', report: result.report }, resumeArgs);
    const error = verdict.document.error as { code: string; message: string };
    const message = error.message.replace(/finish with .*$/, `nothing was restarted; finish with ${upgradeResume(result.report, resumeArgs)}`);
    return { ...verdict, document: { ...verdict.document, error: { ...error, message } } };
  }
  const { report, rollout, failure } = result;
  const clusters: Record<string, Record<string, unknown>> = {};
  for (const name of report.targets) {
    const released = report.clusters[name];
    const rolled = rollout?.clusters[name];
    clusters[name] = {
      release: released ? { outcome: released.outcome, version: released.version ?? null } : null,
      versionBefore: rolled?.versionBefore ?? null,
      versionAfter: runsNow(rolled),
      savepoint: rolled?.savepoint ?? null,
      restoredFrom: rolled?.restoredFrom ?? null,
      status: rolled ? (rolled.status ?? null) : rollout ? 'not-target' : null,
      stable: rolled?.stable ?? false,
      ...(rolled?.action ? { action: rolled.action } : {}),
      ...(rolled?.message ? { message: rolled.message } : {}),
    };
  }
  const next = failure && rollout && rollout.order.length > 0 && hasStarted(rollout) ? commands(report, rollout, resumeArgs) : undefined;
  const message = failure ? `${failure.message}${next ? `; finish with ${next.finish}, or go back with ${next.back}` : ''}` : undefined;
  return {
    code: failure ? (failure.code as ErrorCode) : undefined,
    document: {
      ok: failure === undefined,
      releaseId: report.releaseId,
      project: report.project,
      job: report.job,
      policy: report.policy,
      journal: report.journalPath,
      order: rollout?.order ?? [],
      clusters,
      ...(next ? { next } : {}),
      ...(failure ? { error: { code: failure.code, message } } : {}),
    },
    ...(next ? { next } : {}),
  };
}

/** The version the cluster runs now: the new one once up, the old one where nothing was done, none where it is down. */
function runsNow(rolled: RolloutClusterResult | undefined): string | null {
  if (!rolled) return null;
  if (rolled.phase === 'done') return rolled.versionAfter ?? null;
  if (rolled.phase === 'pending') return rolled.status !== undefined && RUNNING_WORDS.has(rolled.status) ? (rolled.versionBefore ?? null) : null;
  return rolled.status !== undefined && RUNNING_WORDS.has(rolled.status) ? (rolled.versionAfter ?? null) : null;
}

const RUNNING_WORDS = new Set([3, 4, 5].map((code) => statusName(code)));

function hasStarted(rollout: RolloutResult): boolean {
  return Object.values(rollout.clusters).some((c) => c.phase !== 'pending');
}

function upgradeResume(report: ReleaseReport, resumeArgs: ResumeArgs): string {
  return resumeCommand(report, { ...resumeArgs, command: 'upgrade' });
}

function commands(report: ReleaseReport, rollout: RolloutResult, resumeArgs: ResumeArgs): { finish: string; back: string } {
  return { finish: upgradeResume(report, resumeArgs), back: `stms rollback ${report.project}/${report.job} --clusters ${rollout.order.join(',')}` };
}
