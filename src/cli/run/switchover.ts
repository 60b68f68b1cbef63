import { describeRefusal, windowVerdict } from '../../change/windows.js';
import { RemoteError, UsageError, errorMessage } from '../../errors.js';
import type { Session } from '../../launch/session.js';
import { newReleaseId } from '../../release/journal-model.js';
import { randomSuffix } from '../../release/random-suffix.js';
import { parseRestoreMode } from '../../restore/restore-mode.js';
import { checkManagers, type HaAnswer } from '../../switchover/manager-check.js';
import { SwitchoverJournal } from '../../switchover/journal.js';
import { nowOf } from '../clock.js';
import type { CommandContext } from '../command.js';

/**
 * The switchover's flags checked before the config is read, and its one-time step once the
 * clients are open: the managers' getHAMsg (manager-check.ts), the change windows (never a
 * refusal: a switchover is what an outage needs, so running outside a window is only recorded),
 * and the journal.
 */

export interface SwitchoverFlags {
  from: string;
  to: string;
  unplanned: boolean;
  reason: string | undefined;
  restorePath: string | undefined;
}

export function switchoverFlags(options: { from: string; to: string; unplanned: boolean; reason?: string | undefined; restore?: string | undefined }): SwitchoverFlags {
  if (options.from === options.to) throw new UsageError(`--from ${options.from} --to ${options.to}: name two different clusters`);
  if (options.reason !== undefined && !options.unplanned) throw new UsageError('--reason goes with --unplanned: it says why the switchover goes on without the old manager');
  if (options.unplanned && (options.reason === undefined || options.reason.trim() === '')) {
    throw new UsageError('--unplanned needs --reason "<why>": it is recorded in the journal and the result', { hint: 'For example --reason "GZ IDC power loss, YARN confirmed down".' });
  }
  let restorePath: string | undefined;
  if (options.restore !== undefined) {
    const mode = parseRestoreMode(options.restore);
    if (mode.kind !== 'path') throw new UsageError(`--restore ${options.restore}: give an hdfs:// path of a checkpoint or savepoint`);
    restorePath = mode.path;
  }
  return { from: options.from, to: options.to, unplanned: options.unplanned, reason: options.reason?.trim(), restorePath };
}

export async function prepareSwitchover(ctx: CommandContext, session: Session, flags: SwitchoverFlags, changeId: string | undefined) {
  // A cluster that cannot be reached (or whose gateway fails) does not answer; one that refuses
  // the token does, and that is a config problem to fix first (exit 2).
  const ask = async (cluster: string): Promise<HaAnswer> => {
    try {
      const ha = await session.haMessage(cluster);
      return { answered: true, whetherManager: ha.whetherManager, clusterName: ha.clusterName };
    } catch (error) {
      if (error instanceof RemoteError && error.code !== 'AUTH' && (error.status === undefined || (error.httpStatus ?? 0) >= 500)) return { answered: false, message: errorMessage(error) };
      throw error;
    }
  };
  const [fromSaid, toSaid] = await Promise.all([ask(flags.from), ask(flags.to)]);
  const { fromDown } = checkManagers(flags.from, flags.to, fromSaid, toSaid, flags.unplanned);
  if (fromDown) ctx.out.warn(`${flags.from} does not answer: an unplanned switchover (reason: ${flags.reason ?? ''}); nothing is stopped there`);

  const now = nowOf(ctx.env);
  const windows = session.config.changeWindows;
  const verdict = windows ? windowVerdict(windows, now) : undefined;
  const outsideWindow = windows && verdict && !verdict.allowed ? describeRefusal(windows, verdict) : undefined;
  if (outsideWindow) ctx.out.warn(`outside the change windows (recorded, not refused): ${outsideWindow}`);

  const journal = new SwitchoverJournal(session.config.stateDir, {
    runId: newReleaseId(now, randomSuffix()),
    createdAt: now.toISOString(),
    from: flags.from,
    to: flags.to,
    unplanned: fromDown,
    ...(flags.reason ? { reason: flags.reason } : {}),
    ...(outsideWindow ? { outsideWindow } : {}),
    ...(changeId ? { changeId } : {}),
  });
  return { from: flags.from, to: flags.to, fromDown, reason: flags.reason, restorePath: flags.restorePath, journal, outsideWindow };
}
