import { describe, expect, test } from 'vitest';
import { confValue } from '../../../src/sandbox/job-config.js';
import { storedConfig } from '../../../src/meta/stored-config.js';
import { parseMetaJson, type MetaJsonInfo } from '../../../src/sandbox/meta-json.js';
import { planUpload, type ExistingJob } from '../../../src/sandbox/upload-rules.js';

const server = { ip: '127.0.0.1', port: 9001 };
const valid = {
  projectName: 'p1',
  jobName: 'j1',
  jobType: 'flink.sql',
  jobContent: { type: 'sql', sql: 'select 1' },
  jobConfig: { 'wds.linkis.flink.produce': {} },
};

describe('parseMetaJson (§6.2)', () => {
  test('reads the fields and stores jobContent compactly', () => {
    const parsed = parseMetaJson(JSON.stringify({ ...valid, tags: 7, comment: true }, null, 2));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.meta).toMatchObject({ projectName: 'p1', jobName: 'j1', tags: '7', comment: 'true' });
    expect(parsed.meta.metaInfo).toBe('{"type":"sql","sql":"select 1"}');
  });

  test('lines are joined without separators, so a line comment swallows the rest', () => {
    const parsed = parseMetaJson('{"projectName": "p1", // note\n"jobName": "j1"}');
    expect(parsed).toMatchObject({ ok: false });
    if (!parsed.ok) expect(parsed.rootCause).toMatch(/^JsonParseException: /);
  });

  test.each([
    ['', /^MismatchedInputException: No content to map/],
    ['{"a":1,}', /^JsonParseException: /],
    ["{'projectName':'p1'}", /^JsonParseException: /],
    ['[1]', /^MismatchedInputException: Cannot deserialize value of type `.*MetaJsonInfo` from Array value/],
    ['{"projectName":"p1","extra":1}', /^UnrecognizedPropertyException: Unrecognized field "extra"/],
    ['{"tags":["a","b"]}', /^MismatchedInputException: Cannot deserialize value of type `java.lang.String` from Array value/],
    ['{"jobConfig":"x"}', /^MismatchedInputException: Cannot deserialize value of type `java.util.LinkedHashMap/],
    ['\uFEFF{"projectName":"p1"}', /^JsonParseException: /],
  ])('%j fails with the Jackson error', (text, pattern) => {
    const parsed = parseMetaJson(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.rootCause).toMatch(pattern);
  });
});

describe('planUpload (§4.3, §6.3)', () => {
  const meta = (over: Partial<Record<string, unknown>> = {}): MetaJsonInfo => {
    const parsed = parseMetaJson(JSON.stringify({ ...valid, ...over }));
    if (!parsed.ok) throw new Error(parsed.rootCause);
    return parsed.meta;
  };
  const none = () => undefined;
  const plan = (m: MetaJsonInfo, form: string | undefined = 'p1', strict = true, find: (p: string, j: string) => ExistingJob | undefined = none) =>
    planUpload({ formProjectName: form, meta: m, strictProjectName: strict, server }, find);
  const desc = (r: ReturnType<typeof plan>) => (r.ok ? 'ok' : r.rootCause.replace(/^JobCreateErrorException: errCode: 30030 ,desc: (.*) ,ip: .*$/, '$1'));

  test.each([
    ['project names differ (strict)', meta({ projectName: 'other' }), 'p1', true, 'The projectName [p1] dose not match metaJson ProjectName [other]'],
    ['jobName blank', meta({ jobName: ' ' }), 'p1', true, 'jobName is needed.'],
    ['projectName blank everywhere', meta({ projectName: '' }), '', true, 'projectName is needed.'],
    ['jobType missing', meta({ jobType: null }), 'p1', true, 'jobType is needed.'],
    ['jobType unsupported', meta({ jobType: 'flink.python' }), 'p1', true, 'jobType flink.python is not supported.'],
    ['jobContent empty', meta({ jobContent: {} }), 'p1', true, 'jobContent is needed.'],
    ['jobConfig missing', meta({ jobConfig: null }), 'p1', true, 'meta_json does not contain jobConfig, please check'],
    ['produce group missing', meta({ jobConfig: { 'wds.linkis.flink.resource': {} } }), 'p1', true, 'jobConfig does not contain wds.linkis.flink.produce, please check'],
    ['produce group null', meta({ jobConfig: { 'wds.linkis.flink.produce': null } }), 'p1', true, 'jobConfig does not contain wds.linkis.flink.produce, please check'],
    ['`flink` passes the substring test here', meta({ jobType: 'flink' }), 'p1', true, 'ok'],
  ] as Array<[string, MetaJsonInfo, string, boolean, string]>)('%s', (_name, m, form, strict, expected) => {
    expect(desc(plan(m, form, strict))).toBe(expected);
  });

  test('without the strict check the form project name silently wins', () => {
    const r = plan(meta({ projectName: 'other' }), 'p1', false);
    expect(r.ok && r.plan.projectName).toBe('p1');
  });

  test('a blank meta projectName takes the form one even when strict', () => {
    const r = plan(meta({ projectName: '' }), 'p1', true);
    expect(r.ok && r.plan.projectName).toBe('p1');
  });

  test('versions roll from the greatest; jobType is fixed once created', () => {
    const existing: ExistingJob = { id: 4, name: 'j1', jobType: 'flink.sql', versions: ['v00001', 'v00002'] };
    const r = plan(meta(), 'p1', true, (p, j) => (p === 'p1' && j === 'j1' ? existing : undefined));
    expect(r.ok && r.plan.version).toBe('v00003');
    expect(desc(plan(meta({ jobType: 'flink.jar' }), 'p1', true, () => existing))).toBe('StreamJob-j1 has already created with jobType flink.sql, you cannot change it to flink.jar.');
    const fresh = plan(meta());
    expect(fresh.ok && fresh.plan.version).toBe('v00001');
  });
});

describe('storedConfig (§6.6)', () => {
  test('keeps the four groups, drops what the server drops, stringifies, fills defaults', () => {
    const config = storedConfig({
      'wds.linkis.flink.resource': { 'wds.linkis.flink.app.parallelism': 2, 'wds.linkis.flink.checkpoint.switch': 'ON', 'my.key': ['a', 'b'] },
      'wds.linkis.flink.custom': { nested: { x: 1 }, gone: null, flag: true },
      'wds.linkis.flink.produce': { 'linkis.ec.app.manage.mode': '', 'wds.streamis.app.highavailable.policy': 'double' },
      'wds.linkis.flink.alert': { x: '1' },
    });
    expect(config).toEqual({
      'wds.linkis.flink.resource': {
        'wds.linkis.flink.app.parallelism': '2',
        'my.key': '[a, b]',
        'wds.linkis.flink.jobmanager.memory': '1024',
        'wds.linkis.flink.taskmanager.memory': '4096',
        'wds.linkis.flink.taskmanager.numberOfTaskSlots': '2',
        'wds.linkis.flink.taskmanager.cpus': '2',
      },
      'wds.linkis.flink.custom': { flag: 'true' },
      'wds.linkis.flink.produce': {
        'linkis.ec.app.manage.mode': 'detach',
        'wds.streamis.app.highavailable.policy': 'double',
        'wds.linkis.flink.checkpoint.switch': 'OFF',
        'wds.linkis.flink.app.fail-restart.switch': 'OFF',
        'wds.linkis.flink.app.start-auto-restore.switch': 'ON',
      },
    });
    expect(confValue(config, 'wds.streamis.app.highavailable.policy')).toBe('double');
    expect(confValue(config, 'absent')).toBeNull();
  });
});
