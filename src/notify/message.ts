import type { NotifyFormat } from '../config/load.js';

/**
 * What `--notify` posts (docs/configuration.md "Notifications"): `plain` posts the command's
 * `--json` document as it is; `wecom` and `dingtalk` post a short text message in the robots'
 * shape (`{"msgtype":"text","text":{"content":…}}`): one line saying how the command ended, then
 * its numbers and the first few failures or findings. Pure.
 */

/** Lines about jobs or findings past the first ones are left to the --json document. */
const MAX_LINES = 10;

export function notificationBody(format: NotifyFormat, command: string, document: Record<string, unknown>): unknown {
  if (format === 'plain') return document;
  return { msgtype: 'text', text: { content: notificationText(command, document) } };
}

export function notificationText(command: string, document: Record<string, unknown>): string {
  const error = record(document.error);
  const head = document.ok === false ? `stms ${command}: FAILED${error ? ` (${text(error.code)}): ${text(error.message)}` : ''}` : `stms ${command}: ok`;
  const lines = [head];
  const targets = Array.isArray(document.targets) ? document.targets.map(text).join(', ') : undefined;
  if (targets) lines.push(`clusters: ${targets}`);
  if (Array.isArray(document.findings)) lines.push(...findingLines(document.findings.map(record)));
  if (Array.isArray(document.jobs)) lines.push(...jobLines(document.jobs.map(record)));
  return lines.join('\n');
}

function findingLines(findings: Array<Record<string, unknown> | undefined>): string[] {
  const byKind = new Map<string, number>();
  for (const f of findings) byKind.set(text(f?.kind), (byKind.get(text(f?.kind)) ?? 0) + 1);
  const lines = [`findings: ${findings.length}${byKind.size > 0 ? ` (${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')})` : ''}`];
  for (const f of findings.slice(0, MAX_LINES)) lines.push(`- ${text(f?.project)}/${text(f?.job)}${f?.cluster ? ` on ${text(f.cluster)}` : ''}: ${text(f?.kind)}`);
  if (findings.length > MAX_LINES) lines.push(`- … and ${findings.length - MAX_LINES} more`);
  return lines;
}

function jobLines(jobs: Array<Record<string, unknown> | undefined>): string[] {
  const failed = jobs.filter((j) => j?.error !== undefined);
  const lines = [`jobs: ${jobs.length}, ${jobs.length - failed.length} without failure, ${failed.length} failed`];
  for (const j of failed.slice(0, MAX_LINES)) lines.push(`- ${text(j?.project)}/${text(j?.job)}: ${text(j?.outcome)}: ${text(record(j?.error)?.message)}`);
  if (failed.length > MAX_LINES) lines.push(`- … and ${failed.length - MAX_LINES} more`);
  return lines;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}
