/** The Streamis REST client and the pure helpers other modules read (source record, statuses). */
export { createStreamisClient, type StreamisClient, type StreamisClientOptions, type UploadOptions, type ListJobsOptions } from './client.js';
export type { GeneratedFile } from './upload-body.js';
export { parseSource, UPDATE_ARGS_SOURCE, type ParsedSource, type SourceRecord, type SourceProblem } from './source.js';
export type { JobTask, VersionDetail, JobInfo, JobContentData, StreamJobVersion, InspectData, JobStatus, BulkData, HaMessage, JobConfig } from './schemas.js';
export * from './status-codes.js';
export { preflight, preflightClusters, preflightRefusal, preflightJson, CLOCK_SKEW_WARN_MS, type PreflightTarget, type PreflightOptions, type PreflightResult, type ClusterPreflight } from './preflight.js';
