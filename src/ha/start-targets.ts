import type { Policy } from './policies.js';
import { POLICY_SHAPE } from './policy-shape.js';

/**
 * Which clusters `launch` starts (docs/concepts.md table, last column). DR clusters are never started,
 * so they are not an input. managerSlave* starts only where getHAMsg said whetherManager=true:
 * the server refuses it elsewhere (docs/streamis-contract.md §7.5), and with both or neither saying true
 * starting blindly would run the job twice or nowhere, so we refuse and say what each said.
 */

/** Cluster name -> getHAMsg's whetherManager; undefined when it was not (or could not be) read. */
export type ManagerFlags = Readonly<Record<string, boolean | undefined>>;

export type StartTargets = { targets: string[] } | { refusal: string };

/** `nonDr`: the non-DR target names, e.g. `checkPolicyTargets(...).nonDr.map((c) => c.name)`. */
export function startTargets(policy: Policy, nonDr: readonly string[], managerFlags?: ManagerFlags): StartTargets {
  const shape = POLICY_SHAPE[policy];
  if (nonDr.length !== shape.nonDr) {
    return { refusal: `${policy} starts on ${shape.nonDr === 1 ? 'one non-DR cluster' : 'a pair of non-DR clusters'}, got ${nonDr.length}${nonDr.length ? ` (${nonDr.join(', ')})` : ''}` };
  }
  if (shape.starts === 'all-non-dr') return { targets: [...nonDr] };

  const said = nonDr.map((name) => ({ name, flag: managerFlags?.[name] }));
  const managers = said.filter((s) => s.flag === true);
  const answer = said.map((s) => `${s.name}: ${s.flag === undefined ? 'not read' : `whetherManager=${s.flag}`}`).join(', ');
  const [only] = managers;
  if (managers.length === 1 && only) return { targets: [only.name] };
  if (managers.length === 0) {
    return {
      refusal: `${policy} starts only on the manager cluster, and none of ${nonDr.join(', ')} says it is the manager (${answer}): set wds.streamis.whether.manager.cluster=true on the manager cluster's Streamis, or check that getHAMsg answers`,
    };
  }
  return {
    refusal: `${policy} starts only on the manager cluster, but ${managers.map((m) => m.name).join(' and ')} both say they are (${answer}): set wds.streamis.whether.manager.cluster=false on the slave cluster's Streamis`,
  };
}
