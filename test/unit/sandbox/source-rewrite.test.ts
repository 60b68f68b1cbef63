import { describe, expect, test } from 'vitest';
import { DEFAULT_SOURCE_JSON, rewriteSource } from '../../../src/sandbox/source-rewrite.js';

// docs/streamis-contract.md §5.7 branch A. Expected key orders were taken from a java.util.HashMap.
describe('rewriteSource', () => {
  test('sets the verdict and keeps every other key, in HashMap order', () => {
    const stored = JSON.stringify({
      pkgName: 'job.zip',
      deployUser: 'alexyang',
      createTime: '2025-01-01 10:00:00',
      source: 'aomp',
      isHighAvailable: false,
      highAvailableMessage: '首次上传',
      token: 'streamis0.3.8',
      md5: 'abc',
      releaseId: 'r-1',
    });
    const result = rewriteSource(stored, true, 'md5 and deployUser agree on GZ_UAT, TJ_UAT');
    expect(result).toEqual({
      ok: true,
      source:
        '{"deployUser":"alexyang","createTime":"2025-01-01 10:00:00","releaseId":"r-1","pkgName":"job.zip","highAvailableMessage":"md5 and deployUser agree on GZ_UAT, TJ_UAT","isHighAvailable":true,"source":"aomp","token":"streamis0.3.8","md5":"abc"}',
    });
  });

  test('a null stored source starts from the server default', () => {
    const result = rewriteSource(null, false, 'differs');
    expect(result).toEqual({
      ok: true,
      source: '{"deployUser":"default","createTime":"default","pkgName":"default","highAvailableMessage":"differs","isHighAvailable":false,"source":"aomp"}',
    });
    expect(DEFAULT_SOURCE_JSON).toContain('"source": "aomp"');
  });

  test.each([
    ['null message is written as JSON null', '{"source":"aomp"}', true, null, '{"highAvailableMessage":null,"isHighAvailable":true,"source":"aomp"}'],
    ['a source that is not JSON keeps only the two keys', 'update args', true, 'x', '{"highAvailableMessage":"x","isHighAvailable":true}'],
    ['a JSON array keeps only the two keys', '[1]', false, 'x', '{"highAvailableMessage":"x","isHighAvailable":false}'],
    ['integral numbers lose nothing, fractions stay', '{"n":12,"f":1.5,"source":"aomp"}', true, 'm', '{"f":1.5,"highAvailableMessage":"m","isHighAvailable":true,"source":"aomp","n":12}'],
    ['HTML-sensitive characters are escaped like Gson', '{"source":"aomp","note":"a<b>&c=\'d\'"}', true, 'm', '{"note":"a\\u003cb\\u003e\\u0026c\\u003d\\u0027d\\u0027","highAvailableMessage":"m","isHighAvailable":true,"source":"aomp"}'],
  ] as Array<[string, string, boolean, string | null, string]>)('%s', (_name, stored, ha, message, expected) => {
    expect(rewriteSource(stored, ha, message)).toEqual({ ok: true, source: expected });
  });

  test('the rewritten source parses back to the same values', () => {
    const result = rewriteSource('{"source":"aomp","md5":"0123","nested":{"b":1,"a":[1,"x"]}}', true, 'ok');
    if (!result.ok) throw new Error('expected ok');
    expect(JSON.parse(result.source)).toEqual({ source: 'aomp', md5: '0123', nested: { b: 1, a: [1, 'x'] }, isHighAvailable: true, highAvailableMessage: 'ok' });
  });

  test.each(['', '   ', 'null'])('an empty stored source %j fails like the server (NPE)', (stored) => {
    expect(rewriteSource(stored, true, 'x')).toEqual({ ok: false, npe: true });
  });
});
