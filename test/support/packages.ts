import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeZip, type TestZipEntry } from './zip-writer.js';

/**
 * Builders for the package tests: good flink.sql / flink.jar packages (as folders and zips) and a
 * config + vars file for three clusters, all in a fresh temp folder. Zips are built with the
 * test zip writer, not with stms's own pack, so a bug in pack cannot hide a bug in validate.
 * The cluster URLs are never contacted by validate/pack/render; they only have to be loopback.
 */

export async function tempDir(prefix = 'stms-pkg-'): Promise<string> {
  return await mkdtemp(path.join(os.tmpdir(), prefix));
}

/** The yarn queue differs per IDC (level 3: a variable); everything else is literal. */
export function sqlMeta(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    projectName: 'p1',
    jobName: 'j1',
    jobType: 'flink.sql',
    tags: 't1',
    description: 'order sums',
    jobContent: { type: 'file', file: 'job.sql' },
    jobConfig: {
      'wds.linkis.flink.resource': {
        'wds.linkis.flink.app.parallelism': '1',
        'wds.linkis.rm.yarnqueue': '[@IDC_STREAMISJOBCONF..p1.j1..c4]',
      },
      'wds.linkis.flink.custom': { 'classloader.resolve-order': 'parent-first' },
      'wds.linkis.flink.produce': {
        'wds.linkis.flink.checkpoint.switch': 'ON',
        'wds.linkis.flink.alert.failure.user': 'alexyang',
        'wds.streamis.app.highavailable.policy': 'double',
      },
    },
    ...overrides,
  };
}

/** args differ per IDC; one dependency jar. */
export function jarMeta(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = sqlMeta({ jobName: 'j2', jobType: 'flink.jar' });
  return {
    ...base,
    jobContent: {
      'main.class.jar': 'app-0.1.3.jar',
      'main.class': 'com.example.StreamApp',
      args: '[@IDC_STREAMISJOBCONF..p1.j2..c3]',
      'hdfs.jars': [],
      'dependency.jars': ['dep.jar'],
      resources: [],
    },
    ...overrides,
  };
}

export type PackageFiles = Record<string, string | Buffer>;

export function sqlFiles(meta: Record<string, unknown> = sqlMeta()): PackageFiles {
  return { 'meta.json': `${JSON.stringify(meta, null, 2)}\n`, 'job.sql': 'INSERT INTO sums SELECT id, SUM(x) FROM orders GROUP BY id;\n' };
}

export function jarFiles(meta: Record<string, unknown> = jarMeta()): PackageFiles {
  return { 'meta.json': `${JSON.stringify(meta, null, 2)}\n`, 'app-0.1.3.jar': Buffer.from('PK-not-really-a-jar-main'), 'dep.jar': Buffer.from('PK-not-really-a-jar-dep') };
}

export async function writeDirPackage(dir: string, files: PackageFiles): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, data] of Object.entries(files)) await writeFile(path.join(dir, name), data);
  return dir;
}

export async function writeZipPackage(file: string, files: PackageFiles, extra: TestZipEntry[] = []): Promise<string> {
  const entries: TestZipEntry[] = Object.entries(files).map(([name, data]) => ({ name, data: typeof data === 'string' ? Buffer.from(data) : data, method: 'deflate' }));
  return await writeZip(file, [...entries, ...extra]);
}

export interface ConfigOptions {
  maxUploadMB?: number;
  projectResources?: string[];
  tiers?: Record<string, number>;
  /** Replaces the vars file; default: the variables of job j1 (`job`) for every IDC. */
  vars?: Record<string, unknown>;
  job?: 'j1' | 'j2';
}

export const CLUSTERS = ['GZ_UAT', 'TJ_UAT', 'SH_DR'] as const;

/** The vars one job uses (a vars file with other jobs' variables gets "unused" warnings). */
export function defaultVars(job: 'j1' | 'j2' = 'j1'): Record<string, Record<string, Record<string, unknown>>> {
  const queue = 'IDC_STREAMISJOBCONF..p1.j1..c4';
  const args = 'IDC_STREAMISJOBCONF..p1.j2..c3';
  const forIdc = (q: string, topic: string) => (job === 'j1' ? { [queue]: q } : { [queue]: q, [args]: ['--kafka.topic', topic] });
  return { idc: { GZ: forIdc('dws', 't_gz'), TJ: forIdc('dws_tj', 't_tj'), SH: forIdc('dws_sh', 't_sh') } };
}

/** stms.config.json + vars.json in `dir` for GZ_UAT, TJ_UAT and SH_DR (DR). Returns the config path. */
export async function writeConfig(dir: string, options: ConfigOptions = {}): Promise<string> {
  const cluster = (port: number, idc: string, role: string) => ({
    url: `http://127.0.0.1:${port}`,
    tokenUser: 'hadoop',
    tokenCode: `secret-token-${idc.toLowerCase()}`,
    idc,
    role,
    ...(options.maxUploadMB === undefined ? {} : { maxUploadMB: options.maxUploadMB }),
  });
  const config = {
    deployUser: 'alexyang',
    vars: './vars.json',
    clusters: { GZ_UAT: cluster(19001, 'GZ', 'primary'), TJ_UAT: cluster(19002, 'TJ', 'backup'), SH_DR: cluster(19003, 'SH', 'dr') },
    pairs: [['GZ_UAT', 'TJ_UAT']],
    ...(options.projectResources ? { projectResources: options.projectResources } : {}),
    ...(options.tiers ? { tiers: options.tiers } : {}),
  };
  await writeFile(path.join(dir, 'vars.json'), JSON.stringify(options.vars ?? defaultVars(options.job), null, 2));
  const file = path.join(dir, 'stms.config.json');
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

/** Every file of a folder with its bytes, for "nothing was written" assertions. */
export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}
