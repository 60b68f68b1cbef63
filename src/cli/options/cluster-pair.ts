import { UsageError } from '../../errors.js';

/** `--clusters MANAGER,STANDBY`: exactly two different names, in that order. */
export function managerAndStandby(text: string, usage: string): [string, string] {
  const names = text.split(',').map((c) => c.trim()).filter(Boolean);
  if (names.length !== 2 || names[0] === names[1]) throw new UsageError(`--clusters ${text}: name the two clusters of the pair as ${usage.replace(/^--clusters /, '')}`);
  return names as [string, string];
}
