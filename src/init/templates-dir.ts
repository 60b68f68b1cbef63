import { fileURLToPath } from 'node:url';

/**
 * Where the templates shipped with stms live. This module runs from src/init/ (tests), dist/init/
 * or inside dist/bundle/stms.cjs (the CLI), each two levels below the package root that holds
 * templates/ (listed in package.json `files`, so it ships with the npm package).
 */
const ROOT = new URL('../../templates/', import.meta.url);

/** templates/init/: what `stms init` fills in. */
export const INIT_TEMPLATES_DIR = fileURLToPath(new URL('init/', ROOT));

/** templates/example/: the ready-to-release flink.sql package of the README and the demo. */
export const EXAMPLE_PACKAGE_DIR = fileURLToPath(new URL('example/', ROOT));

/** templates/example-config/: stms.config.yaml, vars.yaml and cmdb.json for the example. */
export const EXAMPLE_CONFIG_DIR = fileURLToPath(new URL('example-config/', ROOT));
