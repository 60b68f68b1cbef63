import type { Command } from 'commander';
import { MAX_FAILURES_FLAG, MAX_FAILURES_HELP } from '../../options/max-failures-flag.js';

/**
 * The packages and their targets, as `release`, `upgrade` and `plan` take them: declared once so
 * the commands cannot drift apart in names or help text. Several packages make a batch.
 */
export function addPackageTargets(command: Command, clustersHelp = 'the target clusters of the config (required unless --resume)'): Command {
  return command
    .argument('[packages...]', 'the packages: .zip files, package folders, or folders of them')
    .option('--package-list <file>', 'a file of package paths, one a line (# comments; relative to the file)')
    .option('--clusters <A,B>', clustersHelp)
    .option('--vars <file>', "variable values (YAML or JSON), instead of the config's vars")
    .option('--deploy-user <user>', 'the deployUser of the source record (default: config, STMS_DEPLOY_USER, OS user)');
}

/** How a run of many packages goes on after a failure, and its report. */
export function addBatchOptions(command: Command): Command {
  return command
    .option('--continue-on-error', 'with many packages: try every one; exit 8 when some failed')
    .option(MAX_FAILURES_FLAG, MAX_FAILURES_HELP)
    .option('--report <junit.xml>', 'with many packages: write a JUnit XML report (relative to the current directory)');
}
