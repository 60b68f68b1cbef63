import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePackageList } from '../../../src/fleet/package-list.js';

describe('parsePackageList', () => {
  const file = path.join(path.sep, 'change', 'lists', 'chg-42.txt');

  it('reads one path a line, relative to the list, skipping blank lines and # comments', () => {
    const list = parsePackageList('# the change\n../pkgs/a.zip\n\n  ../pkgs/b   # a folder\n/abs/c.zip\r\n', file);
    expect(list.problems).toEqual([]);
    expect(list.packages).toEqual([
      { path: path.join(path.sep, 'change', 'pkgs', 'a.zip'), line: 2 },
      { path: path.join(path.sep, 'change', 'pkgs', 'b'), line: 4 },
      { path: path.join(path.sep, 'abs', 'c.zip'), line: 5 },
    ]);
  });

  it('reports a package listed twice with both lines, however it is written', () => {
    const list = parsePackageList('../pkgs/a.zip\n../lists/../pkgs/a.zip\n', file);
    expect(list.packages).toHaveLength(1);
    expect(list.problems).toEqual([{ line: 2, message: `${file}:2: ../lists/../pkgs/a.zip is listed twice (first on line 1): remove one` }]);
  });
});
