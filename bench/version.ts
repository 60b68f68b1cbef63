import { STMS_BIN } from './paths.js';
import { expectOk, median, runProcess, type BenchResult } from './measure.js';

const TARGET = 1.5;

/** `stms --version` within 1.5x of `node -e 0`: commands load their heavy modules lazily. */
export async function benchVersion(): Promise<BenchResult> {
  const runs = 11;
  const node: number[] = [];
  const stms: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push((await expectOk(await runProcess(process.execPath, ['-e', '0']), 'node -e 0')).ms);
    stms.push((await expectOk(await runProcess(process.execPath, [STMS_BIN, '--version']), 'stms --version')).ms);
  }
  const value = median(stms) / median(node);
  return {
    name: 'stms --version',
    baseline: `node -e 0: ${median(node).toFixed(0)} ms`,
    measured: `${median(stms).toFixed(0)} ms (median of ${runs})`,
    value,
    target: `<= ${TARGET}x`,
    pass: value <= TARGET,
  };
}
