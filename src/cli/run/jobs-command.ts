import path from 'node:path';
import type { ErrorCode } from '../../errors.js';
import type { CommandContext, CommandResult } from '../command.js';
import type { ClusterConfig, Config } from '../../config/load.js';
import { createSession, type Session } from '../../launch/session.js';
import { preflight, preflightRefusal } from '../../streamis/preflight.js';
import { jobName, type ClusterRecord, type JobEvents, type JobRef, type JobResult } from '../../launch/types.js';
import { resolveTargets } from '../../package/targets.js';
import { junitXml } from '../../report/junit.js';
import { junitCases, notRunReason, type CaseWords } from '../../report/junit-cases.js';
import { jobsDocument } from '../../batch/document.js';
import type { JobOptions } from '../../batch/job-options-schema.js';
import { batchVerdict } from '../../batch/exit-code.js';
import { resolveJobSource, type JobSource } from '../../batch/job-source.js';
import { runBatch } from '../../batch/run-batch.js';
import { plural } from '../../package/problem-text.js';
import { checkReportFolder, writeReport } from './report-file.js';
import { resolveChange, withChange, type ChangeOptions } from '../options/change-fields.js';
import type { ChangeRecord } from '../../change/control.js';
import { describeCriteria, selectionCriteria } from '../../selection/criteria.js';
import { dryRunResult, readSelection } from './select-jobs.js';

/**
 * What check, launch, status, stop and snapshot share around their per-job work: the job, job
 * list or --project selection (src/selection), the config (with the list's env files below the
 * environment), --clusters, one session of clients, the bounded batch, the exit code, the JUnit
 * report and the --json document.
 */

export const DEFAULT_CONCURRENCY = 8;

/** The jobs of a --project selection are read from the clusters once the session is open. */
const PROJECT_SOURCE: JobSource = { refs: [], listFile: undefined, extraEnv: {}, warnings: [] };

export interface JobsCommand<C extends ClusterRecord> {
  name: string;
  work(session: Session, ref: JobRef, events: JobEvents): Promise<JobResult<C>>;
  render(ctx: CommandContext, results: ReadonlyArray<JobResult<C>>, clusters: readonly string[]): void;
  /** Starts or stops jobs: every cluster must pass the preflight first (a job list always does, unless false: the command checks the clusters itself in `prepare`). */
  preflight?: boolean;
  /** Outcome words of a passing / skipped JUnit case; undefined: no --report. */
  junit?: CaseWords;
  /** Change control: the flags, and whether the change windows hold the command (docs/concepts.md "Change control"). */
  change?: { flags: ChangeOptions; windows: boolean };
  /** The clusters of --clusters the session talks to (default: all); check --accept-missing leaves one out. */
  sessionClusters?(clusters: readonly ClusterConfig[], config: Config): Promise<ClusterConfig[]>;
  /** Checks made once the clients are open and before any job is worked on (a throw ends the command); `change` is what the run records. */
  prepare?(session: Session, change: ChangeRecord): Promise<void>;
  /**
   * A read-only report whose jobs never fail for what they find (standby): every job is looked
   * at, and what was found decides the exit when no job failed.
   */
  findings?(results: ReadonlyArray<JobResult<C>>): { code: ErrorCode; message: string } | undefined;
}

export async function runJobsCommand<C extends ClusterRecord>(ctx: CommandContext, args: string[], options: JobOptions, spec: JobsCommand<C>): Promise<CommandResult> {
  const { out } = ctx;
  const criteria = selectionCriteria({ projects: options.project === undefined ? [] : [options.project], job: args[0], jobList: options.jobList, label: options.label, nameLike: options.nameLike, expect: options.expect, dryRun: options.dryRun });
  const source = criteria ? PROJECT_SOURCE : await resolveJobSource(ctx.cwd, args[0], options.jobList);
  for (const warning of source.warnings) out.warn(warning);
  const config = await ctx.loadConfig(Object.keys(source.extraEnv).length > 0 ? { extraEnv: source.extraEnv } : {});
  // A job list's env files may name the change (STMS_CHANGE_ID), below the real environment.
  const change = spec.change ? resolveChange(out, { ...source.extraEnv, ...ctx.env }, config, spec.change.flags, { command: spec.name, windows: spec.change.windows }) : {};
  const clusters = resolveTargets(config, options.clusters);
  const reportFile = options.report === undefined ? undefined : path.resolve(ctx.cwd, options.report);
  if (reportFile) await checkReportFolder(reportFile);

  const reached = spec.sessionClusters ? await spec.sessionClusters(clusters, config) : clusters;
  const session = createSession(config, reached, { signal: ctx.signal, trace: (line) => out.debug(line), secrets: out.redactor });
  // A --project selection runs as a job list does.
  const list = source.listFile !== undefined || criteria !== undefined;
  const continueOnError = options.continueOnError;
  const concurrency = ctx.global.concurrency ?? DEFAULT_CONCURRENCY;
  const names = clusters.map((c) => c.name);
  let refs = source.refs;
  if (source.listFile !== undefined) out.info(`stms ${spec.name}: ${plural(refs.length, 'job')} of ${source.listFile} on ${names.join(', ')}`);
  const progress: JobEvents['progress'] = (ref, cluster, line, done, lasting) => out.progress(`${jobName(ref)} ${cluster}`, line, { done: done === true, lasting: lasting === true });
  const startedAt = new Date();
  let run;
  try {
    if (criteria) {
      const { selected } = await readSelection(session, criteria, { expect: options.expect, concurrency });
      if (options.dryRun) return dryRunResult(ctx, selected);
      refs = selected.map((j) => ({ project: j.project, job: j.job }));
      out.info(`stms ${spec.name}: ${plural(refs.length, 'job')} of ${describeCriteria(criteria)} on ${names.join(', ')}`);
    }
    if (spec.preflight === true || (list && spec.preflight !== false)) {
      // No job is touched while one cluster would refuse its token or cannot be reached.
      const ready = await preflight(reached.map((cluster) => ({ cluster, client: session.client(cluster.name) })));
      const refusal = preflightRefusal(ready, `stms ${spec.name}`);
      if (refusal) throw refusal;
    }
    await spec.prepare?.(session, change);
    run = await runBatch(refs, (ref, slot) => spec.work(session, ref, { progress, releaseSlot: slot.release }), { concurrency, continueOnError, maxFailures: options.maxFailures, signal: ctx.signal });
  } finally {
    await session.close();
    out.endProgress();
  }

  const batch = batchVerdict({ ...run, list, continueOnError, maxFailures: options.maxFailures, interrupted: ctx.signal.aborted });
  const found = batch.error ? undefined : spec.findings?.(run.results);
  const verdict = found ? { error: found } : batch;
  spec.render(ctx, run.results, names);
  // One job's failure was printed with it; a list (or an interrupted run) also gets its verdict,
  // unless that is word for word a job's failure already printed.
  const printed = verdict.error && run.results.some((r) => r.failure?.message === verdict.error?.message);
  if (verdict.error && (list || found || verdict.error.code === 'INTERRUPTED') && !printed) out.error(verdict.error.message);
  if (reportFile && spec.junit) {
    const notRun = notRunReason(run, options.maxFailures);
    const xml = junitXml({ name: `stms ${spec.name}`, timestamp: startedAt, cases: junitCases(run.results, names, spec.junit, notRun) });
    await writeReport(reportFile, xml);
    out.info(`JUnit report: ${reportFile}`);
  }
  return withChange({ code: verdict.error?.code, document: jobsDocument(run.results, verdict, { targets: names, ...(source.listFile ? { jobList: source.listFile } : {}), ...(criteria ? { selection: criteria } : {}) }) }, change);
}
