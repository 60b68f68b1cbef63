import type { ClusterConfig, Config } from '../config/load.js';
import { UsageError } from '../errors.js';
import { md5OfVersion, serverHistory } from '../history/server-history.js';
import { createSession } from '../launch/session.js';
import type { JobRef } from '../launch/types.js';
import { listJournals } from '../release/journal-store.js';
import { chooseFromJournals, isVersionName, type RollbackTarget } from './target.js';

/**
 * The target of a rollback: from the local journals (the release before the current one, or the
 * release `--to` names), or, when `--to` names a version, from the versions on the servers, so a
 * rollback works when the local journal is gone (the store must still have the package).
 */

export interface ResolveInput {
  config: Config;
  clusters: readonly ClusterConfig[];
  ref: JobRef;
  to: string | undefined;
  signal: AbortSignal;
  trace?: (line: string) => void;
}

export async function resolveRollbackTarget(input: ResolveInput): Promise<RollbackTarget> {
  const { ref, to } = input;
  const names = input.clusters.map((c) => c.name);
  const { journals } = await listJournals(input.config.stateDir);
  if (to === undefined || !isVersionName(to)) {
    const choice = chooseFromJournals(journals, ref.project, ref.job, names, to);
    if (!choice.ok) throw new UsageError(choice.message, choice.hint ? { hint: choice.hint } : {});
    return choice.target;
  }
  const session = createSession(input.config, input.clusters, { signal: input.signal, ...(input.trace ? { trace: input.trace } : {}) });
  let history;
  try {
    history = await serverHistory(session, ref, journals);
  } finally {
    await session.close();
  }
  const job = `${ref.project}/${ref.job}`;
  const found = md5OfVersion(history, to);
  const listed = `\`stms history ${job} --clusters ${names.join(',')}\``;
  if (found.found.length === 0) throw new UsageError(`--to ${to}: ${job} has no version ${to} on ${names.join(', ')}`, { hint: `${listed} lists the versions.` });
  if (found.differ) throw new UsageError(`--to ${to}: version ${to} of ${job} is not the same package on ${found.found.join(', ')}; roll back to a release id instead`, { hint: `${listed} shows each cluster's md5.` });
  if (found.md5 === null) {
    throw new UsageError(`--to ${to}: the servers do not say which package ${to} of ${job} is (no source record with an md5, and no local journal recorded it)`, { hint: `${listed} shows which versions have an md5.` });
  }
  const newest = Object.values(history).find((c) => c.versions.length > 0)?.versions[0];
  return {
    md5: found.md5,
    releaseId: found.facts?.releaseId ?? null,
    version: to,
    packageName: found.facts?.pkgName ?? null,
    rollbackOf: newest?.releaseId ?? newest?.version ?? to,
  };
}
