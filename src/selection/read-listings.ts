import { mapLimit } from '../batch/map-limit.js';
import { errorCodeOf, mostSevere } from '../errors.js';
import type { JobTask, StreamisClient } from '../streamis/index.js';
import type { SelectionCriteria } from './criteria.js';
import { narrowListings, type ClusterRows } from './select.js';

/**
 * Reads, on every cluster, the jobs of the selected projects: job/list with the label and name
 * passed to the server to narrow the read, every page, then the exact label applied here. A
 * cluster that cannot be read fails the whole selection with its error (and so its code): a
 * selection without it would silently drop the jobs only it has.
 */

export interface ClusterClient {
  cluster: string;
  client: StreamisClient;
}

export async function readListings(clients: readonly ClusterClient[], criteria: SelectionCriteria, concurrency: number): Promise<Array<ClusterRows<JobTask>>> {
  const reads = clients.flatMap(({ cluster, client }) => criteria.projects.map((project) => ({ cluster, client, project })));
  const settled = await mapLimit(reads, concurrency, async ({ cluster, client, project }) => {
    try {
      const rows = await client.listAllJobs({ projectName: project, ...(criteria.label === undefined ? {} : { label: criteria.label }), ...(criteria.nameLike === undefined ? {} : { jobName: criteria.nameLike }) });
      return { ok: true as const, listing: { cluster, project, rows } };
    } catch (error) {
      return { ok: false as const, error };
    }
  });
  // The most severe failure decides, and is thrown as it is: it names the cluster and the endpoint.
  const failures = settled.flatMap((s) => (s.ok ? [] : [s.error]));
  const worst = mostSevere(failures.map(errorCodeOf));
  if (worst !== undefined) throw failures.find((e) => errorCodeOf(e) === worst);
  return narrowListings(settled.flatMap((s) => (s.ok ? [s.listing] : [])), criteria);
}
