import { rootFor } from '../../standby/roots.js';
import { SANDBOX_CHECKPOINT_ROOT, SANDBOX_COPY_ROOT } from './flink-state.js';
import type { HdfsTree } from './tree.js';

/**
 * The platform's copy of `managerSlave…` jobs' checkpoints to the other cluster of the pair, as a
 * scheduled `hadoop distcp -update -delete` of the schema folder would make it: every interval,
 * the complete checkpoints (`chk-N` with `_metadata`) of the source's checkpoint root are copied
 * below the target's copy root; a file already there with the same length is skipped; a
 * checkpoint the source no longer has is deleted at the end of a round that finished. A copied
 * file gets the time of the copy. distcp's copy order is not the order Flink wrote in: here the
 * newest checkpoint goes first and `_metadata` first within it, so a round that stops half-way
 * leaves a `chk-N` whose `_metadata` is there and whose state files are not. No round runs while
 * either cluster is down (its NameNode does not answer).
 *
 * A test pauses it (`paused`), or lets the next round copy `haltAfterFiles` files and pause, as a
 * copy job killed in the middle does (POST /__sandbox/sync).
 */

export interface SyncSpec {
  paused: boolean;
  /** The next round stops (and pauses) after copying this many files. */
  haltAfterFiles?: number | undefined;
}

export interface SyncStatus {
  paused: boolean;
  /** The cluster the checkpoints are copied to. */
  target: string;
  rounds: number;
  copiedFiles: number;
  /** When the last round that ran ended (epoch ms), null before the first. */
  lastRoundAt: number | null;
}

export interface CopyEnd {
  name: string;
  tree: HdfsTree;
  /** True while the cluster does not answer. */
  down(): boolean;
}

export const DEFAULT_SYNC_INTERVAL_MS = 5_000;

export class StandbyCopier {
  private paused = false;
  private haltAfterFiles: number | undefined;
  private rounds = 0;
  private copiedFiles = 0;
  private lastRoundAt: number | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly source: CopyEnd,
    private readonly target: CopyEnd,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => this.round(), intervalMs);
    this.timer.unref();
  }

  set(spec: SyncSpec): void {
    this.paused = spec.paused;
    this.haltAfterFiles = spec.haltAfterFiles;
  }

  status(): SyncStatus {
    return { paused: this.paused, target: this.target.name, rounds: this.rounds, copiedFiles: this.copiedFiles, lastRoundAt: this.lastRoundAt };
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** One distcp run. */
  round(now = Date.now()): void {
    if (this.paused || this.source.down() || this.target.down()) return;
    const from = rootFor(SANDBOX_CHECKPOINT_ROOT, 'managerSlave');
    const to = rootFor(SANDBOX_COPY_ROOT, 'managerSlave');
    const checkpoints = completeCheckpoints(this.source.tree, from);
    let copied = 0;
    for (const chk of checkpoints) {
      for (const file of chk.files) {
        const there = this.target.tree.status(`${to}/${file.relative}`);
        if (there?.type === 'FILE' && there.length === file.length) continue;
        this.target.tree.writeFile(`${to}/${file.relative}`, file.length, now);
        copied++;
        this.copiedFiles++;
        if (this.haltAfterFiles !== undefined && copied >= this.haltAfterFiles) {
          this.haltAfterFiles = undefined;
          this.paused = true;
          this.finish(now);
          return;
        }
      }
    }
    const kept = new Set(checkpoints.map((c) => c.relative));
    for (const chk of checkpointDirs(this.target.tree, to)) if (!kept.has(chk)) this.target.tree.delete(`${to}/${chk}`, now);
    this.finish(now);
  }

  private finish(now: number): void {
    this.rounds++;
    this.lastRoundAt = now;
    this.target.tree.scheduleSave();
  }
}

interface CheckpointCopy {
  /** The chk-N folder relative to the root. */
  relative: string;
  modificationTime: number;
  /** `_metadata` first. */
  files: Array<{ relative: string; length: number }>;
}

/** The source's complete checkpoints, newest first. */
function completeCheckpoints(tree: HdfsTree, root: string): CheckpointCopy[] {
  const byChk = new Map<string, CheckpointCopy>();
  for (const { relative, node } of tree.filesBelow(root)) {
    const match = /^(.*\/chk-\d+)\/[^/]+$/.exec(relative);
    if (!match) continue;
    const dir = match[1] as string;
    let chk = byChk.get(dir);
    if (!chk) byChk.set(dir, (chk = { relative: dir, modificationTime: 0, files: [] }));
    const isMetadata = relative.endsWith('/_metadata');
    if (isMetadata) chk.modificationTime = node.modificationTime;
    chk.files[isMetadata ? 'unshift' : 'push']({ relative, length: node.length });
  }
  return [...byChk.values()].filter((c) => c.files[0]?.relative.endsWith('/_metadata')).sort((a, b) => b.modificationTime - a.modificationTime);
}

function checkpointDirs(tree: HdfsTree, root: string): string[] {
  const dirs = new Set<string>();
  for (const { relative } of tree.filesBelow(root)) {
    const match = /^(.*\/chk-\d+)\//.exec(relative);
    if (match) dirs.add(match[1] as string);
  }
  return [...dirs];
}
