import { inspectPackage } from '../../src/package/inspect.js';

/**
 * What `validate` does with a package, and `release` before it uploads anything: every package
 * check, and one read of the zip that checks each entry's CRC and size and computes the md5.
 * Prints the md5 so the run can be checked against md5sum.
 */
const file = process.argv[2];
if (!file) throw new Error('usage: hash-validate <zip>');
const inspection = await inspectPackage(file, { checkContent: true });
if (!inspection.ok || inspection.md5 === undefined) throw new Error(`package invalid: ${inspection.problems.filter((p) => p.severity === 'error').map((p) => p.code).join(', ')}`);
process.stdout.write(`${inspection.md5}\n`);
