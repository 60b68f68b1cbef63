import yauzl from 'yauzl';

/**
 * yauzl's lazy entry walk as an async iterator. Zips are opened with `decodeStrings: false` so
 * that yauzl does not stop at the first absolute or `..` name; names are decoded by `entryName`.
 */

export async function openZip(file: string): Promise<yauzl.ZipFile> {
  return await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
}

/** Throws on a corrupt central directory; the caller decides whether that is a problem or a bug. */
export async function* zipEntries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  for (;;) {
    const next = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      const finish = (then: () => void) => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
        then();
      };
      const onEntry = (entry: yauzl.Entry) => finish(() => resolve(entry));
      const onEnd = () => finish(() => resolve(undefined));
      const onError = (error: Error) => finish(() => reject(error));
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    });
    if (next === undefined) return;
    yield next;
  }
}

/** The entry's name as unzip sees it; a Windows zip's backslashes become '/'. */
export function entryName(entry: yauzl.Entry): string {
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
}
