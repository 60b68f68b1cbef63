/**
 * The size of the zip `stms pack` writes, from names and file sizes alone, so a folder can be
 * checked against an upload limit without writing anything. Exact because pack stores entries
 * (no compression) with a data descriptor and no extra fields; a test packs folders and compares.
 * Past 4 GiB archiver adds ZIP64 records whose exact layout we do not mirror: then an upper bound.
 */

const LOCAL_HEADER = 30;
const DATA_DESCRIPTOR = 16;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;
const ZIP32_LIMIT = 0xffffffff;
/** ZIP64: longer data descriptor, an extra field in both headers, end record and locator. */
const ZIP64_PER_ENTRY = 8 + 2 * 32;
const ZIP64_END = 56 + 20;

export function storedZipSize(files: ReadonlyArray<{ name: string; size: number }>): { bytes: number; exact: boolean } {
  let bytes = END_RECORD;
  let zip64 = false;
  for (const file of files) {
    const nameBytes = Buffer.byteLength(file.name, 'utf8');
    bytes += LOCAL_HEADER + nameBytes + file.size + DATA_DESCRIPTOR + CENTRAL_HEADER + nameBytes;
    if (file.size >= ZIP32_LIMIT) zip64 = true;
  }
  if (!zip64 && bytes < ZIP32_LIMIT) return { bytes, exact: true };
  return { bytes: bytes + files.length * ZIP64_PER_ENTRY + ZIP64_END, exact: false };
}

/**
 * The size of a rendered per-cluster zip (stored-zip.ts: stored entries, no data descriptors, no
 * extra fields), which is what a cluster receives when meta.json holds variables. A deflated
 * package zip can grow a lot when its entries are stored, so the upload limit is judged on this.
 */
export function renderedZipSize(files: ReadonlyArray<{ name: string; size: number }>): number {
  return files.reduce((bytes, file) => bytes + LOCAL_HEADER + CENTRAL_HEADER + 2 * Buffer.byteLength(file.name, 'utf8') + file.size, END_RECORD);
}
