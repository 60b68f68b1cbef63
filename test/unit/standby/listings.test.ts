import { describe, expect, it } from 'vitest';
import { parseLsOutput, saysNoSuchPath } from '../../../src/standby/ls-output.js';
import { readListStatus } from '../../../src/standby/webhdfs-answer.js';

describe('hdfs dfs -ls -R output', () => {
  const text = [
    'Found 2 items',
    'drwxr-xr-x   - hadoop supergroup          0 2026-01-21 10:35 /flink/cp/managerSlave/p1/j1/12',
    'drwxr-xr-x+  - hadoop supergroup          0 2026-01-21 10:36 /flink/cp/managerSlave/p1/j1/12/abc',
    '-rw-r--r--   3 hadoop supergroup      65536 2026-01-21 10:36 /flink/cp/managerSlave/p1/j1/12/abc/chk-170/9f1e-a2',
    '-rw-r--r--   3 hadoop supergroup       4312 2026-01-21 10:37 /flink/cp/managerSlave/p1/j1/12/abc/chk-170/_metadata',
    '-rw-r--r--   3 hadoop supergroup         12 2026-01-21 10:37 /flink/cp/managerSlave/p1/j1/with space/_metadata',
    'lrwxrwxrwx   - hadoop supergroup          0 2026-01-21 10:37 /flink/cp/link',
    'ls: some warning line',
    '',
  ].join('\n');

  it('reads type, length, time (local, to the minute) and path; skips other lines', () => {
    const entries = parseLsOutput(text);
    expect(entries.map((e) => [e.type, e.length, e.path])).toEqual([
      ['DIRECTORY', 0, '/flink/cp/managerSlave/p1/j1/12'],
      ['DIRECTORY', 0, '/flink/cp/managerSlave/p1/j1/12/abc'],
      ['FILE', 65536, '/flink/cp/managerSlave/p1/j1/12/abc/chk-170/9f1e-a2'],
      ['FILE', 4312, '/flink/cp/managerSlave/p1/j1/12/abc/chk-170/_metadata'],
      ['FILE', 12, '/flink/cp/managerSlave/p1/j1/with space/_metadata'],
    ]);
    expect(entries[3]?.modificationTime).toBe(new Date(2026, 0, 21, 10, 37).getTime());
  });

  it('knows the client saying a path does not exist', () => {
    expect(saysNoSuchPath("ls: `/flink/cp/x': No such file or directory")).toBe(true);
    expect(saysNoSuchPath('ls: Permission denied: user=bob')).toBe(false);
  });
});

describe('WebHDFS LISTSTATUS answers', () => {
  it('turns FileStatuses into entries below the folder', () => {
    const body = {
      FileStatuses: {
        FileStatus: [
          { accessTime: 0, blockSize: 0, childrenNum: 2, fileId: 16390, group: 'supergroup', length: 0, modificationTime: 1700000000000, owner: 'hadoop', pathSuffix: 'chk-3', permission: '755', replication: 0, storagePolicy: 0, type: 'DIRECTORY' },
          { accessTime: 1, blockSize: 134217728, childrenNum: 0, fileId: 16391, group: 'supergroup', length: 812, modificationTime: 1700000001000, owner: 'hadoop', pathSuffix: '_metadata', permission: '644', replication: 3, storagePolicy: 0, type: 'FILE' },
        ],
      },
    };
    expect(readListStatus('/a/b/', 200, JSON.stringify(body))).toEqual({
      kind: 'listing',
      entries: [
        { path: '/a/b/chk-3', type: 'DIRECTORY', length: 0, modificationTime: 1700000000000 },
        { path: '/a/b/_metadata', type: 'FILE', length: 812, modificationTime: 1700000001000 },
      ],
    });
  });

  it('lists a file as itself (empty pathSuffix)', () => {
    const body = { FileStatuses: { FileStatus: [{ pathSuffix: '', type: 'FILE', length: 3, modificationTime: 5 }] } };
    expect(readListStatus('/a/f', 200, JSON.stringify(body))).toEqual({ kind: 'listing', entries: [{ path: '/a/f', type: 'FILE', length: 3, modificationTime: 5 }] });
  });

  it('reads FileNotFoundException as not found, other RemoteExceptions and odd answers as errors', () => {
    const notFound = { RemoteException: { exception: 'FileNotFoundException', javaClassName: 'java.io.FileNotFoundException', message: 'File /a does not exist.' } };
    expect(readListStatus('/a', 404, JSON.stringify(notFound))).toEqual({ kind: 'not-found', message: 'FileNotFoundException: File /a does not exist.' });
    const denied = { RemoteException: { exception: 'AccessControlException', javaClassName: 'org.apache.hadoop.security.AccessControlException', message: 'Permission denied: user=bob' } };
    expect(readListStatus('/a', 403, JSON.stringify(denied))).toEqual({ kind: 'error', message: 'AccessControlException: Permission denied: user=bob' });
    expect(readListStatus('/a', 502, '<html>Bad Gateway</html>')).toEqual({ kind: 'error', message: 'HTTP 502 without a FileStatuses listing' });
    expect(readListStatus('/a', 404, '')).toEqual({ kind: 'not-found', message: 'HTTP 404' });
  });
});
