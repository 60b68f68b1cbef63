import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { resolveInitOptions, type InitDefaults, type RawInitFlags } from '../../../src/init/options.js';

const defaults = { owner: 'alexyang' };

describe('resolveInitOptions', () => {
  it('fills the defaults: a flink.sql job my_project/my_job owned by the default owner', () => {
    expect(resolveInitOptions({}, defaults)).toEqual({ mode: 'package', type: 'flink.sql', project: 'my_project', job: 'my_job', owner: 'alexyang', force: false });
  });

  it('takes every flag', () => {
    const flags: RawInitFlags = { type: 'flink.jar', project: 'p1', job: 'j.1', owner: 'ci-bot', force: true };
    expect(resolveInitOptions(flags, defaults)).toEqual({ mode: 'package', type: 'flink.jar', project: 'p1', job: 'j.1', owner: 'ci-bot', force: true });
  });

  it('switches to the job-list folder with --job-list', () => {
    expect(resolveInitOptions({ jobList: true, project: 'p1', job: 'j1' }, defaults)).toMatchObject({ mode: 'job-list', project: 'p1', job: 'j1' });
  });

  it.each<[string, RawInitFlags, InitDefaults, RegExp]>([
    ['a bad project name', { project: 'my-project' }, defaults, /^--project: project name "my-project" breaks the rule: letters, digits and _ only/],
    ['a bad job name', { job: 'a-b' }, defaults, /^--job: job name "a-b" breaks the rule/],
    ['a job name that is a parent folder', { job: '..' }, defaults, /^--job: .*not starting with a dot/],
    ['an unknown type', { type: 'spark.jar' }, defaults, /^--type must be flink\.sql or flink\.jar, not "spark\.jar"/],
    ['--type with --job-list', { type: 'flink.sql', jobList: true }, defaults, /^--type has no effect with --job-list/],
    ['hduser as --owner', { owner: 'hduser' }, defaults, /^--owner: owner "hduser" breaks the rule/],
    ['an unusable default owner', {}, { owner: 'hduser' }, /^the default owner \(STMS_DEPLOY_USER or your login\) cannot be used/],
    ['no default owner at all', {}, { owner: '' }, /^the default owner .*the owner is empty/],
  ])('refuses %s with a usage error that states the rule', (_what, flags, defs, message) => {
    let error: unknown;
    try {
      resolveInitOptions(flags, defs);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe('USAGE');
    expect((error as UsageError).message).toMatch(message);
  });

  it('points at --owner when the default owner cannot be used', () => {
    expect(() => resolveInitOptions({}, { owner: 'hduser' })).toThrow(expect.objectContaining({ hint: expect.stringContaining('--owner') }));
  });
});


