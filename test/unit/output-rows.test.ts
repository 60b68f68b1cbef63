import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScreenWidth, Output, screenRows } from '../../src/cli/output.js';

// What main does for an interactive terminal.
beforeAll(loadScreenWidth);

/** A terminal `columns` wide, as a TTY write stream reports it. */
function fakeTty(columns: number): { stream: Writable & { isTTY: true; columns: number }; text: () => string } {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString());
        callback();
      },
    }),
    { isTTY: true as const, columns },
  );
  return { stream, text: () => chunks.join('') };
}

function live(columns: number) {
  const stderr = fakeTty(columns);
  const clock = { t: 0 };
  const out = new Output({ json: false, quiet: false, verbose: false, color: true, interactive: true, stdout: fakeTty(columns).stream, stderr: stderr.stream, now: () => clock.t });
  return { out, stderr, clock };
}

// The cursor-up moves of each redraw, in order.
const moves = (text: string) => [...text.matchAll(/\x1b\[(\d+)A/g)].map((m) => Number(m[1]));

describe('screenRows', () => {
  it('counts display columns: wide characters two, colour codes none, wrapping at the terminal width', () => {
    expect(screenRows('a'.repeat(20), 20)).toBe(1);
    expect(screenRows('a'.repeat(21), 20)).toBe(2);
    expect(screenRows('中'.repeat(10), 20)).toBe(1);
    expect(screenRows('中'.repeat(11), 20)).toBe(2);
    expect(screenRows(`\x1b[32m${'a'.repeat(20)}\x1b[39m`, 20)).toBe(1);
    expect(screenRows('', 20)).toBe(1);
  });
});

describe('the live progress block on a terminal', () => {
  it('moves the cursor up over every screen row the last block took, wrapped lines included', () => {
    const { out, stderr, clock } = live(20);
    clock.t += 1_000;
    out.progress('GZ_UAT', 'starting 作业 on the cluster'); // 8 + 26 columns: two rows of 20
    clock.t += 1_000;
    out.progress('TJ_UAT', 'ok');
    clock.t += 1_000;
    out.progress('TJ_UAT', 'running');
    // Up over GZ_UAT's two rows, then over those plus TJ_UAT's one.
    expect(moves(stderr.text())).toEqual([2, 3]);
  });

  it('prints a lasting detail once above the block and keeps the key in progress', () => {
    const { out, stderr, clock } = live(80);
    out.progress('GZ_UAT', 'inspect: starts v00002, snapshot hdfs:///sp-1', { lasting: true });
    out.progress('GZ_UAT', 'starting');
    clock.t += 1_000;
    out.progress('GZ_UAT', 'running', { done: true });
    const text = stderr.text();
    expect(text.split('GZ_UAT: inspect: starts v00002, snapshot hdfs:///sp-1').length - 1).toBe(1);
    expect(text).toContain('GZ_UAT: running\n');
  });
});
