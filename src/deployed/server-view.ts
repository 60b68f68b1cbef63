import type { JsonValue, MetaJson } from '../meta/types.js';
import { storedConfig, type StoredConfig } from '../meta/stored-config.js';

/**
 * What the server keeps of a meta.json (docs/streamis-contract.md §4.3, §6.6), so `plan` compares like with
 * like: the rendered meta.json as the server would store it against what the cluster holds now.
 * Pure; the config rules are src/meta/stored-config.ts.
 */

export { CONFIG_GROUPS, javaText, storedConfig, type StoredConfig } from '../meta/stored-config.js';

/** The parts of a job `plan` can read back from a cluster, keyed as in meta.json. */
export interface JobView {
  projectName?: string;
  jobName?: string;
  jobType?: string;
  tags?: string;
  description?: string;
  comment?: string;
  jobContent?: JsonValue;
  jobConfig?: StoredConfig;
}

/** The view of a rendered meta.json as the server would store it. */
export function viewOfMeta(meta: MetaJson): JobView {
  const text = (key: string) => (typeof meta[key] === 'string' ? { [key]: meta[key] as string } : {});
  return {
    ...text('projectName'),
    ...text('jobName'),
    ...text('jobType'),
    ...text('tags'),
    ...text('description'),
    ...text('comment'),
    ...(meta.jobContent === undefined ? {} : { jobContent: meta.jobContent }),
    jobConfig: storedConfig(meta.jobConfig),
  };
}
