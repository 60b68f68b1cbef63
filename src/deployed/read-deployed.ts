import { errorMessage } from '../errors.js';
import type { JsonValue } from '../meta/types.js';
import { readLatestOf, type LatestVersion } from './latest-version.js';
import type { StreamisClient } from '../streamis/index.js';
import { CONFIG_GROUPS, type JobView, type StoredConfig } from './server-view.js';

/**
 * "The meta.json deployed now", pieced together from what the API returns, since no endpoint
 * returns the uploaded meta.json: job/list (type, description, label = tags), inspect
 * `version.now` (the source record, the raw jobContent as uploaded, the comment), config/json
 * (the stored configuration, values as strings). When inspect refuses, a flink.jar job's content
 * comes from job/jobContent instead; what cannot be read is said in `notes`.
 */

export interface DeployedJob {
  latest: LatestVersion;
  /** Undefined when the job does not exist on the cluster. */
  view: JobView | undefined;
  notes: string[];
}

export async function readDeployed(client: StreamisClient, project: string, job: string): Promise<DeployedJob> {
  const task = await client.findJob(project, job);
  if (!task) return { latest: { exists: false }, view: undefined, notes: [] };
  const jobType = task.jobType ?? undefined;
  const latest = await readLatestOf(client, task.id, jobType, task.lastVersion ?? undefined);
  const notes: string[] = [];
  const view: JobView = {
    ...(task.projectName ? { projectName: task.projectName } : {}),
    jobName: task.name,
    ...(jobType ? { jobType } : {}),
    ...(task.label ? { tags: task.label } : {}),
    ...(task.description ? { description: task.description } : {}),
  };
  const row = latest.exists ? latest.row : undefined;
  if (row) {
    if (row.comment) view.comment = row.comment;
    const content = parseJson(row.jobContent);
    if (content !== undefined) view.jobContent = content;
    else notes.push('the deployed jobContent is not JSON; not compared');
  } else if (jobType === 'flink.jar') {
    view.jobContent = await jarContent(client, task.id);
  } else {
    notes.push(`the deployed jobContent cannot be read${latest.exists && latest.sourceProblem ? ` (${latest.sourceProblem})` : ''}; not compared`);
  }
  try {
    view.jobConfig = storedGroups(await client.jobConfig(task.id));
  } catch (error) {
    notes.push(`the deployed configuration cannot be read (${errorMessage(error)}); not compared`);
  }
  return { latest, view, notes };
}

/** config/json answers the groups plus `template` and `editEnable`: keep the groups. */
function storedGroups(data: Record<string, unknown>): StoredConfig {
  const out: StoredConfig = {};
  for (const group of CONFIG_GROUPS) {
    const values = data[group];
    if (values === null || typeof values !== 'object' || Array.isArray(values)) continue;
    out[group] = Object.fromEntries(Object.entries(values as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]));
  }
  return out;
}

/** job/jobContent of flink.jar, renamed back to meta.json's keys. */
async function jarContent(client: StreamisClient, jobId: number): Promise<JsonValue> {
  const { jobContent } = await client.jobContent(jobId);
  const c = jobContent ?? {};
  const names = (v: unknown) => (Array.isArray(v) ? v.map((f) => (f && typeof f === 'object' ? String((f as Record<string, unknown>).fileName) : String(f))) : undefined);
  const out: Record<string, JsonValue> = {};
  const mainJar = names(c.mainClassJar ? [c.mainClassJar] : undefined)?.[0];
  if (mainJar) out['main.class.jar'] = mainJar;
  if (typeof c.mainClass === 'string') out['main.class'] = c.mainClass;
  if (Array.isArray(c.args)) out.args = c.args as JsonValue[];
  if (Array.isArray(c.hdfsJars)) out['hdfs.jars'] = c.hdfsJars as JsonValue[];
  const deps = names(c.dependencyJars);
  if (deps) out['dependency.jars'] = deps;
  const resources = names(c.resources);
  if (resources) out.resources = resources;
  return out;
}

function parseJson(text: string | null | undefined): JsonValue | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}
