import type { Command } from 'commander';

/**
 * The change-control flags of every command that writes to clusters (release, upgrade, rollback,
 * launch, stop, snapshot, check), declared once so their names and help cannot drift apart.
 * Parsed by change-fields.ts; the rules are in docs/concepts.md "Change control".
 */
export function addChangeOptions(command: Command, reasonHelp = 'why it runs outside its window: recorded in the journal and the source record'): Command {
  return command
    .option('--change <id>', 'the change ticket this runs under, recorded with it (default: STMS_CHANGE_ID)')
    .option('--override-window', 'run outside the change windows or in a freeze; needs --reason')
    .option('--reason <text>', reasonHelp);
}
