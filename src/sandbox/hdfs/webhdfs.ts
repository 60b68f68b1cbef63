import type { IncomingMessage, ServerResponse } from 'node:http';
import { drain } from '../http/request.js';
import type { HdfsNode, HdfsTree } from './tree.js';

/**
 * The read side of WebHDFS (`GET /webhdfs/v1/<path>?op=LISTSTATUS|GETFILESTATUS`) with the
 * NameNode's JSON: `FileStatuses.FileStatus[]` / `FileStatus` with pathSuffix, type, length,
 * modificationTime in ms …; a path that does not exist is 404 with a `RemoteException` of
 * `FileNotFoundException`. Simple authentication: `user.name` (or a `delegation` token) is taken
 * as given, as a cluster without Kerberos does. Every other operation is refused as the
 * NameNode refuses an op it does not know: the sandbox serves only these two.
 */

export const WEBHDFS_PREFIX = '/webhdfs/v1';

const OWNER = 'hadoop';
const GROUP = 'supergroup';
const BLOCK_SIZE = 134_217_728;

export async function handleWebHdfs(tree: HdfsTree, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await drain(req);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = decodeURIComponent(url.pathname.slice(WEBHDFS_PREFIX.length)) || '/';
  const op = (url.searchParams.get('op') ?? '').toUpperCase();
  if (req.method !== 'GET' || (op !== 'LISTSTATUS' && op !== 'GETFILESTATUS')) {
    const message = op === '' ? 'Invalid value for webhdfs parameter "op": op is null' : `Invalid value for webhdfs parameter "op": No enum constant org.apache.hadoop.hdfs.web.resources.GetOpParam.Op.${op}`;
    return reply(res, 400, remoteException('IllegalArgumentException', 'java.lang.IllegalArgumentException', message));
  }
  const node = tree.status(path);
  if (!node) {
    const message = op === 'LISTSTATUS' ? `File ${path} does not exist.` : `File does not exist: ${path}`;
    return reply(res, 404, remoteException('FileNotFoundException', 'java.io.FileNotFoundException', message));
  }
  if (op === 'GETFILESTATUS') return reply(res, 200, { FileStatus: fileStatus('', node, tree.list(path)?.length ?? 0) });
  const children = tree.list(path);
  // LISTSTATUS of a file lists the file itself, with an empty pathSuffix.
  const statuses = children === undefined ? [fileStatus('', node, 0)] : children.map((c) => fileStatus(c.name, c, c.type === 'DIRECTORY' ? (tree.list(`${path}/${c.name}`)?.length ?? 0) : 0));
  return reply(res, 200, { FileStatuses: { FileStatus: statuses } });
}

function fileStatus(pathSuffix: string, node: HdfsNode, childrenNum: number): Record<string, unknown> {
  const file = node.type === 'FILE';
  return {
    accessTime: file ? node.accessTime : 0,
    blockSize: file ? BLOCK_SIZE : 0,
    childrenNum,
    fileId: node.fileId,
    group: GROUP,
    length: file ? node.length : 0,
    modificationTime: node.modificationTime,
    owner: OWNER,
    pathSuffix,
    permission: file ? '644' : '755',
    replication: file ? 3 : 0,
    storagePolicy: 0,
    type: node.type,
  };
}

function remoteException(exception: string, javaClassName: string, message: string): Record<string, unknown> {
  return { RemoteException: { exception, javaClassName, message } };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
