import type { PackageInspection } from './inspect.js';
import { problemCounts, problemJson } from './problem-text.js';

/** The `package` part of a `--json` document: what was checked, without side effects. */
export function packageJson(inspection: PackageInspection): Record<string, unknown> {
  const meta = inspection.meta;
  return {
    path: inspection.path,
    kind: inspection.kind,
    zipName: inspection.zipName,
    sizeBytes: inspection.sizeBytes,
    sizeExact: inspection.sizeExact,
    files: inspection.files,
    ...(meta?.projectName !== undefined ? { projectName: meta.projectName } : {}),
    ...(meta?.jobName !== undefined ? { jobName: meta.jobName } : {}),
    ...(meta?.jobType !== undefined ? { jobType: meta.jobType } : {}),
    ...(meta?.policy !== undefined ? { policy: meta.policy } : {}),
    ...(meta ? { variables: meta.variables } : {}),
  };
}

export function problemsJson(inspection: Pick<PackageInspection, 'problems'>): { problems: Record<string, unknown>[]; summary: { errors: number; warnings: number } } {
  return { problems: inspection.problems.map(problemJson), summary: problemCounts(inspection.problems) };
}
