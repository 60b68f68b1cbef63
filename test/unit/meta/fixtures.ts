import { checkMeta } from '../../../src/meta/index.js';
import type { MetaCheckInput, MetaCheckResult, MetaJson, MetaTarget } from '../../../src/meta/index.js';
import type { Problem } from '../../../src/meta/problem.js';

/** Fixtures for the meta.json rules: a clean package to break one key at a time. */

export const GZ: MetaTarget = { name: 'GZ_UAT', idc: 'GZ' };
export const TJ: MetaTarget = { name: 'TJ_UAT', idc: 'TJ' };
export const SH: MetaTarget = { name: 'SH_DR', idc: 'SH' };

/** A flink.jar meta.json with no problem at all (no level-3 keys, so no variables needed). */
export function jarMeta(): MetaJson {
  return {
    projectName: 'p1',
    jobName: 'j1',
    jobType: 'flink.jar',
    tags: 'a,b',
    description: 'demo',
    jobContent: {
      'main.class.jar': 'demo-app-0.1.3.jar',
      'main.class': 'com.example.Entrance',
      'hdfs.jars': [],
      'dependency.jars': ['dep-1.jar'],
      resources: ['app.properties'],
    },
    jobConfig: {
      'wds.linkis.flink.resource': { 'wds.linkis.flink.app.parallelism': '1', 'wds.linkis.flink.taskmanager.memory': '2048' },
      'wds.linkis.flink.custom': { 'classloader.resolve-order': 'parent-first', 'demo.log.tps.rate': '600' },
      'wds.linkis.flink.produce': {
        'wds.linkis.flink.alert.failure.user': 'alexyang',
        'wds.linkis.flink.checkpoint.switch': 'ON',
        'wds.streamis.app.highavailable.policy': 'double',
      },
    },
  };
}

export function sqlMeta(): MetaJson {
  const meta = jarMeta();
  meta.jobType = 'flink.sql';
  meta.jobContent = { type: 'file', file: 'job.sql' };
  return meta;
}

/** A copy of `meta` with `edit` applied (edit mutates the copy). */
export function withEdit(meta: MetaJson, edit: (m: any) => void): MetaJson {
  const copy = structuredClone(meta);
  edit(copy);
  return copy;
}

export function check(meta: MetaJson | string, input: Partial<MetaCheckInput> = {}): MetaCheckResult {
  return checkMeta({ targets: [], ...input, text: typeof meta === 'string' ? meta : JSON.stringify(meta, null, 2) });
}

export function codes(problems: Problem[]): string[] {
  return problems.map((p) => p.code);
}

/** The one problem with `code`; fails the test when there is none or more than one. */
export function only(problems: Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  if (found.length !== 1) throw new Error(`expected one ${code}, got ${found.length}: ${JSON.stringify(problems, null, 2)}`);
  return found[0] as Problem;
}
