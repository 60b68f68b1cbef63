import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../../src/errors.js';
import { mayHaveActed } from '../../../src/streamis/outcome.js';
import { classifyUploadFailure, landed, sameMd5Differently, unchangedReason, type WantedSource } from '../../../src/release/idempotency.js';
import type { LatestVersion } from '../../../src/deployed/latest-version.js';
import type { SourceRecord } from '../../../src/streamis/index.js';

const WANTED: WantedSource = { md5: 'a'.repeat(32), deployUser: 'alexyang', pkgName: 'p1-j1.zip' };

function latest(source: Partial<SourceRecord> | undefined, version = 'v00003'): LatestVersion {
  return { exists: true, jobId: 7, jobType: 'flink.sql', version, source: source === undefined ? undefined : { isHighAvailable: false, raw: {}, ...source } };
}

describe('unchangedReason', () => {
  const same = { md5: WANTED.md5, deployUser: 'alexyang', pkgName: 'p1-j1.zip' };
  const cases: Array<[string, LatestVersion, boolean]> = [
    ['no job yet', { exists: false }, false],
    ['no readable source (web upload)', latest(undefined), false],
    ['md5, deploy user and package name equal', latest(same), true],
    ['another md5', latest({ ...same, md5: 'b'.repeat(32) }), false],
    ['same md5, another deploy user', latest({ ...same, deployUser: 'bob' }), false],
    ['same md5, another package name', latest({ ...same, pkgName: 'other.zip' }), false],
    ['no md5 recorded', latest({ deployUser: 'alexyang', pkgName: 'p1-j1.zip' }), false],
  ];
  for (const [name, state, expected] of cases) {
    it(name, () => {
      expect(unchangedReason(state, WANTED) !== undefined).toBe(expected);
    });
  }

  it('names the version and md5', () => {
    expect(unchangedReason(latest(same), WANTED)).toBe(`v00003 already has md5 ${WANTED.md5} from alexyang`);
  });
});

describe('sameMd5Differently', () => {
  it('says which fields differ when the md5 is the same', () => {
    expect(sameMd5Differently(latest({ md5: WANTED.md5, deployUser: 'bob', pkgName: 'x.zip' }), WANTED)).toBe(
      'same md5 on v00003 but deployUser bob, pkgName x.zip: uploaded again so the clusters agree',
    );
  });
  it('is silent when the md5 differs or everything matches', () => {
    expect(sameMd5Differently(latest({ md5: 'b'.repeat(32), deployUser: 'bob' }), WANTED)).toBeUndefined();
    expect(sameMd5Differently(latest({ ...WANTED }), WANTED)).toBeUndefined();
    expect(sameMd5Differently({ exists: false }, WANTED)).toBeUndefined();
  });
});

describe('landed', () => {
  it('is true only when the latest source carries this release id', () => {
    expect(landed(latest({ releaseId: 'r1' }), 'r1')).toBe(true);
    expect(landed(latest({ releaseId: 'r0' }), 'r1')).toBe(false);
    expect(landed(latest({}), 'r1')).toBe(false);
    expect(landed(latest(undefined), 'r1')).toBe(false);
    expect(landed({ exists: false }, 'r1')).toBe(false);
  });
});

describe('classifyUploadFailure and mayHaveActed', () => {
  const remote = (info: { status?: number; httpStatus?: number; outcomeUnknown?: boolean; network?: string }) =>
    new RemoteError('x', { endpoint: 'job/upload', ...info, details: info.network ? { network: info.network } : {} });
  const cases: Array<[string, unknown, 'final' | 'retry', boolean]> = [
    ['server refusal, status 1 on HTTP 400', remote({ status: 1, httpStatus: 400 }), 'final', false],
    ['server refusal, status 1 on HTTP 200', remote({ status: 1, httpStatus: 200 }), 'final', false],
    ['login refused', remote({ status: -1, httpStatus: 401 }), 'final', false],
    // A 503 says the request was not taken: backoff, not the settle window.
    ['gateway 503 without an envelope', remote({ httpStatus: 503 }), 'retry', false],
    ['gateway 504 (the gateway gave up on Streamis)', remote({ httpStatus: 504 }), 'retry', true],
    ['server 500 without an envelope', remote({ httpStatus: 500 }), 'retry', false],
    ['gateway 502, outcome unknown', remote({ httpStatus: 502, outcomeUnknown: true }), 'retry', true],
    ['429', remote({ httpStatus: 429 }), 'retry', false],
    ['413 too large', remote({ httpStatus: 413 }), 'final', false],
    ['connection reset after sending', remote({ network: 'reset', outcomeUnknown: true }), 'retry', true],
    ['timeout waiting for the answer', remote({ network: 'timeout', outcomeUnknown: true }), 'retry', true],
    ['connection refused', remote({ network: 'refused' }), 'retry', false],
    ['bad certificate', remote({ network: 'tls' }), 'final', false],
    ['unknown host', remote({ network: 'dns' }), 'final', false],
    ['not a remote error (the file)', new Error('ENOENT'), 'final', false],
  ];
  for (const [name, error, klass, unknown] of cases) {
    it(name, () => {
      expect(classifyUploadFailure(error)).toBe(klass);
      expect(mayHaveActed(error)).toBe(unknown);
    });
  }
});
