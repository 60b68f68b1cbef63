import { STATE_DEPTH, type HdfsReader } from './hdfs-entry.js';
import { findStates, type FlinkStateFound } from './job-states.js';
import { jobStateBase, rootFor } from './roots.js';

/** A job's states below `{root with its schema}/{project}/{job}/` on one cluster's HDFS (none when the folder does not exist). */
export async function readJobStates(reader: HdfsReader, rootTemplate: string, policy: string | null, project: string, job: string): Promise<FlinkStateFound[]> {
  const base = jobStateBase(rootFor(rootTemplate, policy), project, job);
  const entries = await reader.listTree(base, STATE_DEPTH);
  return entries === null ? [] : findStates(base, entries);
}
