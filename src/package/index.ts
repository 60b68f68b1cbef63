/**
 * The package layer: reading a material package (zip or folder), every package check, the
 * one zip writer (`pack`, per-cluster rendered zips), and streaming md5. What `plan` and
 * `release` call; the CLI commands validate, pack and render are thin layers over it.
 */
export { inspectPackage, type PackageInspection } from './inspect.js';
export { packDirectory } from './pack.js';
export { renderedMetaText, renderedZipPlan, sendsAsGiven, writeRenderedZip } from './render-zip.js';
export { md5CheckedZip } from './zip-check.js';
export { md5File } from './md5.js';
export { formatBytes } from './size-rules.js';
