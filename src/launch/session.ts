import type { ClusterConfig, Config } from '../config/load.js';
import type { Redactor } from '../util/redact.js';
import { clientForCluster, type HaMessage, type StreamisClient } from '../streamis/index.js';
import { StatusPoller, type PollerOptions } from './status-poller.js';

/**
 * Everything a batch shares across its jobs: one keep-alive client per cluster of --clusters,
 * one status poller per cluster (so hundreds of waiting jobs cost one `job/status` call per
 * cluster and tick), and getHAMsg read once per cluster.
 */
export interface Session {
  config: Config;
  /** The --clusters, in the order given. */
  clusters: readonly ClusterConfig[];
  signal: AbortSignal;
  client(cluster: string): StreamisClient;
  poller(cluster: string): StatusPoller;
  haMessage(cluster: string): Promise<HaMessage>;
  close(): Promise<void>;
}

export interface SessionOptions {
  signal: AbortSignal;
  trace?: ((line: string) => void) | undefined;
  /** The run's secrets (see clientForCluster). */
  secrets?: Redactor | undefined;
  poll?: Partial<Omit<PollerOptions, 'signal'>>;
}

export function createSession(config: Config, clusters: readonly ClusterConfig[], options: SessionOptions): Session {
  const clients = new Map<string, StreamisClient>();
  const pollers = new Map<string, StatusPoller>();
  const haMessages = new Map<string, Promise<HaMessage>>();
  const byName = new Map(clusters.map((c) => [c.name, c]));

  const client = (name: string): StreamisClient => {
    let found = clients.get(name);
    if (!found) {
      const cluster = byName.get(name);
      if (!cluster) throw new Error(`cluster ${name} is not one of --clusters`);
      found = clientForCluster(config, cluster, options);
      clients.set(name, found);
    }
    return found;
  };

  // Every client up front: a cluster without a token fails the command before any job starts.
  for (const cluster of clusters) client(cluster.name);

  return {
    config,
    clusters,
    signal: options.signal,
    client,
    poller(name) {
      let found = pollers.get(name);
      if (!found) {
        const c = client(name);
        found = new StatusPoller((ids) => c.status(ids), { ...options.poll, signal: options.signal });
        pollers.set(name, found);
      }
      return found;
    },
    haMessage(name) {
      let found = haMessages.get(name);
      if (!found) {
        found = client(name).haMessage();
        // A failed read is not cached: the next job may find the cluster back.
        found.catch(() => haMessages.delete(name));
        haMessages.set(name, found);
      }
      return found;
    },
    async close() {
      for (const p of pollers.values()) p.close();
      await Promise.all([...clients.values()].map((c) => c.close()));
    },
  };
}
