import type { CommandContext, CommandResult } from '../command.js';
import { openCmdb } from '../../cmdb/open.js';
import { UsageError } from '../../errors.js';
import { DEFAULT_CONCURRENCY } from './jobs-command.js';
import { createSession } from '../../launch/session.js';
import { resolveTargets } from '../../package/targets.js';
import { collectAudit } from '../../audit/collect.js';
import { collectStandbyStates } from '../../audit/standby-states.js';
import { auditFindings } from '../../audit/findings.js';
import { auditCode, findingCode } from '../../audit/verdict.js';
import { printFindings } from '../print/audit.js';
import type { AuditInput } from '../../audit/types.js';
import { plural } from '../../package/problem-text.js';
import { cmdbInScope } from '../../audit/scope.js';
import { describeCriteria, selectionCriteria, type SelectionFlags } from '../../selection/criteria.js';
import { dryRunResult, readSelection } from './select-jobs.js';
import path from 'node:path';
import { SEVERITY_OF } from '../../audit/severity.js';
import { renderAuditHtml } from '../../report/audit-html.js';
import { nowOf } from '../clock.js';
import { checkReportFolder, writeReportAtomic } from './report-file.js';

/** `stms audit`: collect from the clusters and the CMDB, judge, print; a finding fails it (audit/verdict.ts). */

export interface AuditOptions extends Omit<SelectionFlags, 'job' | 'jobList'> {
  clusters: string;
  /** Also write the audit as an HTML page there. */
  html?: string | undefined;
}

export async function runAudit(ctx: CommandContext, options: AuditOptions): Promise<CommandResult> {
  const { out } = ctx;
  const chosen = selectionCriteria(options);
  // The selection rules (an empty one refused, --expect, --dry-run) apply once a flag narrows it.
  const narrowed = chosen !== undefined && (chosen.label !== undefined || chosen.nameLike !== undefined || options.expect !== undefined || options.dryRun === true);
  const config = await ctx.loadConfig();
  const clusters = resolveTargets(config, options.clusters);
  const htmlFile = options.html === undefined ? undefined : path.resolve(ctx.cwd, options.html);
  if (htmlFile) await checkReportFolder(htmlFile, '--html');
  const cmdb = openCmdb(config, { signal: ctx.signal, trace: (line) => out.debug(line), secrets: out.redactor });
  let records;
  try {
    records = await cmdb.list();
  } finally {
    await cmdb.close?.();
  }
  const projects = chosen?.projects ?? [...new Set(records.map((r) => r.projectName))].sort();
  if (projects.length === 0) {
    throw new UsageError(`the CMDB (${cmdb.describe}) registers no app, so there is no project to audit`, { hint: 'Name the projects with --project, or register the apps in the CMDB.' });
  }
  const scope = chosen ?? { projects };

  const session = createSession(config, clusters, { signal: ctx.signal, trace: (line) => out.debug(line), secrets: out.redactor });
  const concurrency = ctx.global.concurrency ?? DEFAULT_CONCURRENCY;
  let input;
  try {
    const { listings, selected } = await readSelection(session, scope, { expect: options.expect, concurrency, allowEmpty: !narrowed });
    if (options.dryRun === true) return dryRunResult(ctx, selected);
    out.info(`stms audit: ${narrowed ? `${plural(selected.length, 'job')} of ${describeCriteria(scope)}` : plural(projects.length, 'project')} on ${clusters.map((c) => c.name).join(', ')}`);
    input = await collectAudit(session, listings, cmdbInScope(records, scope, selected), concurrency);
    const standby = await collectStandbyStates(config, clusters, input, { signal: ctx.signal, trace: (line) => out.debug(line), secrets: out.redactor, concurrency, now: nowOf(ctx.env).getTime(), warn: (text) => out.warn(text) });
    if (standby) input = { ...input, standby };
  } finally {
    await session.close();
  }
  // A mistyped --project would otherwise pass as a clean audit of nothing.
  for (const project of (chosen?.projects ?? []).filter((p) => !seenProjects(input).has(p))) {
    out.warn(`--project ${project}: no job of it on ${clusters.map((c) => c.name).join(', ')} and none in the CMDB (${cmdb.describe}): check the name`);
  }
  const findings = auditFindings(input);
  const jobs = new Set(input.clusters.flatMap((c) => c.jobs.map((j) => `${j.projectName}/${j.jobName}`))).size;
  printFindings(out, findings, { jobs, projects, clusters: clusters.map((c) => c.name) });
  if (htmlFile) {
    await writeReportAtomic(htmlFile, renderAuditHtml({ input, findings, projects, generatedAt: nowOf(ctx.env) }), '--html');
    out.info(`HTML report: ${htmlFile}`);
  }
  const code = auditCode(findings);
  return {
    code,
    document: {
      ok: code === undefined,
      targets: clusters.map((c) => c.name),
      projects,
      jobs,
      findings: findings.map((f) => ({ ...f, code: findingCode(f.kind), severity: SEVERITY_OF[f.kind] })),
      ...(code === undefined ? {} : { error: { code, message: `the audit found ${plural(findings.length, 'problem')}` } }),
    },
  };
}

function seenProjects(input: AuditInput): Set<string> {
  return new Set([...input.clusters.flatMap((c) => c.jobs.map((j) => j.projectName)), ...input.cmdb.map((r) => r.projectName)]);
}
