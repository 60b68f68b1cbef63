/**
 * Where a job's Flink state lives on HDFS (docs/configuration.md "Standby state"): a root with
 * `{schema}` (the HA schema folder as the server names it), then `{project}/{job}/`. A path given
 * to the server is written `hdfs://` + the path. Pure.
 */

export type SchemaFolder = 'single' | 'double' | 'managerSlave';

/** The folder of a policy: `…WithBak` shares its base policy's; no policy is single, as on the server. */
export function schemaFolder(policy: string | null | undefined): SchemaFolder {
  if (policy === 'double' || policy === 'doubleWithBak') return 'double';
  if (policy === 'managerSlave' || policy === 'managerSlaveWithBak') return 'managerSlave';
  return 'single';
}

/** The root with `{schema}` filled in, without a trailing slash. */
export function rootFor(template: string, policy: string | null | undefined): string {
  return trimSlash(template.split('{schema}').join(schemaFolder(policy)));
}

/** The folder below which a job's state is looked for. */
export function jobStateBase(root: string, project: string, job: string): string {
  return `${trimSlash(root)}/${project}/${job}`;
}

/** A path as the server and Flink are given it. */
export function hdfsUri(path: string): string {
  return `hdfs://${path}`;
}

/** The path of an `hdfs://[authority]/path` URI (or a bare path). */
export function pathOfUri(uri: string): string {
  const match = /^hdfs:\/\/[^/]*(\/.*)$/.exec(uri);
  return match?.[1] ?? uri;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
