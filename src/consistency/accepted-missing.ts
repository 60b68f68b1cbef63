import type { Policy } from '../ha/policies.js';
import { serverChecksConsistency } from '../ha/policy-shape.js';
import { compareSources, skippedVerdict, type ClusterSource, type ConsistencyVerdict } from './verdict.js';

/**
 * A verdict written while one cluster of the pair does not answer (`stms check --accept-missing A
 * --reason "…"`, docs/commands/check.md): the clusters that answer are compared as usual (md5,
 * deployUser and pkgName readable, and equal among them), and their verdict says, in words a
 * person and the audit both read, which cluster was left out, why and who accepted it. The audit
 * lists such verdicts until a normal check overwrites them. Pure.
 */

const HEAD = '一致性检查通过（缺少集群）/ accepted with ';

export interface AcceptedMissing {
  /** The cluster that did not answer. */
  missing: string;
  reason: string;
  /** The deploy user of the run that accepted it. */
  acceptedBy: string;
}

export function acceptedMissingVerdict(policy: Policy, accepted: AcceptedMissing, present: readonly ClusterSource[]): ConsistencyVerdict {
  const names = present.map((c) => c.cluster);
  if (!serverChecksConsistency(policy)) {
    return skippedVerdict(names, `${policy} is a single-cluster policy: the server starts it without a verdict, so there is nothing to accept`);
  }
  const absent = present.filter((c) => !c.present).map((c) => c.cluster);
  const compared = compareSources(present.filter((c) => c.present));
  const reasons = [...(absent.length > 0 ? [`the job is missing on ${absent.join(', ')}: release it there first`] : []), ...compared.reasons];
  if (reasons.length > 0) {
    return {
      outcome: absent.length > 0 ? 'missing' : 'inconsistent',
      clusters: Object.fromEntries(present.map((c) => [c.cluster, c.present ? 'inconsistent' : 'missing'])),
      differences: compared.differences,
      unreadable: compared.unreadable,
      message: `not accepted without ${accepted.missing}: ${reasons.join('; ')}`,
      // Nothing is written: the verdict already on the clusters stays.
      writes: [],
    };
  }
  const first = compared.values.get(names[0] ?? '') ?? {};
  const message = acceptedMissingMessage(accepted, `md5 ${first.md5}, deployUser ${first.deployUser}, pkgName ${first.pkgName} on ${names.join(', ')}`);
  return {
    outcome: 'consistent',
    clusters: Object.fromEntries(names.map((n) => [n, 'accepted'])),
    differences: [],
    unreadable: {},
    message,
    writes: names.map((cluster) => ({ cluster, highAvailable: true, highAvailableMessage: message })),
  };
}

/** The verdict's text; readAcceptedMissing reads it back. */
export function acceptedMissingMessage(accepted: AcceptedMissing, materials: string): string {
  return `${HEAD}${accepted.missing} missing: reason ${JSON.stringify(accepted.reason)}; accepted by ${JSON.stringify(accepted.acceptedBy)}; ${materials}; run stms check on both clusters once ${accepted.missing} answers`;
}

const READ = /^一致性检查通过（缺少集群）\/ accepted with (\S+) missing: reason ("(?:[^"\\]|\\.)*"); accepted by ("(?:[^"\\]|\\.)*"); /;

/** What an accepted-with-missing verdict says; undefined for any other message. */
export function readAcceptedMissing(message: string | null | undefined): AcceptedMissing | undefined {
  if (!message?.startsWith(HEAD)) return undefined;
  const match = READ.exec(message);
  if (!match) return undefined;
  try {
    return { missing: match[1] as string, reason: JSON.parse(match[2] as string) as string, acceptedBy: JSON.parse(match[3] as string) as string };
  } catch {
    return undefined;
  }
}
