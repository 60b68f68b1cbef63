import type { ClusterConfig, Config } from '../config/load.js';
import { ConfigError } from '../errors.js';
import type { Redactor } from '../util/redact.js';
import { commandHdfsReader } from './command-reader.js';
import type { HdfsReader } from './hdfs-entry.js';
import { webHdfsReader } from './webhdfs-reader.js';

export type { HdfsReader } from './hdfs-entry.js';

export interface HdfsReaderOptions {
  signal?: AbortSignal | undefined;
  trace?: ((line: string) => void) | undefined;
  secrets?: Redactor | undefined;
}

/** The reader the config names for that cluster; a config error when it names none. */
function openHdfsReader(config: Config, cluster: ClusterConfig, options: HdfsReaderOptions): HdfsReader {
  const hdfs = cluster.hdfs;
  if (!hdfs) {
    throw new ConfigError(`cluster ${cluster.name} has no hdfs in ${config.file ?? 'the config'}: its Flink state cannot be read`, {
      hint: `Add clusters.${cluster.name}.hdfs: { webhdfs: http://<namenode>:9870, user: hadoop } (or { command: [hdfs, dfs] }); see docs/configuration.md "Standby state".`,
    });
  }
  if (hdfs.kind === 'command') return commandHdfsReader({ cluster: cluster.name, argv: hdfs.argv, timeoutMs: config.timeouts.requestMs, signal: options.signal, trace: options.trace });
  return webHdfsReader({ cluster: cluster.name, url: hdfs.url, user: hdfs.user, token: hdfs.token, timeoutMs: config.timeouts.requestMs, retries: config.retries, ...options });
}

/** The `standby` section, required by the commands that read state. */
export function requireStandby(config: Config): NonNullable<Config['standby']> {
  if (config.standby) return config.standby;
  throw new ConfigError(`${config.file ?? 'the config'} has no standby section: where jobs' checkpoints and their copies live is not known`, {
    hint: 'Add standby: { checkpointRoot: /flink/flink-checkpoints/{schema}, copyRoot: /backup/flink-checkpoints/{schema}, maxAge: 15m }; see docs/configuration.md "Standby state".',
  });
}

/** One reader per cluster, opened on first use and closed together. */
export function hdfsReaders(config: Config, clusters: readonly ClusterConfig[], options: HdfsReaderOptions): { reader(cluster: string): HdfsReader; close(): Promise<void> } {
  const open = new Map<string, HdfsReader>();
  return {
    reader(name) {
      let found = open.get(name);
      if (!found) {
        const cluster = clusters.find((c) => c.name === name);
        if (!cluster) throw new Error(`cluster ${name} is not one of --clusters`);
        found = openHdfsReader(config, cluster, options);
        open.set(name, found);
      }
      return found;
    },
    async close() {
      await Promise.all([...open.values()].map((r) => r.close()));
    },
  };
}
