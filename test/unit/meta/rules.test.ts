import { describe, expect, it } from 'vitest';
import { check, codes, jarMeta, only, sqlMeta, withEdit } from './fixtures.js';
import type { MetaJson } from '../../../src/meta/index.js';

const PRODUCE = '/jobConfig/wds.linkis.flink.produce';
const produce = (m: any) => m.jobConfig['wds.linkis.flink.produce'];

// [what, base, edit, code, pointer, severity, words in the message or hint]
type Case = [string, () => MetaJson, (m: any) => void, string, string, 'error' | 'warning', string];

const cases: Case[] = [
  // Top level (docs/streamis-contract.md §6.2, §6.3)
  ['an unknown top-level key', jarMeta, (m) => (m.jobname = 'x'), 'META_UNKNOWN_KEY', '/jobname', 'error', 'Did you mean "jobName"?'],
  ['a $schema key', jarMeta, (m) => (m.$schema = './meta.schema.json'), 'META_UNKNOWN_KEY', '/$schema', 'error', 'editor settings'],
  ['tags as an array', jarMeta, (m) => (m.tags = ['a', 'b']), 'META_FIELD_TYPE', '/tags', 'error', '"a,b"'],
  ['description as an object', jarMeta, (m) => (m.description = { a: 1 }), 'META_FIELD_TYPE', '/description', 'error', 'not an object'],
  ['jobContent as an array', jarMeta, (m) => (m.jobContent = []), 'META_FIELD_TYPE', '/jobContent', 'error', 'must be an object'],
  ['jobConfig as a string', jarMeta, (m) => (m.jobConfig = 'x'), 'META_FIELD_TYPE', '/jobConfig', 'error', 'must be an object'],
  ['a numeric description', jarMeta, (m) => (m.description = 12), 'META_FIELD_COERCED', '/description', 'warning', '"12"'],
  ['a missing jobName', jarMeta, (m) => delete m.jobName, 'META_REQUIRED', '/jobName', 'error', 'jobName is needed'],
  ['a blank projectName', jarMeta, (m) => (m.projectName = '  '), 'META_REQUIRED', '/projectName', 'error', 'projectName is needed'],
  ['a null jobType', jarMeta, (m) => (m.jobType = null), 'META_REQUIRED', '/jobType', 'error', 'jobType is needed'],
  ['a missing jobContent', jarMeta, (m) => delete m.jobContent, 'META_REQUIRED', '/jobContent', 'error', 'jobContent is required'],
  ['an empty jobContent', jarMeta, (m) => (m.jobContent = {}), 'META_REQUIRED', '/jobContent', 'error', 'jobContent is needed'],
  ['a missing jobConfig', jarMeta, (m) => delete m.jobConfig, 'META_REQUIRED', '/jobConfig', 'error', 'wds.linkis.flink.produce'],
  ['workspaceName', jarMeta, (m) => (m.workspaceName = 'ws'), 'META_IGNORED_KEY', '/workspaceName', 'warning', 'ignored'],
  ['metaInfo', jarMeta, (m) => (m.metaInfo = {}), 'META_IGNORED_KEY', '/metaInfo', 'warning', 'overwritten'],
  ['a hyphen in jobName', jarMeta, (m) => (m.jobName = 'my-job'), 'META_NAME_CHARS', '/jobName', 'error', '"my_job"'],
  ['a comma in jobName', jarMeta, (m) => (m.jobName = 'a,b'), 'META_NAME_CHARS', '/jobName', 'error', 'could not find the job'],
  ['a space in projectName', jarMeta, (m) => (m.projectName = 'my project'), 'META_NAME_CHARS', '/projectName', 'error', 'letters, digits'],
  ['Chinese in jobName', jarMeta, (m) => (m.jobName = '作业'), 'META_NAME_CHARS', '/jobName', 'error', 'letters, digits'],
  ['a 201-character jobName', jarMeta, (m) => (m.jobName = 'j'.repeat(201)), 'META_FIELD_TOO_LONG', '/jobName', 'error', 'holds 200'],
  ['a 101-character projectName', jarMeta, (m) => (m.projectName = 'p'.repeat(101)), 'META_FIELD_TOO_LONG', '/projectName', 'error', 'holds 100'],
  ['a 201-character description', jarMeta, (m) => (m.description = '描'.repeat(201)), 'META_FIELD_TOO_LONG', '/description', 'error', 'holds 200'],
  ['a 256-character comment', jarMeta, (m) => (m.comment = 'c'.repeat(256)), 'META_FIELD_TOO_LONG', '/comment', 'error', 'holds 255'],
  ['a 201-character tags', jarMeta, (m) => (m.tags = 't'.repeat(201)), 'META_FIELD_TOO_LONG', '/tags', 'error', 'holds 200'],
  ['jobType in capitals', jarMeta, (m) => (m.jobType = 'Flink.Jar'), 'META_JOB_TYPE_UNKNOWN', '/jobType', 'error', 'Did you mean "flink.jar"?'],
  ['jobType flink (passes the upload, fails later)', jarMeta, (m) => (m.jobType = 'flink'), 'META_JOB_TYPE_UNKNOWN', '/jobType', 'error', 'not one of'],
  ['jobType flink.workflow', jarMeta, (m) => (m.jobType = 'flink.workflow'), 'META_JOB_TYPE_UNKNOWN', '/jobType', 'error', 'not one of'],
  ['jobType spark.jar', jarMeta, (m) => (m.jobType = 'spark.jar'), 'META_JOB_TYPE_NOT_STARTABLE', '/jobType', 'warning', 'cannot start'],

  // jobContent (§6.5)
  ['a long inline SQL', sqlMeta, (m) => (m.jobContent = { type: 'sql', sql: 'x'.repeat(65_600) }), 'META_CONTENT_TOO_LONG', '/jobContent', 'error', '65535'],
  ['flink.sql without type', sqlMeta, (m) => delete m.jobContent.type, 'META_CONTENT_REQUIRED', '/jobContent/type', 'error', 'sql, file or bml'],
  ['flink.sql with type SQL', sqlMeta, (m) => (m.jobContent.type = 'SQL'), 'META_SQL_TYPE_UNKNOWN', '/jobContent/type', 'error', 'Did you mean "sql"?'],
  ['flink.sql with a numeric type', sqlMeta, (m) => (m.jobContent.type = 1), 'META_SQL_TYPE_UNKNOWN', '/jobContent/type', 'error', 'not sql, file or bml'],
  ['type file without file', sqlMeta, (m) => delete m.jobContent.file, 'META_CONTENT_REQUIRED', '/jobContent/file', 'error', 'file is needed'],
  ['type sql with a blank sql', sqlMeta, (m) => (m.jobContent = { type: 'sql', sql: ' ' }), 'META_CONTENT_REQUIRED', '/jobContent/sql', 'error', 'blank'],
  ['type bml without version', sqlMeta, (m) => (m.jobContent = { type: 'bml', resourceId: 'r1' }), 'META_CONTENT_REQUIRED', '/jobContent/version', 'error', 'version is needed'],
  ['type file with a numeric file', sqlMeta, (m) => (m.jobContent.file = 3), 'META_CONTENT_TYPE', '/jobContent/file', 'error', 'must be a string'],
  ['flink.jar without main.class', jarMeta, (m) => delete m.jobContent['main.class'], 'META_CONTENT_REQUIRED', '/jobContent/main.class', 'error', 'main.class is needed'],
  ['flink.jar with a null main.class.jar', jarMeta, (m) => (m.jobContent['main.class.jar'] = null), 'META_CONTENT_REQUIRED', '/jobContent/main.class.jar', 'error', 'main.class.jar is needed'],
  ['args as a string', jarMeta, (m) => (m.jobContent.args = '--a b'), 'META_CONTENT_TYPE', '/jobContent/args', 'error', 'an array of strings'],
  ['a number among args', jarMeta, (m) => (m.jobContent.args = ['--port', 80]), 'META_CONTENT_TYPE', '/jobContent/args/1', 'error', 'must be a string'],
  ['resources as a string', jarMeta, (m) => (m.jobContent.resources = 'a.txt'), 'META_CONTENT_TYPE', '/jobContent/resources', 'error', 'an array of strings'],
  ['a misspelt jobContent key', jarMeta, (m) => (m.jobContent['main.class.Jar'] = 'x.jar'), 'META_CONTENT_UNKNOWN_KEY', '/jobContent/main.class.Jar', 'warning', 'Did you mean "main.class.jar"?'],
  ['a jar key in a flink.sql job', sqlMeta, (m) => (m.jobContent.args = []), 'META_CONTENT_UNKNOWN_KEY', '/jobContent/args', 'warning', 'means nothing'],
  ['a blank resource', jarMeta, (m) => (m.jobContent.resources = ['a.txt', '']), 'META_CONTENT_BLANK_ENTRY', '/jobContent/resources/1', 'warning', 'drops it'],

  // jobConfig (§6.6)
  ['no produce group', jarMeta, (m) => delete m.jobConfig['wds.linkis.flink.produce'], 'META_PRODUCE_MISSING', PRODUCE, 'error', 'rejects the upload'],
  ['a null produce group', jarMeta, (m) => (m.jobConfig['wds.linkis.flink.produce'] = null), 'META_PRODUCE_MISSING', PRODUCE, 'error', 'rejects the upload'],
  ['a produce group as a string', jarMeta, (m) => (m.jobConfig['wds.linkis.flink.produce'] = 'x'), 'META_PRODUCE_MISSING', PRODUCE, 'error', 'must be an object'],
  ['an unknown group', jarMeta, (m) => (m.jobConfig['wds.linkis.flink.alert'] = { a: '1' }), 'META_CONFIG_GROUP_DROPPED', '/jobConfig/wds.linkis.flink.alert', 'warning', 'drops the whole group'],
  ['a misspelt group', jarMeta, (m) => (m.jobConfig['wds.linkis.flink.resources'] = {}), 'META_CONFIG_GROUP_DROPPED', '/jobConfig/wds.linkis.flink.resources', 'warning', 'Did you mean "wds.linkis.flink.resource"?'],
  ['a group as an array', jarMeta, (m) => (m.jobConfig['wds.linkis.flink.custom'] = ['a']), 'META_CONFIG_GROUP_TYPE', '/jobConfig/wds.linkis.flink.custom', 'error', 'must be an object'],
  ['a resource key in the custom group', jarMeta, (m) => (m.jobConfig['wds.linkis.flink.custom']['wds.linkis.flink.app.parallelism'] = '2'), 'META_CONFIG_KEY_MISGROUPED', '/jobConfig/wds.linkis.flink.custom/wds.linkis.flink.app.parallelism', 'warning', 'belongs to wds.linkis.flink.resource'],
  ['the policy in the custom group', jarMeta, (m) => (m.jobConfig['wds.linkis.flink.custom']['wds.streamis.app.highavailable.policy'] = 'double'), 'META_CONFIG_KEY_MISGROUPED', '/jobConfig/wds.linkis.flink.custom/wds.streamis.app.highavailable.policy', 'warning', 'belongs in wds.linkis.flink.produce'],
  ['a nested object', jarMeta, (m) => (m.jobConfig['wds.linkis.flink.custom']['a'] = { b: 'c' }), 'META_CONFIG_NESTED_DROPPED', '/jobConfig/wds.linkis.flink.custom/a', 'warning', 'drops nested objects'],
  ['a null value', jarMeta, (m) => (m.jobConfig['wds.linkis.flink.custom']['a'] = null), 'META_CONFIG_NULL_DROPPED', '/jobConfig/wds.linkis.flink.custom/a', 'warning', 'drops it'],
  ['an array value', jarMeta, (m) => (m.jobConfig['wds.linkis.flink.custom']['a'] = ['x', 'y']), 'META_CONFIG_ARRAY_VALUE', '/jobConfig/wds.linkis.flink.custom/a', 'warning', '"[x, y]"'],
  ['a switch in lower case', jarMeta, (m) => (produce(m)['wds.linkis.flink.checkpoint.switch'] = 'on'), 'META_CONFIG_VALUE', `${PRODUCE}/wds.linkis.flink.checkpoint.switch`, 'warning', 'ON or OFF'],
  ['a parallelism of 0', jarMeta, (m) => (m.jobConfig['wds.linkis.flink.resource']['wds.linkis.flink.app.parallelism'] = 0), 'META_CONFIG_VALUE', '/jobConfig/wds.linkis.flink.resource/wds.linkis.flink.app.parallelism', 'warning', '1 to 100'],
  ['an unknown manage mode', jarMeta, (m) => (produce(m)['linkis.ec.app.manage.mode'] = 'detached'), 'META_CONFIG_VALUE', `${PRODUCE}/linkis.ec.app.manage.mode`, 'warning', 'detach or attach'],

  // Production keys (§5.8, §6.8, §8)
  ['policy Double', jarMeta, (m) => (produce(m)['wds.streamis.app.highavailable.policy'] = 'Double'), 'META_POLICY_UNKNOWN', `${PRODUCE}/wds.streamis.app.highavailable.policy`, 'error', 'Did you mean "double"?'],
  ['policy managerslave', jarMeta, (m) => (produce(m)['wds.streamis.app.highavailable.policy'] = 'managerslave'), 'META_POLICY_UNKNOWN', `${PRODUCE}/wds.streamis.app.highavailable.policy`, 'error', 'Did you mean "managerSlave"?'],
  ['policy doubleWithBack', jarMeta, (m) => (produce(m)['wds.streamis.app.highavailable.policy'] = 'doubleWithBack'), 'META_POLICY_UNKNOWN', `${PRODUCE}/wds.streamis.app.highavailable.policy`, 'error', 'Did you mean "doubleWithBak"?'],
  ['policy triple', jarMeta, (m) => (produce(m)['wds.streamis.app.highavailable.policy'] = 'triple'), 'META_POLICY_UNKNOWN', `${PRODUCE}/wds.streamis.app.highavailable.policy`, 'error', 'compares case-sensitively'],
  ['an empty policy', jarMeta, (m) => (produce(m)['wds.streamis.app.highavailable.policy'] = ''), 'META_POLICY_UNKNOWN', `${PRODUCE}/wds.streamis.app.highavailable.policy`, 'error', 'remove the key for single'],
  ['no alert user', jarMeta, (m) => delete produce(m)['wds.linkis.flink.alert.failure.user'], 'META_ALERT_USER_MISSING', `${PRODUCE}/wds.linkis.flink.alert.failure.user`, 'error', 'refuses to start'],
  ['an empty alert user', jarMeta, (m) => (produce(m)['wds.linkis.flink.alert.failure.user'] = ''), 'META_ALERT_USER_MISSING', `${PRODUCE}/wds.linkis.flink.alert.failure.user`, 'error', 'missing or empty'],
  ['only commas as alert users', jarMeta, (m) => (produce(m)['wds.linkis.flink.alert.failure.user'] = ',,'), 'META_ALERT_USER_MISSING', `${PRODUCE}/wds.linkis.flink.alert.failure.user`, 'error', 'missing or empty'],
  ['hduser as the alert user', jarMeta, (m) => (produce(m)['wds.linkis.flink.alert.failure.user'] = 'hduser'), 'META_ALERT_USER_HDUSER', `${PRODUCE}/wds.linkis.flink.alert.failure.user`, 'error', 'only hduser'],
  ['hduser accounts in any case', jarMeta, (m) => (produce(m)['wds.linkis.flink.alert.failure.user'] = 'HDUSER01,app_hduser'), 'META_ALERT_USER_HDUSER', `${PRODUCE}/wds.linkis.flink.alert.failure.user`, 'error', 'only hduser'],
  ['hduser with a trailing comma (Java split drops it)', jarMeta, (m) => (produce(m)['wds.linkis.flink.alert.failure.user'] = 'hduser,'), 'META_ALERT_USER_HDUSER', `${PRODUCE}/wds.linkis.flink.alert.failure.user`, 'error', 'only hduser'],
  ['a product name with a hyphen', jarMeta, (m) => (produce(m)['wds.linkis.flink.product'] = 'my-product'), 'META_PRODUCT_NAME', `${PRODUCE}/wds.linkis.flink.product`, 'error', 'letters, digits and _'],
];

describe('meta.json content rules', () => {
  it.each(cases)('%s', (_what, base, edit, code, pointer, severity, words) => {
    const problem = only(check(withEdit(base(), edit)).problems, code);
    expect(problem).toMatchObject({ severity, pointer, file: 'meta.json' });
    expect(`${problem.message} ${problem.hint}`).toContain(words);
    expect(problem.hint).toBeTruthy();
    expect(problem.cluster).toBeUndefined();
  });

  it('reports a missing key where its object begins', () => {
    const problem = only(check(withEdit(jarMeta(), (m) => delete m.jobContent['main.class'])).problems, 'META_CONTENT_REQUIRED');
    expect(problem.line).toBe(7); // the line of "jobContent" in JSON.stringify(meta, null, 2)
  });

  it.each([
    ['a real person', 'alexyang'],
    ['hduser next to a real person', 'hduser,alexyang'],
    ['hduser next to a blank entry (the server sees an entry without hduser)', 'hduser, '],
  ])('accepts alert users naming %s', (_what, users) => {
    const meta = withEdit(jarMeta(), (m) => (produce(m)['wds.linkis.flink.alert.failure.user'] = users));
    expect(codes(check(meta).problems)).toEqual([]);
  });

  it('does not ask a spark.jar job for alert users: Streamis never starts it', () => {
    const meta = withEdit(jarMeta(), (m) => {
      m.jobType = 'spark.jar';
      delete produce(m)['wds.linkis.flink.alert.failure.user'];
    });
    expect(codes(check(meta).problems)).toEqual(['META_JOB_TYPE_NOT_STARTABLE']);
  });

  it.each(['single', 'singleWithBak', 'double', 'doubleWithBak', 'managerSlave', 'managerSlaveWithBak'])('accepts the policy %s and reports it', (policy) => {
    const result = check(withEdit(jarMeta(), (m) => (produce(m)['wds.streamis.app.highavailable.policy'] = policy)));
    expect(result.problems).toEqual([]);
    expect(result.policy).toBe(policy);
  });

  it('reads an absent policy as single and a misspelt one as no policy', () => {
    expect(check(withEdit(jarMeta(), (m) => delete produce(m)['wds.streamis.app.highavailable.policy'])).policy).toBe('single');
    expect(check(withEdit(jarMeta(), (m) => (produce(m)['wds.streamis.app.highavailable.policy'] = 'Double'))).policy).toBeUndefined();
  });

  it('accepts the doc example\'s empty file, resourceId and version next to type sql', () => {
    const meta = withEdit(sqlMeta(), (m) => (m.jobContent = { type: 'sql', sql: 'select 1', file: '', resourceId: '', version: '' }));
    expect(check(meta).problems).toEqual([]);
  });

  it('names every field of the result for a clean package', () => {
    const result = check(jarMeta());
    expect(result).toMatchObject({ projectName: 'p1', jobName: 'j1', jobType: 'flink.jar', policy: 'double', variables: [] });
    expect(result.referencedFiles).toEqual([
      { name: 'demo-app-0.1.3.jar', pointer: '/jobContent/main.class.jar' },
      { name: 'dep-1.jar', pointer: '/jobContent/dependency.jars/0' },
      { name: 'app.properties', pointer: '/jobContent/resources/0' },
    ]);
    expect(check(sqlMeta()).referencedFiles).toEqual([{ name: 'job.sql', pointer: '/jobContent/file' }]);
    expect(check(withEdit(sqlMeta(), (m) => (m.jobContent = { type: 'sql', sql: 'select 1' }))).referencedFiles).toEqual([]);
  });
});
