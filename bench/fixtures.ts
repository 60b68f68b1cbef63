import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bufferEntry, generatedEntry, writeStoredZip } from '../test/support/stored-zip.js';

export async function benchDir(): Promise<string> {
  return await mkdtemp(path.join(os.tmpdir(), 'stms-bench-'));
}

/**
 * `stms.config.json` in `dir` for releases of benchMeta packages: the sandbox's clusters and
 * pairs (`config`), the per-IDC value of its QUEUE variable, and a CMDB file registering `apps` of
 * project bench. Returns the config's path.
 */
export async function writeReleaseConfig(dir: string, config: Record<string, unknown>, apps: Array<{ jobName: string; haPolicy: string }>): Promise<string> {
  const file = path.join(dir, 'stms.config.json');
  await writeFile(path.join(dir, 'vars.json'), JSON.stringify({ idc: { GZ: { QUEUE: 'dws' }, TJ: { QUEUE: 'dws_tj' } } }));
  await writeFile(path.join(dir, 'cmdb.json'), JSON.stringify({ apps: apps.map((app) => ({ projectName: 'bench', ...app })) }));
  await writeFile(file, JSON.stringify({ ...config, deployUser: 'bench', vars: './vars.json', cmdb: { file: './cmdb.json' } }));
  return file;
}

/** A flink.sql meta.json for benchmark packages; no variables, so every cluster gets the same. */
export function benchMeta(projectName: string, jobName: string, policy: string): string {
  return JSON.stringify(
    {
      projectName,
      jobName,
      jobType: 'flink.sql',
      description: 'benchmark job',
      jobContent: { type: 'file', file: 'job.sql' },
      jobConfig: {
        'wds.linkis.flink.resource': { 'wds.linkis.flink.app.parallelism': '1', 'wds.linkis.rm.yarnqueue': '[@QUEUE]' },
        'wds.linkis.flink.produce': {
          'wds.streamis.app.highavailable.policy': policy,
          'wds.linkis.flink.alert.failure.user': 'bench_owner',
          'linkis.ec.app.manage.mode': 'detach',
        },
      },
    },
    null,
    2,
  );
}

/**
 * A material package of about `bytes`: meta.json, the sql file and one big resource stored
 * uncompressed (as jars are), written in 1 MiB chunks so the bench itself stays small in memory.
 */
export async function writeBigPackage(file: string, bytes: number, meta: string): Promise<void> {
  await writeStoredZip(file, [
    bufferEntry('meta.json', meta),
    bufferEntry('job.sql', 'SELECT 1;\n'),
    generatedEntry('resource.bin', bytes, 7),
  ]);
}
