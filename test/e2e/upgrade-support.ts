import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxClusterHandle } from '../../src/sandbox/index.js';
import { sqlFiles } from '../support/packages.js';
import type { SandboxFixture } from '../support/sandbox-fixture.js';
import { clientFor } from '../streamis/helpers.js';
import { jobView } from './launch-support.js';
import { policyMeta } from './release-support.js';

/** Shared pieces of the upgrade end-to-end tests. */

/** Writes `<job>-<tag>.zip`: the same job, a different comment per tag (so a new version). */
export async function jobPackage(f: SandboxFixture, job: string, policy: string, tag: string, register: string[] | undefined): Promise<string> {
  if (register) {
    const current = JSON.parse(await readFile(f.cmdbFile, 'utf8')) as { apps: Array<Record<string, unknown>> };
    await f.register([...(current.apps as never[]), { projectName: 'p1', jobName: job, haPolicy: policy, clusters: register }]);
  }
  return f.writePackage(`${job}-${tag}.zip`, sqlFiles(policyMeta(job, policy, { comment: `build ${tag}` })));
}

export async function configOf(cluster: SandboxClusterHandle, job: string): Promise<Record<string, any>> {
  const client = clientFor(cluster);
  try {
    return await client.jobConfig(jobView(cluster, job)?.id as number);
  } finally {
    await client.close();
  }
}


/**
 * A double job upgraded once to v1 on GZ_UAT and TJ_UAT (so it runs on both), and its v2 package
 * written but not released: returns the v2 file name.
 */
export async function runningDouble(f: SandboxFixture, job: string): Promise<string> {
  const v1 = path.basename(await jobPackage(f, job, 'double', 'v1', ['GZ_UAT', 'TJ_UAT']));
  const run = await f.run(['upgrade', v1, '--clusters', 'GZ_UAT,TJ_UAT', '--stable', '0']);
  if (run.exitCode !== 0) throw new Error(`the first upgrade of ${job} failed: ${run.stderr}`);
  return path.basename(await jobPackage(f, job, 'double', 'v2', undefined));
}
