import path from 'node:path';
import type { CommandContext, CommandResult } from '../command.js';
import type { Config } from '../../config/load.js';
import { errorMessage, isStmsError, UsageError, type ErrorCode } from '../../errors.js';
import { jobsDocument } from '../../batch/document.js';
import { batchVerdict } from '../../batch/exit-code.js';
import { runBatch } from '../../batch/run-batch.js';
import { jobName, type ClusterRecord, type JobResult } from '../../launch/types.js';
import { plural } from '../../package/problem-text.js';
import { junitXml } from '../../report/junit.js';
import { junitCases, notRunReason, type CaseWords } from '../../report/junit-cases.js';
import { BatchJournalWriter, type BatchJournal } from '../../fleet/batch-journal.js';
import type { ManyPackages } from './many-packages.js';
import { identifyPackages, sameJobTwice, type PackageRef } from '../../fleet/identify.js';
import { releaseJobThrew } from '../../fleet/job-result.js';
import { UploadTurns } from '../../release/upload-turns.js';
import { newReleaseId } from '../../release/journal-model.js';
import { randomSuffix } from '../../release/random-suffix.js';
import { shellQuote } from '../../util/shell-quote.js';
import { printFailures, printJobTable } from '../print/job-table.js';
import { DEFAULT_CONCURRENCY } from './jobs-command.js';
import { releaseInputs, type ReleaseInputs } from './release-inputs.js';
import { checkReportFolder, writeReport } from './report-file.js';

/**
 * A run of many packages (`release`, `upgrade`, `plan` with several packages, a folder of them or
 * `--package-list`): each package is one job of a bounded batch with its own release id and
 * journal, the uploads of each job to its clusters in parallel as in a single release. Two
 * packages of one job are refused before anything runs. A release or upgrade keeps a batch
 * journal, so `--resume BATCH_ID` finishes every job. One summary table, one `--json` document
 * `{ok, batchId, jobs, summary}`, the JUnit report, the failure budget.
 */

export interface BatchFlags {
  clusters?: string | undefined;
  vars?: string | undefined;
  deployUser?: string | undefined;
  resume?: string | undefined;
  continueOnError: boolean;
  maxFailures?: number | undefined;
  report?: string | undefined;
}

/** What one job of the batch gets besides its package. */
export interface BatchJobContext {
  config: Config;
  inputs: ReleaseInputs;
  deployUser: string;
  /** The release journal a resumed batch continues for this job. */
  resumeReleaseId: string | undefined;
  uploadTurns: UploadTurns;
  /** Tell once the job's release id is known (recorded in the batch journal). */
  began(releaseId: string): void;
}

export interface PackageBatchSpec {
  command: 'release' | 'upgrade' | 'plan';
  /** release and upgrade write a batch journal; plan writes nothing. */
  journal: boolean;
  work(ref: PackageRef, job: BatchJobContext): Promise<JobResult<ClusterRecord>>;
  /** Cluster outcomes shown green, and JUnit's passing / skipped words. */
  good: readonly string[];
  junit: CaseWords;
  /** Keys of the command's own for the document (plan: wouldChange). */
  extra?(results: ReadonlyArray<JobResult<ClusterRecord>>): Record<string, unknown>;
}

export async function runPackageBatch(ctx: CommandContext, source: ManyPackages, flags: BatchFlags, spec: PackageBatchSpec): Promise<CommandResult> {
  const { out } = ctx;
  const config = await ctx.loadConfig();
  const { paths } = source;
  const resumed = source.resumed && ownPackages(source.resumed, paths);
  if (resumed && flags.clusters !== undefined && flags.clusters.split(',').map((c) => c.trim()).join(',') !== resumed.targets.join(',')) {
    throw new UsageError(`--resume ${resumed.batchId} releases to ${resumed.targets.join(',')}, not --clusters ${flags.clusters}`, { hint: `Leave --clusters out: the batch keeps its targets (stms ${spec.command} --resume ${resumed.batchId}).` });
  }
  const refs: Array<PackageRef & { releaseId?: string | undefined }> = resumed
    ? resumed.packages.map((p) => ({ project: p.project, job: p.job, packagePath: p.path, identified: true, releaseId: p.releaseId }))
    : await identifyPackages(paths);
  const twice = sameJobTwice(refs);
  if (twice.length > 0) {
    throw new UsageError(`two packages of the same job in one run; nothing was run:\n${twice.map(([a, b]) => `  ${jobName(a)}: ${a.packagePath} and ${b.packagePath}`).join('\n')}`, {
      hint: 'Release one version of a job per run.',
    });
  }
  const inputs = await releaseInputs(ctx, config, { clusters: resumed ? resumed.targets.join(',') : flags.clusters, vars: resumed ? resumed.vars : flags.vars });
  const targets = inputs.targets.map((t) => t.name);
  const deployUser = resumed?.deployUser ?? flags.deployUser ?? config.deployUser;
  const reportFile = flags.report === undefined ? undefined : path.resolve(ctx.cwd, flags.report);
  if (reportFile) await checkReportFolder(reportFile);

  const batchId = resumed?.batchId ?? newReleaseId(new Date(), randomSuffix());
  const writer = spec.journal
    ? new BatchJournalWriter(config.stateDir, resumed ?? newBatch(batchId, spec.command === 'upgrade' ? 'upgrade' : 'release', targets, inputs.varsFile, deployUser, refs))
    : undefined;
  await writer?.flush();
  out.info(`stms ${spec.command}: ${plural(refs.length, 'package')} to ${targets.join(', ')}${writer ? ` (batch ${batchId}${resumed ? ', resumed' : ''})` : ''}`);

  const uploadTurns = new UploadTurns();
  const startedAt = new Date();
  const run = await runBatch(
    refs,
    async (ref) => {
      const recording: Array<Promise<void>> = [];
      try {
        const result = await spec.work(ref, {
          config,
          inputs,
          deployUser,
          resumeReleaseId: ref.releaseId,
          uploadTurns,
          began: (releaseId) => {
            if (writer) recording.push(writer.began(ref.packagePath, releaseId));
          },
        });
        // A batch journal that missed a release id only costs a resume a fresh (idempotent) release.
        await Promise.all(recording).catch((error: unknown) => out.warn(errorMessage(error)));
        out.info(`${jobName(result)}: ${result.outcome}${result.failure ? ` (${result.failure.message})` : ''}`);
        return result;
      } catch (error) {
        if (!isStmsError(error)) throw error;
        return releaseJobThrew(ref, targets, error.code as ErrorCode, out.redactor.redact(error.message));
      }
    },
    { concurrency: ctx.global.concurrency ?? DEFAULT_CONCURRENCY, continueOnError: flags.continueOnError, maxFailures: flags.maxFailures, signal: ctx.signal },
  );
  out.endProgress();

  const verdict = batchVerdict({ ...run, list: true, continueOnError: flags.continueOnError, maxFailures: flags.maxFailures, interrupted: ctx.signal.aborted });
  printJobTable(out, run.results, targets, { good: spec.good });
  printFailures(out, run.results, ctx.signal.aborted);
  const unfinished = run.results.some((r) => r.failure || r.outcome === 'not-run');
  const resumeCommand = writer && unfinished ? batchResumeCommand(ctx.global.config, spec.command, batchId) : undefined;
  if (verdict.error) out.error(verdict.error.message);
  if (resumeCommand) out.line(`finish the batch with: ${resumeCommand}`);
  if (reportFile) {
    const xml = junitXml({ name: `stms ${spec.command}`, timestamp: startedAt, cases: junitCases(run.results, targets, spec.junit, notRunReason(run, flags.maxFailures)) });
    await writeReport(reportFile, xml);
    out.info(`JUnit report: ${reportFile}`);
  }
  return {
    code: verdict.error?.code,
    document: jobsDocument(run.results, verdict, {
      ...(writer ? { batchId, journal: writer.file } : {}),
      targets,
      ...spec.extra?.(run.results),
      ...(resumeCommand ? { resumeCommand } : {}),
    }),
  };
}

function newBatch(batchId: string, command: 'release' | 'upgrade', targets: string[], varsFile: string | undefined, deployUser: string, refs: readonly PackageRef[]): BatchJournal {
  return {
    batchId,
    createdAt: new Date().toISOString(),
    command,
    targets,
    ...(varsFile ? { vars: varsFile } : {}),
    deployUser,
    packages: refs.map((r) => ({ path: r.packagePath, project: r.project, job: r.job })),
  };
}

/** The batch `--resume ID` names; packages given beside it must be the batch's own. */
function ownPackages(batch: BatchJournal, paths: readonly string[]): BatchJournal {
  const own = new Set(batch.packages.map((p) => p.path));
  const strangers = paths.filter((p) => !own.has(p));
  if (strangers.length > 0) throw new UsageError(`--resume ${batch.batchId}: ${strangers[0]} is not a package of that batch`, { hint: `stms ${batch.command} --resume ${batch.batchId} alone finishes the batch with its own packages.` });
  return batch;
}

function batchResumeCommand(configFlag: string | undefined, command: string, batchId: string): string {
  const words = ['stms', ...(configFlag === undefined ? [] : ['-c', configFlag]), command === 'plan' ? 'release' : command, '--resume', batchId];
  return words.map(shellQuote).join(' ');
}
