/**
 * Uploads of one file name to one cluster take turns. The server writes an upload to a folder
 * named after the user, the zip's name and the second, deleting a folder of that name first
 * (docs/streamis-contract.md §5.1): two same-named uploads by one user within a second destroy
 * each other. Within one run such uploads never overlap and start at least `spacingMs` apart;
 * across runs nothing local can order them (docs/concepts.md, "Many packages in one run").
 */

interface Turn {
  finished: Promise<void>;
  startedAt: number;
}

export class UploadTurns {
  private readonly last = new Map<string, Turn>();

  constructor(
    private readonly spacingMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits for this cluster and file name to be free; call the answer once the upload is over. */
  private async take(cluster: string, fileName: string): Promise<() => void> {
    const key = `${cluster}\u0000${fileName}`;
    const before = this.last.get(key);
    let finish!: () => void;
    const mine: Turn = { finished: new Promise<void>((resolve) => (finish = resolve)), startedAt: 0 };
    this.last.set(key, mine);
    if (before) {
      await before.finished;
      const wait = before.startedAt + this.spacingMs - this.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    mine.startedAt = this.now();
    return () => {
      if (this.last.get(key) === mine) this.last.delete(key);
      finish();
    };
  }

  /**
   * The turns of one file name on several clusters, taken one by one in name order: a job that
   * holds one cluster's turn while waiting for another's can only wait on jobs that took theirs
   * in the same order, never on one waiting for it. Call the answer once every upload is over.
   */
  async takeAll(clusters: readonly string[], fileName: string): Promise<() => void> {
    const ends: Array<() => void> = [];
    for (const cluster of [...clusters].sort()) ends.push(await this.take(cluster, fileName));
    return () => {
      for (const end of ends) end();
    };
  }
}
