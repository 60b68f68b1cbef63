import { describe, expect, it } from 'vitest';
import { jsonSchemaOf } from '../../../src/config/json-schema.js';
import { metaJsonSchema } from '../../../src/meta/schema.js';
import { jarMeta, sqlMeta, withEdit } from './fixtures.js';

describe('JSON Schemas for editors', () => {
  // A changed schema shows up in review as a diff of these files.
  it('meta.json schema', async () => {
    await expect(JSON.stringify(jsonSchemaOf('meta'), null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/meta.schema.json');
  });

  it('config schema', async () => {
    await expect(JSON.stringify(jsonSchemaOf('config'), null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/config.schema.json');
  });

  const template = metaJsonSchema('template');
  const strict = metaJsonSchema('check');
  const withArgs = (args: unknown) => withEdit(jarMeta(), (m) => (m.jobContent.args = args));

  it('accepts a template with a variable where a non-string value stands, and the rendered file', () => {
    expect(template.safeParse(withArgs('[@ARGS]')).success).toBe(true);
    expect(strict.safeParse(withArgs('[@ARGS]')).success).toBe(false);
    expect(strict.safeParse(withArgs(['--topic', 't1'])).success).toBe(true);
    expect(strict.safeParse(sqlMeta()).success).toBe(true);
  });

  it.each([
    ['an unknown top-level key', withEdit(jarMeta(), (m) => (m.extra = 1))],
    ['tags as an array', withEdit(jarMeta(), (m) => (m.tags = ['a']))],
    ['a misspelt policy', withEdit(jarMeta(), (m) => (m.jobConfig['wds.linkis.flink.produce']['wds.streamis.app.highavailable.policy'] = 'Double'))],
    ['no produce group', withEdit(jarMeta(), (m) => delete m.jobConfig['wds.linkis.flink.produce'])],
    ['an unknown job type', withEdit(jarMeta(), (m) => (m.jobType = 'flink'))],
    ['a flink.sql job of an unknown type', withEdit(sqlMeta(), (m) => (m.jobContent.type = 'SQL'))],
    ['a malformed variable', withArgs('[@A B]')],
  ])('the template schema still refuses %s', (_what, meta) => {
    expect(template.safeParse(meta).success).toBe(false);
  });
});
