import type { Command } from 'commander';

/**
 * The package and its targets, as `release` and `upgrade` take them: declared once so the two
 * commands cannot drift apart in names or help text.
 */
export function addPackageTargets(command: Command): Command {
  return command
    .argument('<package>', 'the package: a .zip file or a package folder')
    .option('--clusters <A,B>', 'the target clusters of the config (required unless --resume)')
    .option('--vars <file>', "variable values (YAML or JSON), instead of the config's vars")
    .option('--deploy-user <user>', 'the deployUser of the source record (default: config, STMS_DEPLOY_USER, OS user)');
}
