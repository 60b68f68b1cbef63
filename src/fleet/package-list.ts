import path from 'node:path';

/**
 * A package list (`--package-list FILE`): one package path a line, `#` starts a comment, blank
 * lines are ignored, a relative path is relative to the list's folder (so a list checked in
 * beside its packages works from any folder). Pure: the caller reads the file.
 */

export interface ListedPackage {
  path: string;
  line: number;
}

export interface PackageListProblem {
  line: number;
  message: string;
}

export function parsePackageList(text: string, listFile: string): { packages: ListedPackage[]; problems: PackageListProblem[] } {
  const folder = path.dirname(listFile);
  const packages: ListedPackage[] = [];
  const problems: PackageListProblem[] = [];
  const seen = new Map<string, number>();
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    const hash = raw.indexOf('#');
    const entry = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (entry === '') continue;
    const resolved = path.resolve(folder, entry);
    const first = seen.get(resolved);
    if (first !== undefined) {
      problems.push({ line, message: `${listFile}:${line}: ${entry} is listed twice (first on line ${first}): remove one` });
      continue;
    }
    seen.set(resolved, line);
    packages.push({ path: resolved, line });
  }
  return { packages, problems };
}
