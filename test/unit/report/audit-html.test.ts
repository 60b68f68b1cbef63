import { describe, expect, it } from 'vitest';
import { auditFindings } from '../../../src/audit/findings.js';
import { FINDING_KINDS, type AuditInput, type AuditJob } from '../../../src/audit/types.js';
import { KIND_TITLES, renderAuditHtml } from '../../../src/report/audit-html.js';

const job = (jobName: string, fields: Partial<AuditJob> = {}): AuditJob => ({ projectName: 'p1', jobName, statusCode: 5, md5: 'a', policy: 'single', savepointPath: null, ...fields });
const HOSTILE = '<script>alert("x")</script>&<img src=x onerror=alert(1)>';

function render(input: AuditInput): string {
  return renderAuditHtml({ input, findings: auditFindings(input), projects: ['p1'], generatedAt: new Date('2026-12-03T01:00:00Z') });
}

describe('renderAuditHtml', () => {
  const input: AuditInput = {
    clusters: [
      { name: 'GZ_UAT', role: 'primary', whetherManager: true, jobs: [job(HOSTILE, { savepointPath: `hdfs:///sp/${HOSTILE}` }), job('ok')] },
      { name: 'TJ_UAT', role: 'backup', whetherManager: false, jobs: [] },
    ],
    pairs: [['GZ_UAT', 'TJ_UAT']],
    cmdb: [],
  };
  const html = render(input);

  it('escapes every value: a job name with <script> stays text', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('p1/&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('loads nothing: inline CSS only, no script, link, image, font or remote URL, and a policy forbidding them', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    for (const outside of ['<script', '<link', '<img', '<iframe', '@import', 'url(', 'src=', 'http://', 'https://', '@font-face']) expect(html.replace(/&lt;img src=x/g, '')).not.toContain(outside);
  });

  it('has a summary of jobs per cluster and findings per kind and severity, and a section per kind', () => {
    expect(html).toMatch(/<tr><td>GZ_UAT<\/td><td>primary<\/td><td>yes<\/td><td class="n">2<\/td><\/tr>/);
    expect(html).toMatch(/<tr><td>TJ_UAT<\/td><td>backup<\/td><td>no<\/td><td class="n">0<\/td><\/tr>/);
    expect(html).toContain('<tr><td><span class="sev sev-high">high</span></td><td class="n">1</td></tr>');
    for (const kind of FINDING_KINDS) expect(html).toContain(`<section id="kind-${kind}" data-kind="${kind}"`);
    expect(html).toContain('<section id="kind-savepoint-path-left" data-kind="savepoint-path-left" data-count="1">');
    expect(html).toContain('<section id="kind-duplicate-name" data-kind="duplicate-name" data-count="0">');
  });

  it('says severity in words in every row, not only in colour', () => {
    const rows = html.split('\n').filter((l) => l.startsWith('<tr><td>p1/'));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row).toMatch(/<span class="sev sev-(high|medium|low)">(high|medium|low)<\/span><\/td><\/tr>$/);
    const savepoint = rows.find((l) => l.includes('<td>no wds.linkis.flink.savepoint.path in the configuration</td>'));
    expect(savepoint).toMatch(/<span class="sev sev-high">high<\/span><\/td><\/tr>$/);
  });

  it('shows stale standby state fed through the audit input, and says when it was not judged', () => {
    expect(html).toContain('Not judged: no cluster has hdfs configured.');
    const withStandby = render({ ...input, standby: [{ project: 'p1', job: 'ms', manager: 'GZ_UAT', standby: 'TJ_UAT', verdict: 'missing', ageSeconds: null, maxAgeSeconds: 900 }] });
    const section = withStandby.slice(withStandby.indexOf('<section id="kind-standby-state-stale"'));
    expect(section).toContain('data-count="1"');
    expect(section).toContain(`<h2>${KIND_TITLES['standby-state-stale']} (<span class="sev sev-high">high</span>, 1)</h2>`);
    expect(section).toContain('<tr><td>p1/ms</td><td>TJ_UAT</td><td>a complete copy on TJ_UAT at most 15m old</td><td>missing: no complete copy</td>');
  });
});
