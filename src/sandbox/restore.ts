import { AUTO_RESTORE_KEY, SAVEPOINT_PATH_KEY, type JobConfig } from './job-config.js';
import type { StoredTask } from './state.js';

/**
 * Where a start of a job restores from, as the server decides at launch (docs/streamis-contract.md §5.8,
 * §6.6): the configured `wds.linkis.flink.savepoint.path` of the produce group; else, with
 * `wds.linkis.flink.app.start-auto-restore.switch` ON, the newest savepoint or checkpoint any
 * task of the job left; else nothing. Inspect shows the same path as `snapshot.path`. Pure.
 */
export function restorePoint(config: JobConfig, tasksOfJob: readonly StoredTask[]): string | null {
  const configured = config['wds.linkis.flink.produce']?.[SAVEPOINT_PATH_KEY];
  if (configured !== undefined && configured.trim() !== '') return configured;
  if (config['wds.linkis.flink.produce']?.[AUTO_RESTORE_KEY] !== 'ON') return null;
  return latestState(tasksOfJob);
}

/** The newest savepoint or checkpoint of these tasks; a savepoint wins a tie (it is taken last). */
export function latestState(tasksOfJob: readonly StoredTask[]): string | null {
  let best: { path: string; time: number; rank: number } | undefined;
  const consider = (path: string | null | undefined, time: number, rank: number) => {
    if (!path) return;
    if (!best || time > best.time || (time === best.time && rank > best.rank)) best = { path, time, rank };
  };
  for (const task of tasksOfJob) {
    consider(task.checkpoint, task.checkpointTime ?? task.startTime, 0);
    consider(task.savepoint, task.savepointTime ?? task.lastUpdateTime, 1);
  }
  return best?.path ?? null;
}
