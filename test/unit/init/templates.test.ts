import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/load.js';
import { VarsFileSchema, type VarsFile } from '../../../src/meta/vars-file.js';
import { fillTemplate, placeholdersOf } from '../../../src/init/fill-template.js';
import { JOB_TYPES, type InitOptions, type JobType } from '../../../src/init/options.js';
import { planInit, TEMPLATE_TARGETS, templateValues, type PlannedFile } from '../../../src/init/plan.js';
import { parseEnvFile } from '../../../src/joblist/env-file.js';
import { parseJobList } from '../../../src/joblist/job-list.js';
import { EXAMPLE_CONFIG_DIR, EXAMPLE_PACKAGE_DIR, INIT_TEMPLATES_DIR } from '../../../src/init/templates-dir.js';

/**
 * The templates are data that must agree with each other and with the Streamis rules: these
 * tests render them as `stms init` does and check the result, independently of `validate`.
 */
const options = (type: JobType, extra: Partial<InitOptions> = {}): InitOptions => ({ mode: 'package', type, project: 'p1', job: 'j.1', owner: 'alexyang', force: false, ...extra });

function render(plan: PlannedFile[], opts: InitOptions): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of plan) {
    if (file.source.kind !== 'template') continue;
    const text = readFileSync(path.join(INIT_TEMPLATES_DIR, file.source.template), 'utf8');
    files.set(file.path, fillTemplate(text, templateValues(opts), file.source.template));
  }
  return files;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The most specific section wins: clusters > idc > global (docs/concepts.md). */
function lookup(vars: VarsFile, cluster: string, idc: string, name: string): unknown {
  return vars.clusters?.[cluster]?.[name] ?? vars.idc?.[idc]?.[name] ?? vars.global?.[name];
}

const VARIABLE = /^\[@([A-Za-z0-9_.-]+)\]$/;
const ENV = { STMS_TOKEN_GZ_UAT: 'tok-gz', STMS_TOKEN_TJ_UAT: 'tok-tj', STMS_TOKEN_SH_DR: 'tok-sh' };

describe('templates/init', () => {
  it('uses only placeholders init fills, and every template file is used by some plan', () => {
    const plans = [...JOB_TYPES.map((type) => planInit(options(type))), planInit(options('flink.sql', { mode: 'job-list' }))];
    const used = new Set(plans.flat().flatMap((f) => (f.source.kind === 'template' ? [f.source.template] : [])));
    expect(listFiles(INIT_TEMPLATES_DIR)).toEqual([...used].sort());
    const provided = Object.keys(templateValues(options('flink.sql')));
    for (const name of used) {
      expect(provided, name).toEqual(expect.arrayContaining(placeholdersOf(readFileSync(path.join(INIT_TEMPLATES_DIR, name), 'utf8'))));
    }
  });

  describe.each(JOB_TYPES)('%s', (type) => {
    const opts = options(type);
    const plan = planInit(opts);
    const files = render(plan, opts);
    const meta = JSON.parse(files.get('j.1/meta.json') ?? '') as Record<string, any>;
    const vars = VarsFileSchema.parse(yaml.load(files.get('vars.yaml') ?? ''));
    const cmdb = JSON.parse(files.get('cmdb.json') ?? '') as { apps: Array<Record<string, unknown>> };
    const produce = meta.jobConfig['wds.linkis.flink.produce'] as Record<string, string>;
    const rawConfig = yaml.load(files.get('stms.config.yaml') ?? '') as { vars: unknown; clusters: Record<string, { tokenCode: string; url: string }> };
    // The config points at ./vars.yaml; the rendered vars are passed inline so nothing is read from disk.
    const loadConfig = () => resolveConfig({ ...rawConfig, vars }, '/p/stms.config.yaml', ENV);

    it('writes a meta.json with only the keys Streamis accepts, naming the job', () => {
      const accepted = ['projectName', 'jobName', 'jobType', 'tags', 'description', 'comment', 'workspaceName', 'jobContent', 'jobConfig', 'metaInfo'];
      expect(accepted).toEqual(expect.arrayContaining(Object.keys(meta)));
      expect(meta).toMatchObject({ projectName: 'p1', jobName: 'j.1', jobType: type });
      for (const key of ['tags', 'description']) expect(typeof meta[key]).toBe('string');
    });

    it('sets the production switches: policy double, product name, alert user, checkpoint, detach', () => {
      expect(produce).toMatchObject({
        'wds.streamis.app.highavailable.policy': 'double',
        'wds.linkis.flink.product': 'p1',
        'wds.linkis.flink.alert.failure.user': 'alexyang',
        'wds.linkis.flink.checkpoint.switch': 'ON',
        'linkis.ec.app.manage.mode': 'detach',
      });
      for (const value of Object.values(produce)) expect(value).not.toMatch(VARIABLE);
    });

    it('puts the level-3 keys in variables and a level-2 key in a variable of the same type everywhere', () => {
      const level3 = ['/jobConfig/wds.linkis.flink.resource/wds.linkis.rm.yarnqueue', '/jobConfig/wds.linkis.flink.custom/env.java.opts'];
      if (type === 'flink.jar') level3.push('/jobContent/args');
      const at = (pointer: string) => pointer.split('/').slice(1).reduce<any>((node, key) => node?.[key], meta);
      for (const pointer of level3) expect(at(pointer), pointer).toMatch(VARIABLE);
      const level2 = at('/jobConfig/wds.linkis.flink.custom/demo.log.tps.rate') as string;
      const name = VARIABLE.exec(level2)?.[1] ?? '';
      const values = TEMPLATE_TARGETS.map((cluster) => lookup(vars, cluster, cluster.slice(0, 2), name));
      expect(new Set(values).size, 'differs per cluster').toBe(2);
      expect(values.map((v) => typeof v)).toEqual(['string', 'string']);
    });

    it('defines every variable meta.json uses for every cluster of the config, and no other', async () => {
      const used = new Set([...(files.get('j.1/meta.json') ?? '').matchAll(/\[@([A-Za-z0-9_.-]+)\]/g)].map((m) => m[1] as string));
      const defined = new Set([vars.global, ...Object.values(vars.idc ?? {}), ...Object.values(vars.clusters ?? {})].flatMap((section) => Object.keys(section ?? {})));
      expect([...defined].sort()).toEqual([...used].sort());
      const config = await loadConfig();
      for (const cluster of Object.values(config.clusters)) {
        for (const name of used) expect(lookup(vars, cluster.name, cluster.idc, name), `${name} on ${cluster.name}`).toBeDefined();
      }
    });

    it('ships every file jobContent names, with names the server accepts', () => {
      const packaged = plan.filter((f) => f.path.startsWith('j.1/')).map((f) => f.path.slice('j.1/'.length));
      const content = meta.jobContent as Record<string, unknown>;
      const named = type === 'flink.sql' ? [content.file] : [content['main.class.jar'], ...(content.resources as string[])];
      expect(packaged).toEqual(expect.arrayContaining(named));
      for (const name of packaged) expect(name.replace(/\.[^.]*$/, '')).toMatch(/^[a-z0-9A-Z._-]+$/);
      if (type === 'flink.sql') expect(content.type).toBe('file');
    });

    it('registers the app in the CMDB stub with the policy and the clusters of the package', () => {
      expect(cmdb.apps).toEqual([expect.objectContaining({ projectName: 'p1', jobName: 'j.1', haPolicy: produce['wds.streamis.app.highavailable.policy'], clusters: [...TEMPLATE_TARGETS], owner: 'alexyang' })]);
    });

    it('writes a config that loads: a primary/backup pair and a DR cluster, tokens only from the environment', async () => {
      expect(rawConfig.vars).toBe('./vars.yaml');
      for (const [name, cluster] of Object.entries(rawConfig.clusters)) {
        expect(cluster.tokenCode).toBe(`\${STMS_TOKEN_${name}}`);
        expect(new URL(cluster.url).hostname).toBe('127.0.0.1');
      }
      const config = await loadConfig();
      expect(config.pairs).toEqual([[...TEMPLATE_TARGETS]]);
      expect(Object.values(config.clusters).map((c) => [c.name, c.role, c.idc])).toEqual([['GZ_UAT', 'primary', 'GZ'], ['TJ_UAT', 'backup', 'TJ'], ['SH_DR', 'dr', 'SH']]);
      expect(config.deployUser).toBe('alexyang');
      expect(config.vars).toBeDefined();
      expect(config.cmdb).toEqual({ kind: 'file', file: '/p/cmdb.json' });
    });
  });

  it('writes job-list env files of KEY=VALUE lines only, with no token in them', () => {
    const files = render(planInit(options('flink.sql', { mode: 'job-list' })), options('flink.sql', { mode: 'job-list' }));
    for (const name of ['job-list/streamis-env.sh', 'job-list/user-env.sh']) {
      const lines = (files.get(name) ?? '').split('\n').filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
      expect(lines.length, name).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line, name).toMatch(/^(export )?[A-Z_][A-Z0-9_]*=[^\s"'$`]*$/);
        expect(line, name).not.toMatch(/TOKEN_/);
      }
    }
    expect(files.get('job-list/user-env.sh')).toContain('export STMS_DEPLOY_USER=alexyang');
    expect(files.get('job-list/joblist.txt')?.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['p1,j.1']);
  });

  it('writes job-list files that the job-list readers take without a warning', () => {
    const files = render(planInit(options('flink.sql', { mode: 'job-list' })), options('flink.sql', { mode: 'job-list' }));
    expect(parseEnvFile(files.get('job-list/streamis-env.sh') ?? '', 'streamis-env.sh')).toEqual({ vars: { STMS_SOURCE_NAME: 'aomp', STMS_SOURCE_TOKEN: 'streamis0.3.8' }, warnings: [] });
    expect(parseEnvFile(files.get('job-list/user-env.sh') ?? '', 'user-env.sh')).toEqual({ vars: { STMS_DEPLOY_USER: 'alexyang' }, warnings: [] });
    expect(parseJobList(files.get('job-list/joblist.txt') ?? '', 'joblist.txt')).toEqual({ jobs: [{ project: 'p1', job: 'j.1', line: 3 }], problems: [] });
  });
});

describe('templates/example', () => {
  const opts = options('flink.sql', { project: 'demo_project', job: 'demo_sql', owner: 'demo_owner' });
  const files = render(planInit(opts), opts);

  it('is the package init writes for demo_project/demo_sql, so the two cannot drift apart', () => {
    expect(listFiles(EXAMPLE_PACKAGE_DIR)).toEqual(['demo_sql.sql', 'meta.json']);
    for (const name of ['meta.json', 'demo_sql.sql']) expect(readFileSync(path.join(EXAMPLE_PACKAGE_DIR, name), 'utf8'), name).toBe(files.get(`demo_sql/${name}`));
  });

  it('has the config, vars and CMDB stub init writes (comments aside)', () => {
    expect(listFiles(EXAMPLE_CONFIG_DIR)).toEqual(['cmdb.json', 'stms.config.yaml', 'vars.yaml']);
    for (const name of ['cmdb.json', 'stms.config.yaml', 'vars.yaml']) {
      expect(yaml.load(readFileSync(path.join(EXAMPLE_CONFIG_DIR, name), 'utf8')), name).toEqual(yaml.load(files.get(name) ?? ''));
    }
  });
});
