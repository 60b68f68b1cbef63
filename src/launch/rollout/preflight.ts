import type { InspectSummary } from '../launch-steps.js';
import type { JobFailure } from '../types.js';

/**
 * Before stopping anywhere: would every cluster that is to start the job accept the start? What
 * inspect refuses outright (alert users, banned, detach mode) arrives as the server's error; this
 * judges the rest: the HA verdict the server will require (exit 4) and whether the job's
 * configuration may be changed (`editEnable`), which a restore from a savepoint needs (exit 7).
 * Pure.
 */

export function editEnabled(config: Record<string, unknown>): boolean {
  const value = config.editEnable;
  return !(value === false || value === 'false');
}

export function startRefusal(cluster: string, name: string, inspect: InspectSummary, editEnable: boolean, needsEdit: boolean): JobFailure | undefined {
  if (inspect.highAvailable === false) {
    return { code: 'HA_POLICY', message: `${cluster}: the server's HA check would refuse to start ${name}: ${inspect.highAvailableMessage ?? '(no message)'}; nothing was stopped` };
  }
  if (needsEdit && !editEnable) {
    return {
      code: 'LAUNCH',
      message: `${cluster}: ${name}'s configuration cannot be changed there (editEnable=false), so the start cannot be told which savepoint to restore; nothing was stopped: use --restore latest, or ask the admin to allow config edits`,
    };
  }
  return undefined;
}
