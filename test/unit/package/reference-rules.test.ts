import { describe, expect, it } from 'vitest';
import { checkReferences, isProjectResource } from '../../../src/package/reference-rules.js';

describe('checkReferences', () => {
  const jar = { name: 'app.jar', pointer: '/jobContent/main.class.jar' };
  const dep = { name: 'dep.jar', pointer: '/jobContent/dependency.jars/0' };

  it('accepts every named file present and nothing else', () => {
    expect(checkReferences([jar, dep], ['app.jar', 'dep.jar'], [])).toEqual([]);
  });

  it('reports a named file that is missing, with its pointer', () => {
    const [problem, ...rest] = checkReferences([jar, dep], ['app.jar'], []);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ severity: 'error', code: 'FILE_MISSING', file: 'meta.json', pointer: '/jobContent/dependency.jars/0' });
    expect(problem?.message).toContain('"dep.jar"');
    expect(problem?.hint).toContain('projectResources');
  });

  it('accepts a missing file the config lists as a project resource', () => {
    expect(checkReferences([jar, dep], ['app.jar'], ['dep.jar'])).toEqual([]);
  });

  it('warns about a file nobody names', () => {
    const problems = checkReferences([jar], ['app.jar', 'notes.txt'], []);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'FILE_UNREFERENCED', file: 'notes.txt' })]);
  });

  it('skips a name that is still a variable', () => {
    expect(checkReferences([{ name: '[@JAR]', pointer: '/jobContent/main.class.jar' }], [], [])).toEqual([]);
  });
});

describe('isProjectResource', () => {
  it.each([
    ['udf.jar', ['udf.jar'], true],
    ['udf.jar', ['other.jar'], false],
    ['udf-1.0.2', ['udf'], true], // <name-without-dots>-<d>.<d>.<d> selects a version of project file "udf"
    ['udf-1.0', ['udf'], false],
    ['udf-1.0.2', [], false],
  ])('%j in %j -> %s', (name, resources, expected) => expect(isProjectResource(name, resources)).toBe(expected));
});
