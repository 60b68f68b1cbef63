import type { SandboxDownMode } from './types.js';

/**
 * A cluster that stops answering on demand: while down, API requests are refused (socket
 * destroyed) or wait until it is up again. Closing the cluster releases the waiters.
 */
export class DownSwitch {
  private mode: SandboxDownMode | undefined;
  private waiters: Array<() => void> = [];

  set(down: boolean, mode: SandboxDownMode = 'refuse'): void {
    this.mode = down ? mode : undefined;
    if (this.mode !== 'hang') this.release();
  }

  /** The mode while down, undefined while up. */
  get current(): SandboxDownMode | undefined {
    return this.mode;
  }

  /** Resolves once the cluster is no longer hanging (up, refusing, or closed). */
  whenUp(): Promise<void> {
    if (this.mode !== 'hang') return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
