/** One file or folder as an HDFS listing names it (WebHDFS or `hdfs dfs -ls -R`). */
export interface HdfsEntry {
  /** Absolute path. */
  path: string;
  type: 'FILE' | 'DIRECTORY';
  length: number;
  /** Epoch ms (to the minute from `hdfs dfs -ls`). */
  modificationTime: number;
}

/** How deep below `{project}/{job}/` a job's state is looked for (`{taskId}/{flinkJobId}/chk-N/_metadata`). */
export const STATE_DEPTH = 4;

/** One cluster's HDFS as stms reads it: WebHDFS or a client command (hdfs-reader.ts), behind one interface. */
export interface HdfsReader {
  /** For messages: the URL or the command. */
  describe: string;
  /** Everything below `base`, `depth` levels deep; null when `base` does not exist. */
  listTree(base: string, depth: number): Promise<HdfsEntry[] | null>;
  close(): Promise<void>;
}
