/**
 * The package layer: reading a material package (zip or folder), every package check, the
 * one zip writer (`pack`, per-cluster rendered zips), and streaming md5. What `plan` and
 * `release` call; the CLI commands validate, pack and render are thin layers over it.
 */
export { inspectPackage, type InspectOptions, type PackageInspection } from './inspect.js';
export { packDirectory } from './pack.js';
export { renderedMetaText, renderedZipPlan, sendsAsGiven, writeClusterZip, writeRenderedZip } from './render-zip.js';
export { planZip, writeZip, type WrittenZip, type ZipPlan, type ZipSource } from './stored-zip.js';
export { md5CheckedZip } from './zip-check.js';
export { md5File } from './md5.js';
export { checkZipFileName, zipNameForDir } from './zip-name.js';
export { resolveTargets } from './targets.js';
export { problemBlock, problemLine, problemLocation, problemJson, problemCounts } from './problem-text.js';
export { formatBytes } from './size-rules.js';
export { META_FILE, type PackageEntry, type PackageKind } from './types.js';
