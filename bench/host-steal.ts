import { readFile } from 'node:fs/promises';

/**
 * The share of CPU time the host took from this virtual machine (the `steal` column of Linux's
 * /proc/stat) between two readings: on a shared host it decides how far alternating runs swing,
 * so the README shows it beside the figures. Undefined where /proc/stat is not there.
 */
export interface CpuTicks {
  steal: number;
  total: number;
}

export async function readCpuTicks(): Promise<CpuTicks | undefined> {
  const text = await readFile('/proc/stat', 'utf8').catch(() => undefined);
  const fields = text?.split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is counted in user already).
  if (!fields || fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return undefined;
  return { steal: fields[7] as number, total: fields.slice(0, 8).reduce((a, b) => a + b, 0) };
}

export function stealShare(before: CpuTicks | undefined, after: CpuTicks | undefined): number | undefined {
  if (!before || !after || after.total <= before.total) return undefined;
  return (after.steal - before.steal) / (after.total - before.total);
}
