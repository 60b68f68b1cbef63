import { openCmdb } from '../../cmdb/open.js';
import type { Config } from '../../config/load.js';
import { compareCmdb } from '../../cmdb/compare.js';
import type { Policy } from '../../ha/policies.js';
import type { Refusal } from '../types.js';

/**
 * Stage 3: the app is registered in the CMDB with the package's policy and, where the record
 * lists clusters, exactly the targets (exit 4). A CMDB that cannot be read is thrown as is.
 */
export async function cmdbStage(config: Config, app: { project: string; job: string; policy: Policy }, targets: readonly string[], signal: AbortSignal): Promise<Refusal | undefined> {
  const cmdb = openCmdb(config, signal);
  const record = await cmdb.lookup(app.project, app.job);
  const problems = compareCmdb(record, { projectName: app.project, jobName: app.job, policy: app.policy }, targets, cmdb.describe);
  if (problems.length === 0) return undefined;
  const reasons = problems.map((p) => p.message);
  return {
    code: 'CMDB',
    message: reasons.join('; '),
    hint: `The CMDB (${cmdb.describe}) and the release must agree before anything is uploaded.`,
    reasons,
    policy: app.policy,
    project: app.project,
    job: app.job,
  };
}
