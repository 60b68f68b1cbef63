/**
 * What the demo does, as the commands a release engineer would type (README walks the same
 * path by hand). Pure data: the demo command runs each through the real CLI entry.
 */
export interface DemoJob {
  job: string;
  policy: 'double' | 'singleWithBak' | 'managerSlave';
  clusters: string[];
}

export const DEMO_PROJECT = 'demo_project';
/** The bundled example's job; the others are copies of it under another name and policy. */
export const EXAMPLE_JOB = 'demo_sql';

export const DEMO_JOBS: readonly DemoJob[] = [
  { job: 'demo_sql', policy: 'double', clusters: ['GZ_UAT', 'TJ_UAT'] },
  { job: 'demo_sql_bak', policy: 'singleWithBak', clusters: ['GZ_UAT', 'SH_DR'] },
  { job: 'demo_sql_ms', policy: 'managerSlave', clusters: ['GZ_UAT', 'TJ_UAT'] },
];

export interface DemoStep {
  /** Why this step, one line for the person watching. */
  title: string;
  argv: string[];
}

/** The folder of the first job's next version (the same job, another description). */
export function upgradedFolder(job: DemoJob): string {
  return `${job.job}_v2`;
}

export function demoSteps(jobs: readonly DemoJob[] = DEMO_JOBS): DemoStep[] {
  const [first, ...rest] = jobs;
  if (!first) return [];
  const ref = (job: DemoJob) => `${DEMO_PROJECT}/${job.job}`;
  const clusters = (job: DemoJob) => job.clusters.join(',');
  const zip = `${first.job}.zip`;
  const steps: DemoStep[] = [
    { title: `pack the ${first.job} folder into a deterministic zip`, argv: ['pack', `packages/${first.job}`, '-o', zip] },
    { title: `plan: every release check, and what would change on each cluster`, argv: ['plan', zip, '--clusters', clusters(first)] },
    { title: `release the ${first.policy} job to its pair`, argv: ['release', zip, '--clusters', clusters(first)] },
  ];
  for (const job of rest) {
    steps.push({ title: `release the ${job.policy} job to ${job.clusters.join(' and ')}`, argv: ['release', `packages/${job.job}`, '--clusters', clusters(job)] });
  }
  steps.push({ title: 'consistency check of the double job: md5, deployUser, pkgName on both clusters', argv: ['check', ref(first), '--clusters', clusters(first)] });
  for (const job of jobs) {
    steps.push({ title: `launch the ${job.policy} job where its policy says`, argv: ['launch', ref(job), '--clusters', clusters(job), '--timeout', '60s'] });
  }
  steps.push({ title: 'status of the double job on both clusters', argv: ['status', ref(first), '--clusters', clusters(first)] });
  steps.push({
    title: `upgrade the ${first.policy} job to a new version: release, check, then restart one cluster at a time from the savepoint its stop took`,
    argv: ['upgrade', `packages/${upgradedFolder(first)}`, '--clusters', clusters(first), '--stable', '2s', '--timeout', '60s'],
  });
  steps.push({ title: `roll the ${first.policy} job back to the package before, the same way`, argv: ['rollback', ref(first), '--clusters', clusters(first), '--stable', '2s', '--timeout', '60s'] });
  steps.push({ title: 'the versions on the servers, and which one runs', argv: ['history', ref(first), '--clusters', clusters(first)] });
  const last = jobs[jobs.length - 1] as DemoJob;
  steps.push({ title: `stop the ${last.policy} job with a savepoint`, argv: ['stop', ref(last), '--clusters', clusters(last), '--snapshot'] });
  steps.push({ title: 'the local release journal', argv: ['history'] });
  return steps;
}
