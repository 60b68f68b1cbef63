import type { Command } from 'commander';

/**
 * The package and its targets, as `release` and `upgrade` take them: declared once so the two
 * commands cannot drift apart in names or help text. `--plan` replaces all of them (the package
 * is then not given: it is required otherwise, see src/plan/plan-flags.ts).
 */
export function addPackageTargets(command: Command): Command {
  return command
    .argument('[package]', 'the package: a .zip file or a package folder (required unless --plan)')
    .option('--clusters <A,B>', 'the target clusters of the config (required unless --resume or --plan)')
    .option('--vars <file>', "variable values (YAML or JSON), instead of the config's vars")
    .option('--deploy-user <user>', 'the deployUser of the source record (default: config, STMS_DEPLOY_USER, OS user)')
    .option('--plan <file>', 'apply a plan file of `stms plan -o` exactly: refused (exit 10) when anything changed since');
}
