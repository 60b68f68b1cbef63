import { describe, expect, it } from 'vitest';
import { fillTemplate, placeholdersOf } from '../../../src/init/fill-template.js';

describe('fillTemplate', () => {
  it.each([
    ['{{job}}.sql', { job: 'j1' }, 'j1.sql'],
    ['{{ job }} and {{job}}', { job: 'j1' }, 'j1 and j1'],
    ['"[@IDC_STREAMISJOBCONF..{{project}}.{{job}}..c4]"', { project: 'p1', job: 'j1' }, '"[@IDC_STREAMISJOBCONF..p1.j1..c4]"'],
    ['tokenCode: ${STMS_TOKEN_GZ_UAT}', {}, 'tokenCode: ${STMS_TOKEN_GZ_UAT}'],
    ['"${arr[@]+"${arr[@]}"}"', {}, '"${arr[@]+"${arr[@]}"}"'],
    ['{single brace} {{', {}, '{single brace} {{'],
  ])('%j', (text, values, expected) => {
    expect(fillTemplate(text, values, 't')).toBe(expected);
  });

  it('refuses a placeholder it has no value for, naming the template', () => {
    expect(() => fillTemplate('{{owner}}', { job: 'j' }, 'shared/cmdb.json')).toThrow('template shared/cmdb.json uses {{owner}}');
  });
});

describe('placeholdersOf', () => {
  it('lists each name once, in order of first use', () => {
    expect(placeholdersOf('{{b}} {{a}} {{ b }} ${ENV} [@V]')).toEqual(['b', 'a']);
  });
});
