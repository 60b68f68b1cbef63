import type { StmsCommand } from '../command.js';

/**
 * The command table. Only the module of the command being run is imported, so `stms --version`
 * and a plain `stms validate` do not pay for the HTTP client, the zip writer or the sandbox.
 */
export const COMMANDS = {
  init: { summary: 'scaffold a job (meta.json, vars, config, CMDB stub) or a job-list folder', load: () => import('./init.js') },
  validate: { summary: 'check a material package and its tiered variables', load: () => import('./validate.js') },
  pack: { summary: 'write a deterministic zip of a package folder and print its md5', load: () => import('./pack.js') },
  render: { summary: 'show the meta.json one cluster will receive', load: () => import('./render.js') },
  plan: { summary: 'every check of release, and per cluster what would change (no writes)', load: () => import('./plan.js') },
  release: { summary: 'upload a package to several clusters with its source record', load: () => import('./release.js') },
  upgrade: { summary: 'release a package, then restart the job one cluster at a time from its savepoints', load: () => import('./upgrade.js') },
  check: { summary: 'cross-cluster consistency check; writes the verdict to each cluster', load: () => import('./check.js') },
  launch: { summary: 'start jobs where their HA policy says, and wait until they run', load: () => import('./launch.js') },
  status: { summary: 'status, version and md5 of jobs on each cluster', load: () => import('./status.js') },
  stop: { summary: 'stop jobs on every cluster where they run', load: () => import('./stop.js') },
  snapshot: { summary: 'take a savepoint where the job runs', load: () => import('./snapshot.js') },
  standby: { summary: 'is the standby copy of managerSlave jobs ready for a switchover? ages, lag, verdict (read-only)', load: () => import('./standby.js') },
  switchover: { summary: 'move managerSlave jobs to the cluster that is now the manager, from the standby copy of their state', load: () => import('./switchover.js') },
  audit: { summary: 'the daily HA audit: same-name jobs, double jobs not on both, DR materials, CMDB', load: () => import('./audit.js') },
  doctor: { summary: 'check every cluster before writing: gateway, token, cluster name, privilege, CMDB, clock', load: () => import('./doctor.js') },
  history: { summary: 'the local release journal; with --clusters, the versions on the servers', load: () => import('./history.js') },
  rollback: { summary: 'release the previous package again as a new version, then restart', load: () => import('./rollback.js') },
  sandbox: { summary: 'local Streamis-compatible clusters and a CMDB stub on 127.0.0.1', load: () => import('./sandbox.js') },
  demo: { summary: 'sandbox + sample package: release, check, launch, status', load: () => import('./demo.js') },
  completion: { summary: 'print a shell completion script (bash, zsh or fish)', load: () => import('./completion.js') },
  schema: { summary: 'JSON Schema of meta.json or the config, for editors', load: () => import('./schema.js') },
} satisfies Record<string, { summary: string; load: () => Promise<{ default: StmsCommand }> }>;

export type CommandName = keyof typeof COMMANDS;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
