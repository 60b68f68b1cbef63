import type { MetaJson } from '../meta/types.js';
import { compareViews } from '../deployed/compare-views.js';
import { readDeployed } from '../deployed/read-deployed.js';
import type { Level } from '../deployed/diff.js';
import { viewOfMeta } from '../deployed/server-view.js';
import { changesFromVariables, variableDriftReason } from '../deployed/variable-changes.js';
import type { StreamisClient } from '../streamis/index.js';
import type { LatestVersion } from '../deployed/latest-version.js';

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
