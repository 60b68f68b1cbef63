import type { CommandContext, CommandResult } from '../command.js';
import { UsageError } from '../../errors.js';
import { serverHistory } from '../../history/server-history.js';
import { parseJobRef } from '../../launch/job-ref.js';
import { createSession } from '../../launch/session.js';
import { jobName } from '../../launch/types.js';
import { resolveTargets } from '../../package/targets.js';
import { listJournals } from '../../release/journal-store.js';
import { printServerHistory } from '../print/server-history.js';

/** `stms history <project/job> --clusters A,B`: the versions on the servers, per cluster. */
export async function runServerHistory(ctx: CommandContext, jobArg: string | undefined, clustersFlag: string): Promise<CommandResult> {
  if (jobArg === undefined) throw new UsageError('stms history --clusters needs the job: stms history p1/j1 --clusters GZ_UAT,TJ_UAT');
  const ref = parseJobRef(jobArg);
  const config = await ctx.loadConfig();
  const clusters = resolveTargets(config, clustersFlag);
  const { journals } = await listJournals(config.stateDir);
  const session = createSession(config, clusters, { signal: ctx.signal, trace: (line) => ctx.out.debug(line) });
  let history;
  try {
    history = await serverHistory(session, ref, journals);
  } finally {
    await session.close();
  }
  printServerHistory(ctx.out, jobName(ref), history);
  return { document: { ok: true, project: ref.project, job: ref.job, clusters: history } };
}
