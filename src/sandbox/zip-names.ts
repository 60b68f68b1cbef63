/**
 * The file-name rules of the upload (docs/streamis-contract.md §5.1, §6.1, §6.8): `ZipHelper.isZip`,
 * `IoUtils.validateFileName`, and `ReaderUtils.checkName` for every root entry of the package.
 */

/** `isZip`: the text from the last dot must be exactly `.zip`; no dot at all makes Java throw. */
export function isZipName(fileName: string): boolean | 'no-dot' {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return 'no-dot';
  return fileName.slice(dot) === '.zip';
}

/** `IoUtils.validateFileName`: the IllegalArgumentException message, or undefined when the name is fine. */
export function fileNameProblem(fileName: string): string | undefined {
  if (fileName.includes('../')) return 'File name cannot contain directory traversal ("../")';
  if (!/^[a-zA-Z0-9._-]+$/.test(fileName)) return `Invalid characters in file name: ${fileName}`;
  return undefined;
}

/**
 * The server unzips into a folder derived by deleting every `.zip` from the path, so a base name
 * that itself contains `.zip` (a.zip.zip) extracts somewhere the meta.json lookup never looks.
 */
export function extractionMissesMetaJson(fileName: string): boolean {
  return fileName.slice(0, -'.zip'.length).includes('.zip');
}

/** `ReaderUtils.checkName` on a root entry: the part before the last dot (or the whole name). */
export function rootEntryNameOk(name: string): boolean {
  const dot = name.lastIndexOf('.');
  const base = dot < 0 ? name : name.slice(0, dot);
  return /^[a-z0-9A-Z._-]+$/.test(base);
}

/** Root entries other than meta.json and *.zip are uploaded to BML (and so checked). */
export function isUploadedRootEntry(name: string): boolean {
  return name !== 'meta.json' && !name.endsWith('.zip');
}
