import { childPointer, isJsonObject } from './pointer.js';
import type { MetaJson, ReferencedFile } from './types.js';
import { variableNamesIn } from './variables.js';

/**
 * The files a meta.json names, which must be in the package or among the project's resource
 * files (docs/streamis-contract.md §6.5): the SQL file of `type: file`, the main jar, the dependency jars
 * and the resources. `hdfs.jars` are HDFS paths, not files of the package. Names that still hold
 * a variable are left out: they are known only once rendered for a cluster.
 */
export function referencedFiles(meta: MetaJson): ReferencedFile[] {
  const content = meta.jobContent;
  if (!isJsonObject(content)) return [];
  const files: ReferencedFile[] = [];
  const add = (value: unknown, pointer: string) => {
    if (typeof value === 'string' && value.trim() !== '' && variableNamesIn(value).length === 0) files.push({ name: value, pointer });
  };
  if (meta.jobType === 'flink.sql') {
    if (content.type === 'file') add(content.file, '/jobContent/file');
    return files;
  }
  if (meta.jobType !== 'flink.jar' && meta.jobType !== 'spark.jar') return files;
  add(content['main.class.jar'], childPointer('/jobContent', 'main.class.jar'));
  for (const key of ['dependency.jars', 'resources']) {
    const list = content[key];
    if (Array.isArray(list)) list.forEach((item, i) => add(item, childPointer(childPointer('/jobContent', key), i)));
  }
  return files;
}

/** Every file named on any target, once per name and pointer. */
export function mergeReferencedFiles(lists: ReferencedFile[][]): ReferencedFile[] {
  const seen = new Set<string>();
  const out: ReferencedFile[] = [];
  for (const file of lists.flat()) {
    const key = `${file.pointer}\u0000${file.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(file);
  }
  return out;
}
