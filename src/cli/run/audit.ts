import type { CommandContext, CommandResult } from '../command.js';
import { openCmdb } from '../../cmdb/open.js';
import { UsageError } from '../../errors.js';
import { DEFAULT_CONCURRENCY } from './jobs-command.js';
import { createSession } from '../../launch/session.js';
import { NAME_PATTERN } from '../../meta/keys.js';
import { resolveTargets } from '../../package/targets.js';
import { collectAudit } from '../../audit/collect.js';
import { auditFindings } from '../../audit/findings.js';
import { auditCode, findingCode } from '../../audit/verdict.js';
import { printFindings } from '../print/audit.js';
import type { AuditInput } from '../../audit/types.js';
import { plural } from '../../package/problem-text.js';

/** `stms audit`: collect from the clusters and the CMDB, judge, print; a finding fails it (audit/verdict.ts). */

export interface AuditOptions {
  clusters: string;
  projects: string[];
}

export async function runAudit(ctx: CommandContext, options: AuditOptions): Promise<CommandResult> {
  const { out } = ctx;
  for (const p of options.projects) if (!NAME_PATTERN.test(p)) throw new UsageError(`--project ${p}: a project name has only letters, digits, _ and .`);
  const config = await ctx.loadConfig();
  const clusters = resolveTargets(config, options.clusters);
  const cmdb = openCmdb(config, { signal: ctx.signal, trace: (line) => out.debug(line), secrets: out.redactor });
  let records;
  try {
    records = await cmdb.list();
  } finally {
    await cmdb.close?.();
  }
  const projects = options.projects.length > 0 ? [...new Set(options.projects)] : [...new Set(records.map((r) => r.projectName))].sort();
  if (projects.length === 0) {
    throw new UsageError(`the CMDB (${cmdb.describe}) registers no app, so there is no project to audit`, { hint: 'Name the projects with --project, or register the apps in the CMDB.' });
  }

  out.info(`stms audit: ${plural(projects.length, 'project')} on ${clusters.map((c) => c.name).join(', ')}`);
  const session = createSession(config, clusters, { signal: ctx.signal, trace: (line) => out.debug(line), secrets: out.redactor });
  let input;
  try {
    input = await collectAudit(session, projects, records, ctx.global.concurrency ?? DEFAULT_CONCURRENCY);
  } finally {
    await session.close();
  }
  // A mistyped --project would otherwise pass as a clean audit of nothing.
  for (const project of options.projects.filter((p) => !seenProjects(input).has(p))) {
    out.warn(`--project ${project}: no job of it on ${clusters.map((c) => c.name).join(', ')} and none in the CMDB (${cmdb.describe}): check the name`);
  }
  const findings = auditFindings(input);
  const jobs = new Set(input.clusters.flatMap((c) => c.jobs.map((j) => `${j.projectName}/${j.jobName}`))).size;
  printFindings(out, findings, { jobs, projects, clusters: clusters.map((c) => c.name) });
  const code = auditCode(findings);
  return {
    code,
    document: {
      ok: code === undefined,
      targets: clusters.map((c) => c.name),
      projects,
      jobs,
      findings: findings.map((f) => ({ ...f, code: findingCode(f.kind) })),
      ...(code === undefined ? {} : { error: { code, message: `the audit found ${plural(findings.length, 'problem')}` } }),
    },
  };
}

function seenProjects(input: AuditInput): Set<string> {
  return new Set([...input.clusters.flatMap((c) => c.jobs.map((j) => j.projectName)), ...input.cmdb.map((r) => r.projectName)]);
}
