import { z } from 'zod';

/** One app as cmdb.json and the HTTP CMDB return it (docs/concepts.md). Extra fields are kept. */
export const CmdbRecordSchema = z.looseObject({
  projectName: z.string().min(1),
  jobName: z.string().min(1),
  haPolicy: z.string().min(1),
  clusters: z.array(z.string()).optional(),
  subsystem: z.string().optional(),
  owner: z.string().optional(),
});

export const CmdbFileSchema = z.looseObject({ apps: z.array(CmdbRecordSchema) });
