import type { ClusterConfig } from '../../config/load.js';
import { checkPolicyTargets } from '../../ha/targets.js';
import type { Policy } from '../../ha/policies.js';
import type { Refusal } from '../types.js';

/** Stage 2: the HA policy against the targets (docs/concepts.md's table); exit 4 saying what to change. */
export function policyStage(policy: Policy, declared: boolean, targets: readonly ClusterConfig[], pairs: ReadonlyArray<readonly [string, string]>): Refusal | undefined {
  const result = checkPolicyTargets(policy, targets, pairs);
  if (result.ok) return undefined;
  const reasons = result.problems.map((p) => p.message);
  // A package that declares no policy is single: say so, or "policy single" puzzles its author.
  const which = declared ? policy : `${policy} (the default: meta.json declares no wds.streamis.app.highavailable.policy)`;
  return {
    code: 'HA_POLICY',
    message: `policy ${which} does not fit --clusters ${targets.map((t) => t.name).join(',')}: ${reasons.join('; ')}`,
    hint: 'Change --clusters, the cluster roles/policies/pairs in the config, or wds.streamis.app.highavailable.policy in meta.json.',
    reasons,
    policy,
  };
}
