import type { ClusterStore, StoredJob, StoredVersion } from './state.js';
import { readZipEntry } from './zip-reader.js';

/**
 * The server's job content parsers (docs/streamis-contract.md §5.6, §6.5): what `job/jobContent` returns,
 * what `updateContent` checks first, and what a launch needs. Referenced files are looked up among
 * the version's files (the sandbox has no project resource files), so a missing one is
 * `Not exists file <name>.` as on a server whose project has none.
 */

export type ContentResult = { ok: true; content: Record<string, unknown> } | { ok: false; code: number; desc: string };

class ParseFailure extends Error {
  constructor(
    readonly code: number,
    readonly desc: string,
  ) {
    super(desc);
  }
}

export async function parseJobContent(store: ClusterStore, job: StoredJob, version: StoredVersion): Promise<ContentResult> {
  try {
    const content = JSON.parse(version.jobContent) as Record<string, unknown> | null;
    if (job.jobType === 'flink.sql') return { ok: true, content: { sql: await sqlOf(store, version, content ?? {}) } };
    if (job.jobType === 'flink.jar' || job.jobType === 'spark.jar') return { ok: true, content: jarContent(job, version, content ?? {}) };
    return { ok: false, code: 30030, desc: 'Cannot find a JobContentParser to parse jobContent.' };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, code: error.code, desc: error.desc };
    throw error;
  }
}

async function sqlOf(store: ClusterStore, version: StoredVersion, content: Record<string, unknown>): Promise<string> {
  const type = content.type;
  if (type === 'sql') {
    if (typeof content.sql === 'string') return content.sql;
    throw new ParseFailure(30500, 'No sql is exists when the type is sql in jobContent.');
  }
  if (type === 'file') {
    if (typeof content.file !== 'string') throw new ParseFailure(30500, 'No file is exists when the type is file in jobContent.');
    findFile(version, content.file);
    const zip = store.zipPath(version);
    const bytes = zip ? await readZipEntry(zip, content.file) : undefined;
    if (!bytes) throw new ParseFailure(30500, `Not exists file ${content.file}.`);
    return bytes.toString('utf8');
  }
  if (type === 'bml') {
    if (content.resourceId === undefined || content.resourceId === null || content.version === undefined || content.version === null) {
      throw new ParseFailure(30500, 'No resourceId or version is exists when the type is bml in jobContent.');
    }
    throw new ParseFailure(30500, `Not exists resourceId ${String(content.resourceId)} in the BML of this sandbox.`);
  }
  throw new ParseFailure(30500, `Not recognized type ${type === undefined || type === null ? 'null' : String(type)} in jobContent.`);
}

function jarContent(job: StoredJob, version: StoredVersion, content: Record<string, unknown>): Record<string, unknown> {
  const placeholder = job.jobType === 'spark.jar';
  const fileObject = (name: string) => {
    const file = placeholder ? { id: 0, name } : findFile(version, name);
    return {
      id: file.id,
      jobId: job.id,
      jobVersionId: version.id,
      fileName: name,
      version: version.version,
      storePath: placeholder ? '<Unknown>' : JSON.stringify({ resourceId: `sandbox-${job.id}-${file.id}`, version: 'v000001' }),
      storeType: placeholder ? '<Unknown>' : 'bml',
      createTime: version.createTime,
      createBy: version.createBy,
      source: null,
      materialType: 'job',
    };
  };
  const names = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : undefined);
  if (typeof content['main.class.jar'] !== 'string') throw new ParseFailure(30500, 'main.class.jar is needed.');
  const mainClassJar = fileObject(content['main.class.jar']);
  if (typeof content['main.class'] !== 'string') throw new ParseFailure(30500, 'main.class is needed.');
  const dependencies = names(content['dependency.jars']);
  const resources = names(content.resources);
  return {
    mainClassJar,
    mainClass: content['main.class'],
    args: Array.isArray(content.args) ? content.args : null,
    hdfsJars: Array.isArray(content['hdfs.jars']) ? content['hdfs.jars'] : null,
    dependencyJars: dependencies ? dependencies.map(fileObject) : null,
    resources: resources ? resources.map(fileObject) : null,
    jobTemplate: null,
    source: version.source,
    highAvailable: null,
    highAvailableMessage: null,
  };
}

function findFile(version: StoredVersion, name: string): { id: number; name: string } {
  const file = version.files.find((f) => f.name === name);
  if (!file) throw new ParseFailure(30500, `Not exists file ${name}.`);
  return file;
}
