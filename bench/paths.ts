import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whether this runs from bench/ (tsx) or dist-bench/bench/ (compiled). */
const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = here.includes(`${path.sep}dist-bench${path.sep}`) ? path.resolve(here, '../..') : path.resolve(here, '..');
export const STMS_BIN = path.join(ROOT, 'bin', 'stms.js');
/** Compiled bench tasks (child processes). */
export const TASKS = path.join(ROOT, 'dist-bench', 'bench', 'tasks');
