import { openCmdb } from '../../cmdb/open.js';
import { compareCmdb } from '../../cmdb/compare.js';
import type { Policy } from '../../ha/policies.js';
import type { CheckInput, Refusal } from '../types.js';

/**
 * Stage 3: the app is registered in the CMDB with the package's policy and, where the record
 * lists clusters, exactly the targets (exit 4). A CMDB that cannot be read is thrown as is.
 */
export async function cmdbStage(input: CheckInput, app: { project: string; job: string; policy: Policy }): Promise<Refusal | undefined> {
  const cmdb = openCmdb(input.config, { signal: input.signal, trace: input.trace, secrets: input.secrets });
  let record;
  try {
    record = await cmdb.lookup(app.project, app.job);
  } finally {
    await cmdb.close?.();
  }
  const targets = input.targets.map((t) => t.name);
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
