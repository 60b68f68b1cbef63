import type { ClusterConfig, Config } from '../config/load.js';
import { RemoteError, UsageError } from '../errors.js';
import { clientForCluster, type ClusterClientOptions } from '../streamis/for-cluster.js';

/**
 * Before `stms check --accept-missing A` writes a verdict without A: A must really not answer. One
 * getHAMsg, with the config's timeout and retries; a transport failure or a server error (exit 5
 * elsewhere) confirms it and is returned in words for the output. A cluster that answers, even
 * with a refusal of the token, is refused here (exit 2): the normal check is the one to run.
 */
export async function confirmNotAnswering(config: Config, cluster: ClusterConfig, options: ClusterClientOptions): Promise<string> {
  const client = clientForCluster(config, cluster, options);
  try {
    await client.haMessage();
  } catch (error) {
    if (error instanceof RemoteError && error.code === 'REMOTE') return error.message;
    if (error instanceof RemoteError) throw refusal(cluster.name, `it answered (${error.message})`);
    throw error;
  } finally {
    await client.close();
  }
  throw refusal(cluster.name, 'it answers');
}

function refusal(name: string, what: string): UsageError {
  return new UsageError(`--accept-missing ${name}: ${what}, so the verdict can compare both clusters`, {
    hint: `Run stms check without --accept-missing (and --reason): it compares ${name} too.`,
  });
}
