import { readFile } from 'node:fs/promises';
import { writeJsonAtomic } from '../../util/atomic-write.js';

/**
 * One cluster's HDFS namespace as the sandbox keeps it: folders and files with their lengths
 * and times (no content: nothing reads file bodies). Kept in memory, saved beside the cluster's
 * state (`hdfs.json`) a moment after each change and on close, so a restarted sandbox still has
 * the checkpoints its tasks name.
 */

export type HdfsNodeType = 'FILE' | 'DIRECTORY';

export interface HdfsNode {
  type: HdfsNodeType;
  length: number;
  modificationTime: number;
  accessTime: number;
  fileId: number;
}

export interface HdfsChild extends HdfsNode {
  name: string;
}

interface TreeData {
  nextFileId: number;
  nodes: Record<string, HdfsNode>;
}

/** The first id the NameNode hands out after its root (16385). */
const FIRST_FILE_ID = 16386;
const SAVE_DELAY_MS = 1_000;

export class HdfsTree {
  private readonly nodes = new Map<string, HdfsNode>();
  private readonly children = new Map<string, Set<string>>();
  private nextFileId = FIRST_FILE_ID;
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string | undefined) {
    this.nodes.set('/', { type: 'DIRECTORY', length: 0, modificationTime: Date.now(), accessTime: 0, fileId: 16385 });
  }

  static async open(file: string | undefined): Promise<HdfsTree> {
    const tree = new HdfsTree(file);
    if (file === undefined) return tree;
    let data: TreeData | undefined;
    try {
      data = JSON.parse(await readFile(file, 'utf8')) as TreeData;
    } catch {
      // No tree yet, or a damaged one: the namespace starts empty, as a freshly formatted one.
      data = undefined;
    }
    if (data) {
      tree.nextFileId = data.nextFileId;
      for (const [path, node] of Object.entries(data.nodes).sort(([a], [b]) => a.length - b.length)) tree.put(path, node);
    }
    return tree;
  }

  status(path: string): HdfsNode | undefined {
    return this.nodes.get(normalize(path));
  }

  /** The children of a folder, by name; undefined when it is not a folder. */
  list(path: string): HdfsChild[] | undefined {
    const p = normalize(path);
    if (this.nodes.get(p)?.type !== 'DIRECTORY') return undefined;
    return [...(this.children.get(p) ?? [])].sort().map((name) => ({ name, ...(this.nodes.get(join(p, name)) as HdfsNode) }));
  }

  /** Every file below a folder, as paths relative to it. */
  filesBelow(path: string): Array<{ relative: string; node: HdfsNode }> {
    const p = normalize(path);
    const out: Array<{ relative: string; node: HdfsNode }> = [];
    const walk = (dir: string, prefix: string) => {
      for (const name of [...(this.children.get(dir) ?? [])].sort()) {
        const full = join(dir, name);
        const node = this.nodes.get(full) as HdfsNode;
        if (node.type === 'FILE') out.push({ relative: prefix + name, node });
        else walk(full, `${prefix}${name}/`);
      }
    };
    if (this.nodes.get(p)?.type === 'DIRECTORY') walk(p, '');
    return out;
  }

  mkdirs(path: string, now = Date.now()): void {
    const p = normalize(path);
    if (this.nodes.has(p)) return;
    this.mkdirs(parentOf(p), now);
    this.put(p, { type: 'DIRECTORY', length: 0, modificationTime: now, accessTime: 0, fileId: this.nextFileId++ });
    this.touch(parentOf(p), now);
  }

  /** Creates or replaces a file (its folders too). */
  writeFile(path: string, length: number, now = Date.now()): void {
    const p = normalize(path);
    this.mkdirs(parentOf(p), now);
    const old = this.nodes.get(p);
    this.put(p, { type: 'FILE', length, modificationTime: now, accessTime: now, fileId: old?.fileId ?? this.nextFileId++ });
    this.touch(parentOf(p), now);
  }

  /** Removes a file or a folder with everything below it. */
  delete(path: string, now = Date.now()): void {
    const p = normalize(path);
    if (p === '/' || !this.nodes.has(p)) return;
    for (const name of [...(this.children.get(p) ?? [])]) this.delete(join(p, name), now);
    this.nodes.delete(p);
    this.children.delete(p);
    this.children.get(parentOf(p))?.delete(baseName(p));
    this.touch(parentOf(p), now);
  }

  /** Saves a moment later: many writes of one tick make one file write. */
  scheduleSave(): void {
    if (this.file === undefined || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const file = this.file;
    if (file === undefined) return;
    const data: TreeData = { nextFileId: this.nextFileId, nodes: Object.fromEntries([...this.nodes].filter(([p]) => p !== '/')) };
    this.saving = this.saving.catch(() => undefined).then(() => writeJsonAtomic(file, data));
    await this.saving.catch(() => undefined);
  }

  private put(path: string, node: HdfsNode): void {
    this.nodes.set(path, node);
    if (path === '/') return;
    const parent = parentOf(path);
    let set = this.children.get(parent);
    if (!set) this.children.set(parent, (set = new Set()));
    set.add(baseName(path));
  }

  private touch(path: string, now: number): void {
    const node = this.nodes.get(path);
    if (node) node.modificationTime = now;
  }
}

/** `/a//b/` -> `/a/b`; always absolute. */
export function normalize(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  return `/${parts.join('/')}`;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}
