/** The Streamis REST client and the pure helpers other modules read (source record, statuses). */
export { createStreamisClient, type StreamisClient } from './client.js';
export { clientForCluster } from './for-cluster.js';
export type { GeneratedFile, LateField } from './upload-body.js';
export { parseSource, type SourceRecord } from './source.js';
export type { JobTask, InspectData, JobStatus, HaMessage } from './schemas.js';
export * from './status-codes.js';
