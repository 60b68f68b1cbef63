import { cp, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import type { CmdbRecord } from '../cmdb/types.js';
import { EXAMPLE_CONFIG_DIR, EXAMPLE_PACKAGE_DIR } from '../init/templates-dir.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { DEMO_PROJECT, EXAMPLE_JOB, upgradedFolder, type DemoJob } from './steps.js';

const POLICY_KEY = 'wds.streamis.app.highavailable.policy';
const PRODUCE = 'wds.linkis.flink.produce';

export interface DemoWorkspace {
  dir: string;
  configFile: string;
  sandbox: Sandbox;
}

/**
 * A fresh sandbox in `dir` (reset on every run, so the demo always tells the same story) with
 * the config it writes, a deploy user, the example's variables for every demo job, their CMDB
 * records, and one package folder per job under `packages/`.
 */
export async function prepareDemo(dir: string, jobs: readonly DemoJob[]): Promise<DemoWorkspace> {
  const sandbox = await startSandbox({ dir, reset: true });
  try {
    const config = JSON.parse(await readFile(sandbox.configFile, 'utf8')) as Record<string, unknown>;
    await writeFile(sandbox.configFile, `${JSON.stringify({ ...config, deployUser: 'demo_owner', vars: './vars.json' }, null, 2)}\n`);
    await writeFile(path.join(dir, 'vars.json'), `${JSON.stringify(await varsFor(jobs), null, 2)}\n`);
    const apps: CmdbRecord[] = jobs.map((j) => ({ projectName: DEMO_PROJECT, jobName: j.job, haPolicy: j.policy, clusters: j.clusters, subsystem: '0000', owner: 'demo_owner' }));
    await writeFile(sandbox.cmdbFile, `${JSON.stringify({ apps }, null, 2)}\n`);
    for (const job of jobs) await writePackage(path.join(dir, 'packages', job.job), job);
    // The first job's next version, for the upgrade and rollback steps.
    const [first] = jobs;
    if (first) await writePackage(path.join(dir, 'packages', upgradedFolder(first)), first, 'the next version, as the demo upgrades to it');
    return { dir, configFile: sandbox.configFile, sandbox };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}

/** The example's package, renamed for `job` (its variables too) and given the job's policy. */
async function writePackage(target: string, job: DemoJob, description?: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  await cp(EXAMPLE_PACKAGE_DIR, target, { recursive: true });
  const metaFile = path.join(target, 'meta.json');
  const meta = JSON.parse(renamed(await readFile(metaFile, 'utf8'), job.job)) as { description?: string; jobConfig: Record<string, Record<string, string>> };
  if (description !== undefined) meta.description = description;
  const produce = meta.jobConfig[PRODUCE];
  if (produce) produce[POLICY_KEY] = job.policy;
  await writeFile(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  if (job.job !== EXAMPLE_JOB) await rename(path.join(target, `${EXAMPLE_JOB}.sql`), path.join(target, `${job.job}.sql`));
}

/** The example's vars file, with each variable repeated under every demo job's name. */
async function varsFor(jobs: readonly DemoJob[]): Promise<unknown> {
  const text = await readFile(path.join(EXAMPLE_CONFIG_DIR, 'vars.yaml'), 'utf8');
  const merged: Record<string, Record<string, unknown>> = {};
  for (const job of jobs) mergeInto(merged, yaml.load(renamed(text, job.job)) as Record<string, unknown>);
  return merged;
}

function mergeInto(target: Record<string, any>, source: Record<string, any>): void {
  for (const [key, value] of Object.entries(source)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) mergeInto((target[key] ??= {}), value);
    else target[key] = value;
  }
}

/** Job names appear in meta.json, file names and variable names alike (`..demo_project.demo_sql..`). */
function renamed(text: string, job: string): string {
  return job === EXAMPLE_JOB ? text : text.replace(/\bdemo_sql\b/g, job);
}
