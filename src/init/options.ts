import { UsageError } from '../errors.js';
import { jobNameProblem, ownerProblem, projectNameProblem } from './names.js';

/**
 * The flags of `stms init`, checked in one place: each name against its Streamis rule, and the
 * cross-flag rules. Pure: the caller passes in the defaults that come from the environment.
 */
export const JOB_TYPES = ['flink.sql', 'flink.jar'] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const DEFAULT_TYPE: JobType = 'flink.sql';
export const DEFAULT_PROJECT = 'my_project';
export const DEFAULT_JOB = 'my_job';

export interface InitOptions {
  /** `package`: a job folder plus config, vars and CMDB stub; `job-list`: the batch folder. */
  mode: 'package' | 'job-list';
  type: JobType;
  project: string;
  job: string;
  /** Failure-alert user, CMDB owner and deploy user written into the files. */
  owner: string;
  force: boolean;
}

/** The flags as commander parsed them; the defaults are applied here, once. */
export interface RawInitFlags {
  type?: string | undefined;
  project?: string | undefined;
  job?: string | undefined;
  owner?: string | undefined;
  jobList?: boolean | undefined;
  force?: boolean | undefined;
}

export interface InitDefaults {
  /** STMS_DEPLOY_USER or the OS login: used when --owner is not given. */
  owner: string;
}

export function resolveInitOptions(flags: RawInitFlags, defaults: InitDefaults): InitOptions {
  const jobList = flags.jobList === true;
  const type = flags.type;
  if (jobList && type !== undefined) {
    throw new UsageError('--type has no effect with --job-list: the job-list folder is the same for every job type', {
      hint: 'Drop --type, or run `stms init --type …` without --job-list to scaffold the job itself.',
    });
  }
  if (type !== undefined && !(JOB_TYPES as readonly string[]).includes(type)) {
    throw new UsageError(`--type must be ${JOB_TYPES.join(' or ')}, not ${JSON.stringify(type)}`);
  }

  const project = flags.project ?? DEFAULT_PROJECT;
  const job = flags.job ?? DEFAULT_JOB;
  const ownerFlag = flags.owner;
  const owner = ownerFlag ?? defaults.owner;

  const projectProblem = projectNameProblem(project);
  if (projectProblem) throw new UsageError(`--project: ${projectProblem}`);
  const jobProblem = jobNameProblem(job);
  if (jobProblem) throw new UsageError(`--job: ${jobProblem}`);
  const ownerIssue = ownerProblem(owner);
  if (ownerIssue) {
    throw new UsageError(ownerFlag === undefined ? `the default owner (STMS_DEPLOY_USER or your login) cannot be used: ${ownerIssue}` : `--owner: ${ownerIssue}`, {
      hint: ownerFlag === undefined ? 'Pass --owner with the login that should receive failure alerts.' : undefined,
    });
  }

  return {
    mode: jobList ? 'job-list' : 'package',
    type: (type as JobType | undefined) ?? DEFAULT_TYPE,
    project,
    job,
    owner,
    force: flags.force === true,
  };
}
