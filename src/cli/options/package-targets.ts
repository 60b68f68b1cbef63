import type { Command } from 'commander';
import { MAX_FAILURES_FLAG, MAX_FAILURES_HELP } from '../../options/max-failures-flag.js';

/**
 * The packages and their targets, as `release` and `upgrade` take them: declared once so the two
 * commands cannot drift apart in names or help text. Several packages make a batch. `--plan`
 * replaces all of them (see src/plan/plan-flags.ts).
 */
export function addPackageTargets(command: Command): Command {
  return command
    .argument('[packages...]', 'the packages: .zip files, package folders, or folders of them (required unless --plan, --package-list or --resume)')
    .option('--package-list <file>', 'a file of package paths, one a line (# comments; relative to the file)')
    .option('--clusters <A,B>', 'the target clusters of the config (required unless --resume or --plan)')
    .option('--vars <file>', "variable values (YAML or JSON), instead of the config's vars")
    .option('--deploy-user <user>', 'the deployUser of the source record (default: config, STMS_DEPLOY_USER, OS user)')
    .option('--plan <file>', 'apply a plan file of `stms plan -o` exactly: refused (exit 10) when anything changed since');
}

/** How a run of many packages goes on after a failure, and its report. */
export function addBatchOptions(command: Command): Command {
  return command
    .option('--continue-on-error', 'with many packages: try every one; exit 8 when some failed')
    .option(MAX_FAILURES_FLAG, MAX_FAILURES_HELP)
    .option('--report <junit.xml>', 'with many packages: write a JUnit XML report (relative to the current directory)');
}
