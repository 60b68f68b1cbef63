import { describe, expect, it } from 'vitest';
import { cmdbInScope } from '../../../src/audit/scope.js';

const record = (projectName: string, jobName: string) => ({ projectName, jobName, haPolicy: 'double' });

describe('cmdbInScope', () => {
  const records = [record('p1', 'orders_etl'), record('p1', 'clicks'), record('p1', 'registered_only'), record('p2', 'orders_etl')];

  it('keeps the records of the audited projects', () => {
    expect(cmdbInScope(records, { projects: ['p1'] }, []).map((r) => r.jobName)).toEqual(['orders_etl', 'clicks', 'registered_only']);
  });

  it('with --name-like, the records whose job name contains it', () => {
    expect(cmdbInScope(records, { projects: ['p1', 'p2'], nameLike: 'etl' }, []).map((r) => `${r.projectName}/${r.jobName}`)).toEqual(['p1/orders_etl', 'p2/orders_etl']);
  });

  it('with --label, only the records of the selected jobs (the CMDB knows no labels)', () => {
    const selected = [{ project: 'p1', job: 'clicks', labels: ['kafka'], clusters: ['GZ_UAT'] }];
    expect(cmdbInScope(records, { projects: ['p1'], label: 'kafka' }, selected).map((r) => r.jobName)).toEqual(['clicks']);
  });
});
