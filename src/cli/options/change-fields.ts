import { z } from 'zod';
import type { Config } from '../../config/load.js';
import { changeControl, type ChangeRecord } from '../../change/control.js';
import { nowOf } from '../clock.js';
import type { CommandResult } from '../command.js';
import type { Output } from '../output.js';

/**
 * The parsed change-control flags (change-flags.ts declares them), and the one step that turns
 * them, the config, the environment and the clock into what the command records, or refuses it
 * (exit 2) before any cluster is called.
 */

export const ChangeFields = {
  change: z.string().optional(),
  overrideWindow: z.boolean().default(false),
  reason: z.string().optional(),
};

export interface ChangeOptions {
  change?: string | undefined;
  overrideWindow: boolean;
  reason?: string | undefined;
}

/** `windows`: the command is held by the change windows (release, upgrade, rollback, launch, stop). */
export function resolveChange(out: Output, env: NodeJS.ProcessEnv, config: Config, flags: ChangeOptions, request: { command: string; windows: boolean }): ChangeRecord {
  const record = changeControl(config, flags, env, { ...request, now: nowOf(env) });
  if (record.outsideWindow !== undefined) out.warn(`change window overridden (reason: ${record.overrideReason ?? ''}): ${record.outsideWindow}`);
  else if (record.overrideReason !== undefined) out.info(`--override-window: stms ${request.command} is ${request.windows ? 'inside an allowed window' : 'not held by change windows'}; the reason is recorded all the same`);
  return record;
}

/** The command's --json document with the change it ran under. */
export function withChange(result: CommandResult, change: ChangeRecord): CommandResult {
  return { ...result, document: { ...result.document, ...change } };
}
