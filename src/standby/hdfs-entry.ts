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
