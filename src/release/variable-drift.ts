import type { MetaJson } from '../meta/types.js';
import { compareViews } from '../plan/compare.js';
import { readDeployed } from '../plan/deployed.js';
import type { Level } from '../plan/diff.js';
import { viewOfMeta } from '../plan/server-view.js';
import { changesFromVariables, variableDriftReason } from '../plan/variable-changes.js';
import type { StreamisClient } from '../streamis/index.js';
import type { LatestVersion } from './latest-version.js';

/**
 * Asked by a release only when a cluster's latest version already has this very package: reads
 * the job back as `plan` does and says why it must be uploaded anyway (a key a variable fills
 * holds another value there now), or undefined when it is truly unchanged.
 */
export async function variableDrift(
  client: StreamisClient,
  app: { project: string; job: string },
  rendered: MetaJson,
  pointers: readonly string[],
  levelOf: (pointer: string) => Level,
  latest: LatestVersion,
): Promise<string | undefined> {
  if (pointers.length === 0 || !latest.exists) return undefined;
  const deployed = await readDeployed(client, app.project, app.job);
  const changes = changesFromVariables(compareViews(deployed.view, viewOfMeta(rendered), levelOf), pointers);
  return variableDriftReason(latest.version, changes);
}
