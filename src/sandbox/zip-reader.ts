import yauzl from 'yauzl';

/**
 * Reads a stored package the way the server's `unzip` step sees it: the root entries and the
 * text of meta.json. Anything `unzip` would refuse or warn about (not a zip, `..` or absolute
 * names, duplicate names) is a ZipUnreadable, which the upload reports as the unzip failure.
 */

export class ZipUnreadable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipUnreadable';
  }
}

export interface RootEntry {
  name: string;
  isDirectory: boolean;
}

export interface ZipOverview {
  root: RootEntry[];
  /** meta.json at the root, undefined when absent. */
  metaJson: string | undefined;
}

const MAX_META_BYTES = 16 * 1024 * 1024;

export async function readZipOverview(file: string): Promise<ZipOverview> {
  const root = new Map<string, RootEntry>();
  const seen = new Set<string>();
  let metaJson: string | undefined;
  await walk(file, async (entry, read) => {
    const name = entry.fileName;
    if (seen.has(name)) throw new ZipUnreadable(`duplicate entry ${name}`);
    seen.add(name);
    const [first = '', ...rest] = name.split('/');
    const isDirectory = rest.length > 0;
    const known = root.get(first);
    root.set(first, { name: first, isDirectory: isDirectory || (known?.isDirectory ?? false) });
    if (name === 'meta.json') {
      if (entry.uncompressedSize > MAX_META_BYTES) throw new ZipUnreadable('meta.json is too large');
      metaJson = (await read()).toString('utf8');
    }
  });
  return { root: [...root.values()], metaJson };
}

/** The bytes of one entry, or undefined when the zip has no such entry. */
export async function readZipEntry(file: string, entryName: string, maxBytes = 64 * 1024 * 1024): Promise<Buffer | undefined> {
  let found: Buffer | undefined;
  await walk(file, async (entry, read) => {
    if (entry.fileName === entryName && !found) {
      if (entry.uncompressedSize > maxBytes) throw new ZipUnreadable(`${entryName} is too large`);
      found = await read();
    }
  });
  return found;
}

type Visitor = (entry: yauzl.Entry, read: () => Promise<Buffer>) => Promise<void>;

async function walk(file: string, visit: Visitor): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true }, (error, opened) => {
      if (error || !opened) reject(new ZipUnreadable(error?.message ?? 'cannot open'));
      else resolve(opened);
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(new ZipUnreadable(error.message)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const read = () => readEntry(zip, entry);
        visit(entry, read).then(
          () => zip.readEntry(),
          (error: unknown) => reject(error instanceof ZipUnreadable ? error : new ZipUnreadable((error as Error).message)),
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(new ZipUnreadable(error?.message ?? 'cannot read entry'));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (e: Error) => reject(new ZipUnreadable(e.message)));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
