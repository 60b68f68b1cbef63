import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { isStmsError, StmsError } from '../errors.js';
import { levelOf } from '../meta/tiers.js';
import { variablePointers } from '../deployed/variable-changes.js';
import { clientForCluster, type StreamisClient } from '../streamis/index.js';
import { preflightClusters, preflightRefusal } from '../streamis/preflight.js';
import { runReleaseChecks } from './checks.js';
import { randomSuffix } from './random-suffix.js';
import { clustersToResume, newJournal, newReleaseId, summarize, type ReleaseJournal } from './journal-model.js';
import { checkResumeMd5, checkResumeTargets, skippedByResume } from './resume.js';
import { JournalWriter, stateWriteError } from './journal-store.js';
import { lockRelease } from './lock.js';
import { buildSource } from './source-record.js';
import { materialMd5, renderZips } from './stages/material.js';
import type { ValidPackage } from './stages/validate.js';
import type { ClusterResult, ReleaseEvents, ReleaseReport, ReleaseRequest, ReleaseResult } from './types.js';
import { uploadToCluster } from './upload-cluster.js';
import { keepReleasedPackage, type Keeping } from './store/keep-released.js';
import { variableDrift } from './variable-drift.js';
import { zipNameWarnings } from './zip-name-warning.js';

/**
 * The release engine: the checks (package, HA policy, CMDB), the md5 and the rendered
 * zips, then one upload per target cluster in parallel, the journal rewritten after each
 * cluster's outcome. Knows nothing of the terminal: progress goes to `events`.
 */
export async function runRelease(req: ReleaseRequest, events: ReleaseEvents = {}): Promise<ReleaseResult> {
  if (req.resume) checkResumeTargets(req.resume, req.targets.map((t) => t.name));
  const checked = await runReleaseChecks(req);
  if (!checked.ok) return { kind: 'refused', refusal: checked.refusal, warnings: checked.warnings };
  const pkg = checked.value;
  // Every cluster that will be written to answers and takes its token before the first upload.
  const toWrite = req.resume ? clustersToResume(req.resume) : req.targets.map((t) => t.name);
  const ready = await preflightClusters(req.targets.filter((t) => toWrite.includes(t.name)), req.config, { trace: req.trace, signal: req.signal });
  const refusal = preflightRefusal(ready, 'the release');
  if (refusal) throw refusal;
  const now = req.now ?? (() => new Date());
  const releaseId = req.resume?.releaseId ?? newReleaseId(now(), req.randomSuffix?.() ?? randomSuffix());
  const lock = await lockRelease(req.config.stateDir, pkg, releaseId);
  try {
    return await releaseLocked(req, events, pkg, releaseId, now);
  } finally {
    await lock.release();
  }
}

async function releaseLocked(req: ReleaseRequest, events: ReleaseEvents, pkg: ValidPackage, releaseId: string, now: () => Date): Promise<ReleaseResult> {
  const workDir = path.join(req.config.stateDir, 'tmp', releaseId);
  let keeping: Keeping | undefined;
  await mkdir(workDir, { recursive: true }).catch((error: unknown) => {
    throw stateWriteError(req.config.stateDir, error, 'the release work folder');
  });
  try {
    const material = await materialMd5(pkg.inspection, workDir, req.signal, events.onHashing?.bind(events));
    const md5 = material.md5;
    if (req.resume) checkResumeMd5(req.resume, md5);
    // The same bytes under another file name: a resume keeps the release's pkgName, which the
    // consistency check compares across clusters.
    const pkgName = req.resume?.package.name ?? req.packageName ?? pkg.inspection.zipName;
    const todo = req.resume ? clustersToResume(req.resume) : req.targets.map((t) => t.name);
    const zips = await renderZips(pkg.inspection.path, pkg.meta, material, pkg.rendered, todo);

    // A resume records the change it ran under, over the one the release began with.
    const journal = new JournalWriter(req.config.stateDir, req.resume ? { ...req.resume, ...req.change } : startJournal(req, pkg, releaseId, md5, now()), now);
    // Before any upload: a release whose journal cannot be written must not start.
    await journal.flush().catch((error: unknown) => {
      throw stateWriteError(req.config.stateDir, error, `the journal of release ${releaseId}`);
    });
    const start = {
      releaseId,
      md5,
      policy: pkg.policy,
      project: pkg.project,
      job: pkg.job,
      packageName: pkgName,
      targets: req.targets.map((t) => t.name),
      journalPath: journal.file,
      resumed: req.resume !== undefined,
    };
    // The package store keeps the bytes for a rollback: an unwritable store stops the release
    // before any upload; the copy runs while the uploads do.
    keeping = await keepReleasedPackage(req.config, { releaseId, md5, file: material.file, project: pkg.project, job: pkg.job });
    events.onStart?.({ ...start, warnings: [...pkg.warnings, ...zipNameWarnings(pkgName, pkg.job)] });

    const source = buildSource({
      pkgName,
      deployUser: req.deployUser,
      createTime: now(),
      sourceName: req.config.sourceName,
      sourceToken: req.config.sourceToken,
      policy: pkg.policy,
      md5,
      releaseId,
      rollbackOf: req.rollbackOf,
      changeId: req.change?.changeId,
      overrideReason: req.change?.overrideReason,
    });
    const pointers = variablePointers(pkg.meta);
    const results: Record<string, ClusterResult> = {};
    let journalError: unknown;
    for (const name of start.targets) {
      if (todo.includes(name)) continue;
      results[name] = skippedByResume(name, journal.current);
      events.onClusterDone?.(results[name]);
    }

    await Promise.all(
      todo.map(async (name) => {
        const zip = zips[name];
        const cluster = req.targets.find((t) => t.name === name);
        if (!zip || !cluster) throw new Error(`no zip or config for ${name}`);
        const client = clientForCluster(req.config, cluster, { trace: req.trace, signal: req.signal, secrets: req.secrets });
        let result: ClusterResult;
        const endTurn = await req.uploadTurns?.take(name, pkgName);
        try {
          result = await uploadToCluster({
            client,
            project: pkg.project,
            job: pkg.job,
            releaseId,
            file: zip.file,
            fileName: pkgName,
            renderedMd5: zip.md5,
            source,
            wanted: { md5, deployUser: req.deployUser, pkgName },
            variableDrift: (latest) => variableDrift(client, pkg, pkg.rendered[name] ?? pkg.meta, pointers, (pointer) => levelOf(pointer, req.config.tiers), latest),
            force: req.force,
            retries: req.config.retries,
            settleMs: req.config.timeouts.settleMs,
            signal: req.signal,
            onProgress: (progress) => events.onProgress?.(name, progress),
          });
        } finally {
          endTurn?.();
          await closeQuietly(client);
        }
        if (result.error !== undefined) result.error = req.secrets.redact(result.error);
        results[name] = result;
        const { cluster: _name, note: _note, errorCode: _code, ...entry } = result;
        // The other uploads go on when a write fails (a full disk): their outcomes are said below.
        await journal.record(name, entry).catch((error: unknown) => {
          journalError ??= error;
        });
        events.onClusterDone?.(result);
      }),
    );

    if (journalError !== undefined) {
      const outcomes = outcomesText(start.targets, results);
      const failure = stateWriteError(req.config.stateDir, journalError, `the journal of release ${releaseId}`);
      throw new StmsError('LOCAL_STATE', `${failure.message}; the clusters: ${outcomes}`, { hint: failure.hint, details: { releaseId, clusters: results } });
    }
    // The clusters have the package even so: the failure says where, like a journal's.
    const stored = await keeping.done.catch((error: unknown) => {
      throw isStmsError(error) ? new StmsError(error.code, `${error.message}; the clusters: ${outcomesText(start.targets, results)}`, { hint: error.hint, details: { releaseId, clusters: results }, cause: error }) : error;
    });
    const summary = summarize(journal.current);
    const report: ReleaseReport = {
      ...start,
      clusters: Object.fromEntries(start.targets.map((t) => [t, results[t] as ClusterResult])),
      done: summary.done,
      notDone: summary.notDone,
      interrupted: Object.values(results).some((r) => r.outcome === 'interrupted'),
      storedPackage: stored.file,
    };
    return { kind: 'released', report };
  } finally {
    // The copy into the store may read the packed zip of the work folder.
    await keeping?.done.catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  }
}

function outcomesText(targets: readonly string[], results: Record<string, ClusterResult>): string {
  return targets.map((t) => `${t} ${results[t]?.outcome ?? 'pending'}${results[t]?.version ? ` ${results[t]?.version}` : ''}`).join(', ');
}

function startJournal(req: ReleaseRequest, pkg: ValidPackage, releaseId: string, md5: string, at: Date): ReleaseJournal {
  return newJournal({
    releaseId,
    createdAt: at,
    package: { path: pkg.inspection.path, md5, name: pkg.inspection.zipName },
    policy: pkg.policy,
    project: pkg.project,
    job: pkg.job,
    targets: req.targets.map((t) => t.name),
    deployUser: req.deployUser,
    ...(req.rollbackOf ? { rollbackOf: req.rollbackOf } : {}),
    change: req.change,
  });
}

async function closeQuietly(client: StreamisClient): Promise<void> {
  try {
    await client.close();
  } catch {
    // closing a pool after an abort may reject; nothing is left to do with it
  }
}

