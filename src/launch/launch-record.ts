import type { InspectSummary } from './launch-steps.js';
import type { ClusterRecord } from './types.js';

/**
 * What `launch` keeps per cluster. Its own module so the steps that fill it (wait, verdict) and
 * the job that runs them can all name it without importing one another.
 */

export type LaunchOutcome = 'started' | 'running' | 'already-running' | 'not-target' | 'refused' | 'failed' | 'timeout' | 'missing' | 'inconsistent' | 'interrupted' | 'pending';

export interface LaunchRecord extends ClusterRecord {
  outcome: LaunchOutcome;
  version?: string | null;
  /** This cluster's consistency verdict. */
  check?: string;
  status?: string;
  statusCode?: number;
  inspect?: InspectSummary;
  /** The savepoint taken by --restart before the new start. */
  savepoint?: string;
  /** --restart stopped the job here (the new start's outcome is `outcome`). */
  restarted?: boolean;
}
