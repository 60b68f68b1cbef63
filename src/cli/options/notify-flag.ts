import type { Command } from 'commander';

/**
 * `--notify <url>`: the commands that take it declare it here, once; src/cli/main.ts takes it off
 * their options and posts their `--json` result to the URL when they end (src/notify).
 */
export function addNotifyOption(command: Command): Command {
  return command.option('--notify <url>', 'post the --json result to this webhook when done (notify.format in the config; a failed post only warns)');
}
