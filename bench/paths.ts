import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root, whether this runs from bench/ (tsx) or dist-bench/bench/ (compiled). */
const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = here.includes(`${path.sep}dist-bench${path.sep}`) ? path.resolve(here, '../..') : path.resolve(here, '..');
export const STMS_BIN = path.join(ROOT, 'bin', 'stms.js');
/** Compiled bench tasks (child processes). */
export const TASKS = path.join(ROOT, 'dist-bench', 'bench', 'tasks');
/** `node` arguments that run the built CLI as users do, reporting its peak RSS and CPU time at exit. */
export const STMS_MEASURED = ['--import', pathToFileURL(path.join(TASKS, 'report-usage.js')).href, STMS_BIN];
