import { spawn } from 'node:child_process';

/**
 * The baseline every release figure is compared with: `curl -F file=@pkg.zip` posting the package
 * to `job/upload` as a shell script would, one curl per cluster, all at once. The wall time of the
 * whole lot and the CPU seconds curl used (bash's `times` of its children) are returned.
 */
export interface CurlTarget {
  url: string;
  tokenUser: string;
  tokenCode: string;
}

export interface CurlRun {
  ms: number;
  cpuSeconds: number;
}

export async function curlUpload(zip: string, projectName: string, source: string, targets: readonly CurlTarget[]): Promise<CurlRun> {
  const commands = targets.map((t, i) => {
    const url = `${t.url}/api/rest_j/v1/streamis/streamJobManager/job/upload?projectName=${encodeURIComponent(projectName)}`;
    // The answer goes to a file per cluster so a refusal (status != 0) is caught below.
    return `curl -sS -o "$OUT.${i}" -H "Token-User: ${t.tokenUser}" -H "Token-Code: ${t.tokenCode}" -F "file=@${zip};type=application/zip" -F "source=<$SOURCE" "${url}" &`;
  });
  const script = `${commands.join('\n')}\nwait\ntimes\n`;
  const out = `${zip}.curl-answer`;
  const sourceFile = `${zip}.source.json`;
  const { writeFile, readFile, rm } = await import('node:fs/promises');
  await writeFile(sourceFile, source);
  const started = process.hrtime.bigint();
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { env: { ...process.env, OUT: out, SOURCE: sourceFile }, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`curl script exited ${code}`))));
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  for (let i = 0; i < targets.length; i++) {
    const answer = await readFile(`${out}.${i}`, 'utf8');
    if (!/"status"\s*:\s*0/.test(answer)) throw new Error(`curl upload refused: ${answer.slice(0, 300)}`);
    await rm(`${out}.${i}`, { force: true });
  }
  await rm(sourceFile, { force: true });
  return { ms, cpuSeconds: childCpuSeconds(stdout) };
}

/** bash `times` prints the shell's, then its children's, user and system time: `0m0.512s 0m0.120s`. */
function childCpuSeconds(times: string): number {
  const lines = times.trim().split('\n');
  const children = lines.at(-1) ?? '';
  return [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
}
