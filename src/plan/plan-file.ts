import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { formatIssues } from '../config/issue-text.js';
import { UsageError } from '../errors.js';
import { POLICIES } from '../ha/policies.js';

/**
 * The plan file of `stms plan -o` (docs/concepts.md, "Plans"): what a release would do, per job
 * and cluster, in a form a reviewer reads and `release --plan` / `upgrade --plan` apply exactly.
 * It holds names, paths and md5s only: never a token or any other secret. Paths are relative to
 * the plan file's folder, so a plan travels with the checkout it was made in.
 */

export const PLAN_FORMAT = 1;

const PlanActionSchema = z.enum(['upload', 'unchanged']);
/** What `upgrade` does on the cluster after the release: restart a running job, start it, or nothing. */
const PlanThenSchema = z.enum(['restart', 'start', 'none']);

const Md5 = z.string().regex(/^[0-9a-f]{32}$/, 'must be a hex md5');

const PlanClusterSchema = z.strictObject({
  action: PlanActionSchema,
  then: PlanThenSchema,
  metaMd5: Md5,
  deployed: z.strictObject({ version: z.string().nullable(), md5: z.string().nullable() }).nullable(),
});

const PlanJobSchema = z.strictObject({
  package: z.string().min(1),
  packageMd5: Md5,
  project: z.string().min(1),
  job: z.string().min(1),
  policy: z.enum(POLICIES),
  /** Why upgrade would refuse to start the job (every `then` is `none`); null when it would not. */
  upgradeRefusal: z.string().nullable(),
  clusters: z.record(z.string(), PlanClusterSchema),
});

export const PlanFileSchema = z.strictObject({
  stmsPlan: z.literal(PLAN_FORMAT),
  createdAt: z.string(),
  stmsVersion: z.string(),
  config: z.strictObject({ file: z.string().nullable(), clusters: z.array(z.string()) }),
  targets: z.array(z.string()).min(1),
  vars: z.strictObject({ file: z.string(), md5: Md5 }).nullable(),
  deployUser: z.string().min(1),
  jobs: z.array(PlanJobSchema).min(1),
});

export type PlanFile = z.infer<typeof PlanFileSchema>;
export type PlanJob = z.infer<typeof PlanJobSchema>;
export type PlanCluster = z.infer<typeof PlanClusterSchema>;
export type PlanThen = z.infer<typeof PlanThenSchema>;

/**
 * The file's text: 2-space JSON with the keys always in the order of the schema (and the
 * clusters of a job in the order of `targets`), so two plans of the same state differ only in
 * `createdAt` and a reviewer's diff shows what moved.
 */
export function planFileText(plan: PlanFile): string {
  const ordered: PlanFile = {
    stmsPlan: plan.stmsPlan,
    createdAt: plan.createdAt,
    stmsVersion: plan.stmsVersion,
    config: { file: plan.config.file, clusters: [...plan.config.clusters] },
    targets: [...plan.targets],
    vars: plan.vars ? { file: plan.vars.file, md5: plan.vars.md5 } : null,
    deployUser: plan.deployUser,
    jobs: plan.jobs.map((j) => ({
      package: j.package,
      packageMd5: j.packageMd5,
      project: j.project,
      job: j.job,
      policy: j.policy,
      upgradeRefusal: j.upgradeRefusal,
      clusters: Object.fromEntries(orderedClusters(plan.targets, j.clusters).map(([name, c]) => [name, { action: c.action, then: c.then, metaMd5: c.metaMd5, deployed: c.deployed ? { version: c.deployed.version, md5: c.deployed.md5 } : null }])),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function orderedClusters(targets: readonly string[], clusters: Record<string, PlanCluster>): Array<[string, PlanCluster]> {
  const rank = (name: string) => (targets.includes(name) ? targets.indexOf(name) : targets.length);
  return Object.entries(clusters).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Parses a plan file's text. Not JSON, not a plan, a plan of another format, or a job without
 * every target: a usage error (exit 2) naming the file and the field.
 */
export function parsePlanFile(file: string, text: string): PlanFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not a plan file: not JSON (${(error as Error).message})`, { hint: 'Write a plan with `stms plan <package> --clusters A,B -o plan.json`.' });
  }
  const format = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>).stmsPlan : undefined;
  if (format === undefined) throw new UsageError(`${file}: not a plan file: no "stmsPlan" format marker`, { hint: 'Write a plan with `stms plan <package> --clusters A,B -o plan.json`.' });
  if (format !== PLAN_FORMAT) {
    throw new UsageError(`${file}: a plan of format ${JSON.stringify(format)}; this stms reads format ${PLAN_FORMAT}`, { hint: 'Make the plan again with this stms, or apply it with the stms that wrote it.' });
  }
  const parsed = PlanFileSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`not a usable plan file:\n${formatIssues(file, parsed.error.issues, { schema: PlanFileSchema, input: raw })}`);
  const plan = parsed.data;
  for (const [index, job] of plan.jobs.entries()) {
    const names = Object.keys(job.clusters);
    const missing = plan.targets.filter((t) => !names.includes(t));
    const extra = names.filter((n) => !plan.targets.includes(n));
    if (missing.length > 0 || extra.length > 0) {
      throw new UsageError(`${file}: jobs.${index}.clusters: must name exactly the targets (${plan.targets.join(', ')}); ${[missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `not a target: ${extra.join(', ')}` : ''].filter(Boolean).join('; ')}`);
    }
  }
  return plan;
}

/** Reads and parses `file` (an absolute path); a missing or unreadable file is a usage error. */
export async function readPlanFile(file: string, shown: string): Promise<PlanFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--plan ${shown}: ${code === 'ENOENT' ? 'no such file' : `cannot read the plan file (${code ?? (error as Error).message})`}`, { hint: 'Write a plan with `stms plan <package> --clusters A,B -o plan.json`.' });
  }
  return parsePlanFile(shown, text);
}
