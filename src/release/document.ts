import { mostSevere, type ErrorCode } from '../errors.js';
import { problemJson } from '../package/problem-text.js';
import { shellQuote } from '../util/shell-quote.js';
import type { ClusterResult, Refusal, ReleaseReport, ReleaseResult } from './types.js';

/**
 * The `--json` document of `stms release` and its code, built without side effects (like
 * taze's getJsonOutput): `{ ok, releaseId, md5, policy, project, job, journal, clusters }`, plus
 * `problems` when the package is invalid, `error: {code, message}` on failure and
 * `resumeCommand` when the release is partial.
 */

export interface ReleaseVerdict {
  /** The failure class; undefined: ok. The CLI entry turns it into the exit status. */
  code: ErrorCode | undefined;
  document: Record<string, unknown>;
}

/** What the person typed that a resume needs again: the `--resume` command repeats it. */
export interface ResumeArgs {
  /** The package as the user named it. */
  packageArg: string;
  /** `-c`, when one was given: the journal lives beside that config. */
  config?: string | undefined;
  vars?: string | undefined;
  deployUser?: string | undefined;
  /** The command that resumes: `upgrade` resumes an upgrade, whose journal is a release's. */
  command?: 'release' | 'upgrade';
}

export function releaseVerdict(result: ReleaseResult, args: ResumeArgs): ReleaseVerdict {
  if (result.kind === 'refused') return refusalVerdict(result.refusal);
  const r = result.report;
  const failed = r.notDone.filter((c) => r.clusters[c]?.outcome === 'failed');
  // Nothing uploaded anywhere: not partial, nothing to resume; run the release again.
  const resume = r.notDone.length > 0 && r.done.length > 0 ? resumeCommand(r, args) : undefined;
  const next = resume ? `finish with ${resume}` : 'nothing was uploaded: run the release again';
  // A cluster that failed without a code of its own could not be written to: REMOTE.
  const failedCode = mostSevere(failed.map((c) => r.clusters[c]?.errorCode ?? 'REMOTE'));
  const error = r.interrupted
    ? { code: 'INTERRUPTED' as const, message: `release ${r.releaseId} interrupted: ${doneText(r)}; ${next}` }
    : failedCode !== undefined
      ? { code: failedCode, message: `release ${r.releaseId} failed on ${failed.join(', ')}: ${doneText(r)}; ${next}` }
      : undefined;
  return {
    code: error?.code,
    document: {
      ok: error === undefined,
      releaseId: r.releaseId,
      md5: r.md5,
      policy: r.policy,
      project: r.project,
      job: r.job,
      package: r.packageName,
      resumed: r.resumed,
      journal: r.journalPath,
      storedPackage: r.storedPackage,
      clusters: Object.fromEntries(Object.entries(r.clusters).map(([name, c]) => [name, clusterJson(c)])),
      ...(resume ? { resumeCommand: resume } : {}),
      ...(error ? { error } : {}),
    },
  };
}

export function refusalVerdict(refusal: Refusal): ReleaseVerdict {
  return {
    code: refusal.code,
    document: {
      ok: false,
      releaseId: null,
      md5: null,
      policy: refusal.policy ?? null,
      project: refusal.project ?? null,
      job: refusal.job ?? null,
      journal: null,
      clusters: {},
      ...(refusal.problems ? { problems: refusal.problems.map(problemJson) } : {}),
      error: { code: refusal.code, message: refusal.message, ...(refusal.reasons ? { details: { reasons: refusal.reasons } } : {}) },
    },
  };
}

export function clusterJson(c: ClusterResult): Record<string, unknown> {
  return {
    outcome: c.outcome,
    jobId: c.jobId ?? null,
    version: c.version ?? null,
    ...(c.renderedMd5 ? { renderedMd5: c.renderedMd5 } : {}),
    ...(c.note ? { note: c.note } : {}),
    ...(c.error ? { error: c.error } : {}),
    ...(c.duplicates ? { duplicates: c.duplicates } : {}),
  };
}

/**
 * The command that finishes a partial release, to paste into a POSIX shell from the folder the
 * release ran in: the same config, package, vars and deploy user, every word quoted as needed.
 */
export function resumeCommand(r: Pick<ReleaseReport, 'releaseId' | 'targets'>, args: ResumeArgs): string {
  const words = ['stms'];
  if (args.config !== undefined) words.push('-c', args.config);
  words.push(args.command ?? 'release', args.packageArg, '--clusters', r.targets.join(','));
  if (args.vars !== undefined) words.push('--vars', args.vars);
  if (args.deployUser !== undefined) words.push('--deploy-user', args.deployUser);
  words.push('--resume', r.releaseId);
  return words.map(shellQuote).join(' ');
}

function doneText(r: ReleaseReport): string {
  return r.done.length > 0 ? `${r.done.join(', ')} ${r.done.length === 1 ? 'has' : 'have'} the package, ${r.notDone.join(', ')} not` : `no cluster has the package`;
}
