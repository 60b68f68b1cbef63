import { errorMessage, isStmsError } from '../errors.js';
import { notificationBody } from '../notify/message.js';
import { parseWebhook, postWebhook, type Webhook } from '../notify/webhook.js';
import type { CommandContext, CommandResult } from './command.js';
import type { Output } from './output.js';

/**
 * `--notify <url>` for every command that declares it (options/notify-flag.ts), in one place:
 * main takes the URL off the command's options before they are parsed, and once the command
 * ended, with a result or an error, posts its `--json` document. A post that fails is a warning;
 * the command's exit status stays what it was.
 */

/** Takes `notify` off the raw options; its secret parts are registered before anything runs. */
export function takeNotify(out: Output, options: Record<string, unknown>): { hook: Webhook; options: Record<string, unknown> } {
  const { notify, ...rest } = options;
  return { hook: parseWebhook(String(notify), out.redactor), options: rest };
}

/** The document main prints for a result or an error (the same `ok` and `error`). */
function documentOf(outcome: { result: CommandResult } | { error: unknown }): Record<string, unknown> {
  if ('result' in outcome) return { ok: outcome.result.code === undefined, ...outcome.result.document };
  const error = outcome.error;
  if (isStmsError(error)) return { ok: false, error: { code: error.code, message: error.message } };
  return { ok: false, error: { code: 'INTERNAL', message: errorMessage(error) } };
}

export async function notifyOutcome(ctx: CommandContext, command: string, hook: Webhook, outcome: { result: CommandResult } | { error: unknown }): Promise<void> {
  const { out } = ctx;
  try {
    const config = await ctx.findConfig().catch(() => undefined);
    // Secrets the command knows (tokens) never reach the body, whatever a message quoted.
    const document = out.redactor.redactDeep(documentOf(outcome));
    const body = notificationBody(config?.notify.format ?? 'plain', command, document);
    await postWebhook(hook, body, { timeoutMs: config?.timeouts.requestMs ?? 30_000, secrets: out.redactor, trace: (line) => out.debug(line) });
    out.info(`notified ${hook.shown}`);
  } catch (error) {
    out.warn(`--notify ${hook.shown}: the result was not posted: ${out.redactor.redact(errorMessage(error))}`);
  }
}
