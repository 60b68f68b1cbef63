import { inspectPackage } from '../../src/package/inspect.js';
import { md5File } from '../../src/package/md5.js';

/**
 * What release does with a package before it uploads anything: every package check and the md5
 * of the zip as given, in one process. Prints the md5 so the run can be checked against md5sum.
 */
const file = process.argv[2];
if (!file) throw new Error('usage: hash-validate <zip>');
const [inspection, md5] = await Promise.all([inspectPackage(file), md5File(file)]);
if (!inspection.ok) throw new Error(`package invalid: ${inspection.problems.filter((p) => p.severity === 'error').map((p) => p.code).join(', ')}`);
process.stdout.write(`${md5}\n`);
