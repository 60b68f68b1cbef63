/**
 * A JUnit XML report of a batch (`launch`/`check` over a job list) for CI pipelines: one test
 * case per job and cluster (`classname` project.job, `name` cluster). Every attribute and text
 * is escaped and stripped of what XML 1.0 cannot carry (ANSI colour codes, control characters),
 * so a server's error message can never break the report.
 */

export interface JunitCase {
  /** `project.job`, so CI tools group the clusters of one job. */
  classname: string;
  /** The cluster name. */
  name: string;
  timeSeconds: number;
  failure?: { message: string; type: string; details: string };
  /** A case that was not run (e.g. a DR cluster, never started). */
  skipped?: { message: string };
}

export interface JunitReport {
  /** The suite name, e.g. `stms launch`. */
  name: string;
  /** When the batch started; written as ISO 8601 UTC without milliseconds. */
  timestamp: Date;
  cases: readonly JunitCase[];
}

export function junitXml(report: JunitReport): string {
  const tests = report.cases.length;
  const failures = report.cases.filter((c) => c.failure).length;
  const skipped = report.cases.filter((c) => !c.failure && c.skipped).length;
  const time = seconds(report.cases.reduce((sum, c) => sum + safeTime(c.timeSeconds), 0));
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(report.name)}" ${counts}>`,
    `  <testsuite name="${attr(report.name)}" ${counts} timestamp="${report.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z')}">`,
  ];
  for (const c of report.cases) {
    const open = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}" time="${seconds(safeTime(c.timeSeconds))}"`;
    if (c.failure) {
      lines.push(`${open}>`, `      <failure message="${attr(c.failure.message)}" type="${attr(c.failure.type)}">${text(c.failure.details)}</failure>`, '    </testcase>');
    } else if (c.skipped) {
      lines.push(`${open}>`, `      <skipped message="${attr(c.skipped.message)}"/>`, '    </testcase>');
    } else {
      lines.push(`${open}/>`);
    }
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]/g;
// Everything XML 1.0 forbids: C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes what XML cannot carry. */
export function xmlClean(value: string): string {
  return value.replace(ANSI, '').replace(NOT_XML, '');
}

/** Escaped text content. */
export function text(value: string): string {
  return xmlClean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped attribute value; line breaks and tabs become character references so they survive. */
export function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function safeTime(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function seconds(value: number): string {
  return value.toFixed(3);
}
