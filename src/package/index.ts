/**
 * The package layer: reading a material package (zip or folder), every package check, the
 * deterministic zip of `pack`, per-cluster rendered zips, and streaming md5. What `plan` and
 * `release` call; the CLI commands validate, pack and render are thin layers over it.
 */
export { inspectPackage, type PackageInspection } from './inspect.js';
export { packDirectory } from './pack.js';
export { renderedMetaText, renderedZipPlan, writeRenderedZip } from './render-zip.js';
// The zip writers' exports stay public until their own rework settles which ones remain.
/** @public */
export { planStoredZip, writeStoredZip, type KnownEntry, type StoredZip, type StoredZipPlan } from './stored-zip.js';
/** @public */
export { writeDeterministicZip, FIXED_ENTRY_TIME, type WrittenZip, type ZipItem } from './deterministic-zip.js';
export { md5File } from './md5.js';
export { formatBytes } from './size-rules.js';
