import { consistencyVerdict, type ClusterSource, type ConsistencyVerdict } from '../consistency/verdict.js';
import type { Policy } from '../ha/policies.js';
import { serverChecksConsistency } from '../ha/policy-shape.js';
import { errorMessage } from '../errors.js';
import { parseSource } from '../streamis/index.js';
import type { ClusterFacts } from './job-facts.js';
import { readLatestSource } from '../streamis/latest-source.js';
import type { Session } from './session.js';

/**
 * The consistency check of one job (docs/concepts.md): read the latest version's source on every
 * compared cluster, judge md5 / deployUser / pkgName, and write the verdict to every cluster that
 * has the job through `job/updateContent` (never with `args`, which would add a version).
 * Single-cluster policies are skipped without a call, as the server skips them.
 */

export interface CheckedSource {
  version: string | null;
  md5: string | null;
}

export interface ConsistencyOutcome {
  verdict: ConsistencyVerdict;
  /** Per compared cluster that has the job. */
  sources: Record<string, CheckedSource>;
}

export async function runConsistencyCheck(
  session: Session,
  policy: Policy,
  compared: readonly string[],
  facts: ReadonlyMap<string, ClusterFacts>,
  /** How the sources read are judged; the normal verdict unless a check accepts a missing cluster. */
  judge: (policy: Policy, read: ClusterSource[]) => ConsistencyVerdict = consistencyVerdict,
): Promise<ConsistencyOutcome> {
  const fact = (name: string) => facts.get(name) as ClusterFacts;
  if (!serverChecksConsistency(policy)) {
    return { verdict: judge(policy, compared.map((cluster) => ({ cluster, present: fact(cluster).present, source: undefined }))), sources: {} };
  }

  const sources: Record<string, CheckedSource> = {};
  const read = await Promise.all(
    compared.map(async (cluster) => {
      const { present, row } = fact(cluster);
      if (!present || !row) return { cluster, present: false, source: undefined };
      const latest = await (fact(cluster).latest ?? readLatestSource(session.client(cluster), row.id, row.jobType));
      // A refusal with no other reader: the check cannot be made; the caller reports the server's words.
      if (!latest.read && latest.refusal) throw latest.refusal;
      const parsed = parseSource(latest.source);
      sources[cluster] = { version: latest.version ?? row.lastVersion ?? null, md5: parsed.ok ? (parsed.record.md5 ?? null) : null };
      return { cluster, present: true, source: latest.source };
    }),
  );
  const verdict = judge(policy, read);

  await Promise.all(
    verdict.writes.map(async (write) => {
      const row = fact(write.cluster).row;
      if (!row) return;
      await session.client(write.cluster).updateHighAvailable({
        jobId: row.id,
        // Ignored by the server (it always takes the latest version), sent as the web UI does.
        version: sources[write.cluster]?.version ?? row.lastVersion ?? '',
        highAvailable: write.highAvailable,
        highAvailableMessage: write.highAvailableMessage,
      });
    }),
  );
  return { verdict, sources };
}

/**
 * `job/updateContent` writes to the version that is latest when it arrives, so a version uploaded
 * while the check ran carries a verdict it never earned. Launch finds it in the inspect before
 * the start and withdraws the verdict from it (false: the server will not start it either).
 * Returns what became of the verdict, for the message.
 */
export async function withdrawVerdict(session: Session, cluster: string, jobId: number, version: string, checked: string): Promise<string> {
  try {
    await session.client(cluster).updateHighAvailable({
      jobId,
      version,
      highAvailable: false,
      highAvailableMessage: `一致性检查不通过 / not checked: ${version} was uploaded while ${checked} was being checked; check again`,
    });
    return 'the verdict written to it was withdrawn';
  } catch (error) {
    return `the verdict written to it could not be withdrawn (${errorMessage(error)})`;
  }
}
