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
import { JournalWriter, journalPath, stateWriteError } from './journal-store.js';
import { lockRelease } from './lock.js';
import { buildSource } from './source-record.js';
import { clusterBytes, hashMaterial, materialFile } from './stages/material.js';
import { knownPackageMd5, rememberMd5, rememberRenderedMd5s, withKnownRenderedMd5s } from './md5-cache.js';
import { startSharedRead } from './wire/shared-read.js';
import { needsMd5First } from './idempotency.js';
import { readLatest } from '../deployed/latest-version.js';
import { checkStoreWritable } from './store/package-store.js';
import type { ValidPackage } from './stages/validate.js';
import type { ClusterResult, ReleaseEvents, ReleaseReport, ReleaseRequest, ReleaseResult } from './types.js';
import { uploadToCluster } from './upload-cluster.js';
import { zipNameWarnings } from './zip-name-warning.js';
import { keepReleasedPackage, type Keeping } from './store/keep-released.js';
import { variableDrift } from './variable-drift.js';

/**
 * The release engine: the checks (package, HA policy, CMDB), the md5 and the rendered
 * zips, then one upload per target cluster in parallel, the journal rewritten after each
 * cluster's outcome. Knows nothing of the terminal: progress goes to `events`.
 */
export async function runRelease(req: ReleaseRequest, events: ReleaseEvents = {}): Promise<ReleaseResult> {
  if (req.resume) checkResumeTargets(req.resume, req.targets.map((t) => t.name));
  // Every cluster that will be written to answers and takes its token before the first upload.
  // They are asked while the package is checked (neither writes anything); a refusal of the
  // checks is the answer all the same, and the asking stops.
  const toWrite = req.resume ? clustersToResume(req.resume) : req.targets.map((t) => t.name);
  const asking = new AbortController();
  const stopAsking = () => asking.abort(req.signal.reason);
  if (req.signal.aborted) stopAsking();
  req.signal.addEventListener('abort', stopAsking, { once: true });
  const readiness = preflightClusters(req.targets.filter((t) => toWrite.includes(t.name)), req.config, { trace: req.trace, signal: asking.signal }).finally(() =>
    req.signal.removeEventListener('abort', stopAsking),
  );
  // Awaited below; a failure meanwhile is not an unhandled rejection.
  readiness.catch(() => undefined);
  let checked: Awaited<ReturnType<typeof runReleaseChecks>> | undefined;
  try {
    checked = await runReleaseChecks(req);
  } finally {
    if (!checked?.ok) {
      asking.abort();
      // Its requests end (their traces with them) before the refusal is told.
      await readiness.catch(() => undefined);
    }
  }
  if (!checked.ok) return { kind: 'refused', refusal: checked.refusal, warnings: checked.warnings };
  const pkg = checked.value;
  const ready = await readiness;
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
  const clients = new Map<string, StreamisClient>();
  let endTurns: (() => void) | undefined;
  await mkdir(workDir, { recursive: true }).catch((error: unknown) => {
    throw stateWriteError(req.config.stateDir, error, 'the release work folder');
  });
  try {
    const material = await materialFile(pkg.inspection, workDir, req.signal);
    // A package released or planned from this machine before is not read again for its md5.
    const cached = await knownPackageMd5(req.config.stateDir, material);
    const { identity, trusted } = cached;
    let md5 = cached.md5;
    const hashFirst = async () => {
      md5 = await hashMaterial(material.file, pkg.inspection.sizeBytes, req.signal, events.onHashing?.bind(events));
      await rememberMd5(req.config.stateDir, material.file, identity, md5);
      return md5;
    };
    if (req.resume) checkResumeMd5(req.resume, md5 ?? (await hashFirst()));
    // The same bytes under another file name: a resume keeps the release's pkgName, which the
    // consistency check compares across clusters.
    const pkgName = req.resume?.package.name ?? req.packageName ?? pkg.inspection.zipName;
    const todo = req.resume ? clustersToResume(req.resume) : req.targets.map((t) => t.name);
    const who = { deployUser: req.deployUser, pkgName };
    const wanted = () => ({ ...who, md5: md5 ?? '' });
    // The store must take the package before any upload; it is copied once the md5 names it.
    await checkStoreWritable(req.config.packageStore);

    // What each cluster holds decides whether the md5 is needed before anything is sent.
    for (const name of todo) clients.set(name, clientForCluster(req.config, targetOf(req, name), { trace: req.trace, signal: req.signal, secrets: req.secrets }));
    const before = new Map(await Promise.all(todo.map(async (name) => [name, await readLatest(clients.get(name) as StreamisClient, pkg.project, pkg.job).catch(() => undefined)] as const)));
    if (md5 === undefined && [...before.values()].some((latest) => latest && needsMd5First(latest, who, releaseId, req.force))) await hashFirst();

    // Same-named uploads of other jobs of this run go first; every cluster's turn is taken before
    // the shared read starts (in one order, so two such jobs never wait on each other).
    endTurns = await req.uploadTurns?.takeAll(todo, pkgName);
    // A package planned or released before: its rendered zips' md5s may be known too.
    const bytes = await withKnownRenderedMd5s(req.config.stateDir, md5, clusterBytes(pkg.meta, pkg.rendered, todo));
    const shared = await startSharedRead({ zip: material.file, source: pkg.inspection.path, md5, trusted, clusters: bytes, signal: req.signal, onHashing: events.onHashing?.bind(events) });
    const createTime = now();
    const sourceWith = (value: string) =>
      buildSource({ pkgName, deployUser: req.deployUser, createTime, sourceName: req.config.sourceName, sourceToken: req.config.sourceToken, policy: pkg.policy, md5: value, releaseId, rollbackOf: req.rollbackOf, changeId: req.change?.changeId, overrideReason: req.change?.overrideReason });
    const start = {
      releaseId,
      md5: '',
      policy: pkg.policy,
      project: pkg.project,
      job: pkg.job,
      packageName: pkgName,
      targets: req.targets.map((t) => t.name),
      journalPath: journalPath(req.config.stateDir, releaseId),
      resumed: req.resume !== undefined,
    };
    // Once the md5 is known, and before any cluster can hold a version of this release: the
    // journal is written (one that cannot be written stops every upload), and the package store
    // starts its copy.
    let journal: JournalWriter | undefined;
    const opening = once(async () => {
      // Known already, or once the shared read is through (never wait for it while it waits for us).
      const known = md5 ?? (await shared.md5);
      md5 = known;
      if (!trusted) await rememberMd5(req.config.stateDir, material.file, identity, known);
      start.md5 = known;
      // A resume records the change it ran under, over the one the release began with.
      const writer = new JournalWriter(req.config.stateDir, req.resume ? { ...req.resume, ...req.change } : startJournal(req, pkg, releaseId, known, createTime), now);
      await writer.flush().catch((error: unknown) => {
        throw stateWriteError(req.config.stateDir, error, `the journal of release ${releaseId}`);
      });
      journal = writer;
      keeping = await keepReleasedPackage(req.config, { releaseId, md5: known, file: material.file, project: pkg.project, job: pkg.job });
      events.onStart?.({ ...start, warnings: [...pkg.warnings, ...zipNameWarnings(pkgName, pkg.job)] });
      return sourceWith(known);
    });
    // Known now (a folder, a package hashed before, a resume): sent before the file, as ever.
    const source = md5 !== undefined ? await opening() : { sameLengthAs: sourceWith('0'.repeat(32)), value: opening };

    const pointers = variablePointers(pkg.meta);
    const results: Record<string, ClusterResult> = {};
    let journalError: unknown;
    // A resume knows its md5, so its journal is open here.
    for (const name of start.targets) {
      if (todo.includes(name) || !journal) continue;
      results[name] = skippedByResume(name, journal.current);
      events.onClusterDone?.(results[name]);
    }
    const recordDone = async (result: ClusterResult) => {
      const { cluster: name, note: _note, errorCode: _code, ...entry } = result;
      results[name] = result;
      // A result without a journal: the package never got to the clusters (it is damaged).
      const writer = await opening().then(() => journal, () => undefined);
      // The other uploads go on when a write fails (a full disk): their outcomes are said below.
      if (writer) await writer.record(name, entry).catch((error: unknown) => {
        journalError ??= error;
      });
      events.onClusterDone?.(result);
    };

    await Promise.all(
      todo.map(async (name) => {
        const zip = shared.zips[name];
        const client = clients.get(name);
        if (!zip || !client) throw new Error(`no zip or client for ${name}`);
        let result: ClusterResult;
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
            wanted,
            before: before.get(name),
            variableDrift: (latest) => variableDrift(client, pkg, pkg.rendered[name] ?? pkg.meta, pointers, (pointer) => levelOf(pointer, req.config.tiers), latest),
            force: req.force,
            retries: req.config.retries,
            settleMs: req.config.timeouts.settleMs,
            signal: req.signal,
            onProgress: (progress) => events.onProgress?.(name, progress),
          });
        } finally {
          zip.withdraw();
        }
        if (result.error !== undefined) result.error = req.secrets.redact(result.error);
        await recordDone(result);
      }),
    );
    // A damaged package (found while it was sent) or a journal that could not be written: no
    // cluster holds a version of this release.
    await opening();
    await rememberRenderedMd5s(req.config.stateDir, start.md5, bytes, (name) => shared.zips[name]?.md5());

    if (journalError !== undefined) {
      const outcomes = outcomesText(start.targets, results);
      const failure = stateWriteError(req.config.stateDir, journalError, `the journal of release ${releaseId}`);
      throw new StmsError('LOCAL_STATE', `${failure.message}; the clusters: ${outcomes}`, { hint: failure.hint, details: { releaseId, clusters: results } });
    }
    // The clusters have the package even so: the failure says where, like a journal's.
    const stored = await (keeping as Keeping).done.catch((error: unknown) => {
      throw isStmsError(error) ? new StmsError(error.code, `${error.message}; the clusters: ${outcomesText(start.targets, results)}`, { hint: error.hint, details: { releaseId, clusters: results }, cause: error }) : error;
    });
    const summary = summarize((journal as JournalWriter).current);
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
    endTurns?.();
    await Promise.all([...clients.values()].map(closeQuietly));
    // The copy into the store may read the packed zip of the work folder.
    await keeping?.done.catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  }
}

function targetOf(req: ReleaseRequest, name: string) {
  const cluster = req.targets.find((t) => t.name === name);
  if (!cluster) throw new Error(`no config for ${name}`);
  return cluster;
}

/** The first call runs `run`; every call gets its promise. */
function once<T>(run: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= run());
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
