import type { AuditCluster, Finding } from './types.js';

/**
 * The same job name more than once in one cluster's listing (in several projects): YARN runs
 * them as `<project>.<job>`, but people, alerts and job/list's name search mix them up.
 * One finding per job involved, naming the others.
 */
export function duplicateNameFindings(clusters: readonly AuditCluster[]): Finding[] {
  const findings: Finding[] = [];
  for (const cluster of clusters) {
    const byName = new Map<string, string[]>();
    for (const row of cluster.jobs) byName.set(row.jobName, [...(byName.get(row.jobName) ?? []), row.projectName]);
    for (const [job, projects] of byName) {
      if (projects.length < 2) continue;
      const all = projects.map((p) => `${p}/${job}`).join(', ');
      for (const project of new Set(projects)) {
        findings.push({
          kind: 'duplicate-name',
          project,
          job,
          cluster: cluster.name,
          message: `job name ${job} appears ${projects.length} times on ${cluster.name} (${all}): rename one so each job name is unique on the cluster`,
          expected: `one job named ${job} on ${cluster.name}`,
          found: `${projects.length}: ${all}`,
        });
      }
    }
  }
  return findings;
}
