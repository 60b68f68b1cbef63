/**
 * The package layer: reading a material package (zip or folder), every package check, the
 * deterministic zip of `pack`, per-cluster rendered zips, and streaming md5. What `plan` and
 * `release` call; the CLI commands validate, pack and render are thin layers over it.
 */
export { inspectPackage, type InspectOptions, type PackageInspection } from './inspect.js';
export { packDirectory } from './pack.js';
export { renderedMetaText, renderedZipPlan, writeRenderedZip } from './render-zip.js';
export { planStoredZip, writeStoredZip, type KnownEntry, type StoredZip, type StoredZipPlan } from './stored-zip.js';
export { writeDeterministicZip, FIXED_ENTRY_TIME, type WrittenZip, type ZipItem } from './deterministic-zip.js';
export { md5File, HashingStream } from './md5.js';
export { checkZipFileName, zipNameForDir } from './zip-name.js';
export { resolveTargets } from './targets.js';
export { problemBlock, problemLine, problemLocation, problemJson, problemCounts } from './problem-text.js';
export { formatBytes } from './size-rules.js';
export { META_FILE, type PackageEntry, type PackageKind } from './types.js';
