import path from 'node:path';
import type { z } from 'zod';
import type { CommandContext, CommandResult } from '../command.js';
import type { ChangeRecord } from '../../change/control.js';
import { batchVerdict } from '../../batch/exit-code.js';
import { jobJson } from '../../batch/document.js';
import { jobName } from '../../launch/types.js';
import { releaseVerdict } from '../../release/document.js';
import { runRelease } from '../../release/engine.js';
import { rollbackPackageFile } from '../../rollback/package-file.js';
import { parseRollbackFlags, type RollbackFlagsSchema } from '../../rollback/options.js';
import { resolveRollbackTarget } from '../../rollback/resolve.js';
import { restartAfterRelease } from '../../rollback/restart-after-release.js';
import { printFailures, printJobTable } from '../print/job-table.js';
import * as render from '../print/release.js';
import { printSavepoints } from '../print/savepoints.js';
import { releaseInputs } from './release-inputs.js';

/**
 * `stms rollback`: resolve the target package, release it again as a new version whose source
 * record says `rollbackOf`, then restart (restartAfterRelease). A failed or refused release
 * restarts nothing.
 */
export async function runRollback(ctx: CommandContext, args: string[], options: z.infer<typeof RollbackFlagsSchema>, change: ChangeRecord): Promise<CommandResult> {
  const { out } = ctx;
  const flags = parseRollbackFlags(args, options);
  const config = await ctx.loadConfig();
  const inputs = await releaseInputs(ctx, config, { clusters: flags.clusters, vars: flags.vars });
  const trace = (line: string) => out.debug(line);
  const job = jobName(flags.ref);

  const target = await resolveRollbackTarget({ config, clusters: inputs.targets, ref: flags.ref, to: flags.to, signal: ctx.signal, trace });
  const packagePath = flags.packagePath === undefined ? undefined : path.resolve(ctx.cwd, flags.packagePath);
  const pkg = await rollbackPackageFile(config.packageStore, target, packagePath, ctx.signal);
  const targetJson = { md5: target.md5, releaseId: target.releaseId, version: target.version, packageName: target.packageName, file: pkg.file, from: pkg.from };
  out.info(`rollback of ${job}: sending again the package of ${target.releaseId ? `release ${target.releaseId}` : `version ${target.version}`} (md5 ${target.md5}) from ${pkg.from === 'store' ? 'the package store' : '--package'}; rolls back ${target.rollbackOf}`);

  const result = await runRelease(
    {
      ...inputs,
      packagePath: pkg.file,
      config,
      signal: ctx.signal,
      deployUser: flags.deployUser ?? config.deployUser,
      force: false,
      trace,
      secrets: out.redactor,
      rollbackOf: target.rollbackOf,
      change,
      ...(target.packageName ? { packageName: target.packageName } : {}),
    },
    out.json ? {} : render.releaseEvents(out),
  );
  const resumeArgs = { packageArg: pkg.file, config: ctx.global.config, vars: flags.vars, deployUser: flags.deployUser };
  const released = releaseVerdict(result, resumeArgs);
  const base = { project: flags.ref.project, job: flags.ref.job, rollbackOf: target.rollbackOf, target: targetJson, release: released.document };
  if (result.kind === 'refused') render.printRefusal(out, result.refusal);
  else render.printSummary(out, result.report, resumeArgs);
  if (released.code !== undefined) {
    out.warn(`${job} was not restarted: the release did not reach every cluster`);
    return { code: released.code, document: { ok: false, ...base, restart: null, ...(released.document.error ? { error: released.document.error } : {}) } };
  }

  out.line();
  const restart = await restartAfterRelease({
    config,
    clusters: inputs.targets,
    project: flags.ref.project,
    job: flags.ref.job,
    restore: flags.restore,
    stableMs: flags.stableMs,
    timeoutMs: flags.timeoutMs,
    signal: ctx.signal,
    trace,
    events: { progress: (_ref, cluster, line, done) => out.progress(`${job} ${cluster}`, line, { done: done === true }) },
  });
  out.endProgress();
  const names = inputs.targets.map((t) => t.name);
  printJobTable(out, [restart], names, { good: ['running', 'already-running', 'started'] });
  printSavepoints(out, [restart], { field: 'savepoint', note: 'taken by the restart' });
  printFailures(out, [restart], ctx.signal.aborted);
  const verdict = batchVerdict({ results: [restart], firstFailure: restart.failure ? restart : undefined, list: false, continueOnError: false, interrupted: ctx.signal.aborted });
  return { code: verdict.error?.code, document: { ok: verdict.error === undefined, ...base, restart: jobJson(restart), ...(verdict.error ? { error: verdict.error } : {}) } };
}
