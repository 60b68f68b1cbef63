/**
 * The failure budget flag, declared alike by every batch command (the jobs commands, and release
 * and upgrade of many packages). Apart from its schema so that listing the commands loads no zod.
 */
export const MAX_FAILURES_FLAG = '--max-failures <n>';
export const MAX_FAILURES_HELP = 'stop beginning new jobs once n have failed; the rest are not-run and the exit is 8 (default: 1, no limit with --continue-on-error)';
