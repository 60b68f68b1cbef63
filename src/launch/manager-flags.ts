import type { ManagerFlags } from '../ha/start-targets.js';
import type { Session } from './session.js';

/** getHAMsg's whetherManager of each cluster (read once per cluster by the session). */
export async function readManagerFlags(session: Session, clusters: readonly string[]): Promise<ManagerFlags> {
  const read = await Promise.all(clusters.map(async (c) => [c, (await session.haMessage(c)).whetherManager] as const));
  return Object.fromEntries(read);
}
