import type { ClusterConfig, Config } from '../config/load.js';
import type { Redactor } from '../util/redact.js';
import { createStreamisClient, type StreamisClient } from './client.js';

/**
 * The one way to get a Streamis client for a cluster of the config: the config's timeouts and
 * retries, the `-v` trace, the run's Ctrl-C signal, and the run's secrets (the cluster's token is
 * registered in them, with a warning when it is too short to redact reliably).
 */
export interface ClusterClientOptions {
  trace?: ((line: string) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** The run's redactor (the Output's): without one the client keeps its own token out of its messages. */
  secrets?: Redactor | undefined;
}

export function clientForCluster(config: Pick<Config, 'timeouts' | 'retries'> & { file?: string | undefined }, cluster: ClusterConfig, options: ClusterClientOptions): StreamisClient {
  return createStreamisClient(cluster, {
    timeouts: config.timeouts,
    retries: config.retries,
    trace: options.trace,
    signal: options.signal,
    configFile: config.file,
    secrets: options.secrets,
  });
}
