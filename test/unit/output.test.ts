import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Output } from '../../src/cli/output.js';
import { Redactor } from '../../src/util/redact.js';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

function output(options: { interactive?: boolean; json?: boolean; quiet?: boolean; clock?: { t: number } } = {}) {
  const stdout = sink();
  const stderr = sink();
  const clock = options.clock ?? { t: 0 };
  const redactor = new Redactor();
  const out = new Output({
    json: options.json ?? false,
    quiet: options.quiet ?? false,
    verbose: false,
    color: false,
    interactive: options.interactive ?? false,
    stdout: stdout.stream,
    stderr: stderr.stream,
    redactor,
    now: () => clock.t,
  });
  return { out, stdout, stderr, clock };
}

// Strips the cursor controls so the visible text can be asserted.
const visible = (text: string) => text.replace(/\x1b\[[0-9]*[AJK]/g, '');

describe('Output', () => {
  it('never prints a registered secret, on either stream', () => {
    const { out, stdout, stderr } = output();
    out.addSecret('tok-123456');
    out.line('token tok-123456 in a result');
    out.warn('and tok-123456 in a warning');
    expect(stdout.text()).toBe('token *** in a result\n');
    expect(stderr.text()).not.toContain('tok-123456');
  });

  it('with --json writes only the document on stdout, once', () => {
    const { out, stdout } = output({ json: true });
    out.line('human line');
    out.table(['a'], [['1']]);
    out.document({ ok: true });
    expect(JSON.parse(stdout.text())).toEqual({ ok: true });
    expect(() => out.document({ ok: true })).toThrow(/already written/);
  });

  it('in CI prints a key at most every two seconds, and always its final state', () => {
    const { out, stderr, clock } = output();
    out.progress('GZ_UAT', 'uploading 10%');
    clock.t = 500;
    out.progress('GZ_UAT', 'uploading 20%');
    clock.t = 2500;
    out.progress('GZ_UAT', 'uploading 90%');
    clock.t = 2600;
    out.progress('GZ_UAT', 'uploaded', { done: true });
    expect(stderr.text()).toBe('GZ_UAT: uploading 10%\nGZ_UAT: uploading 90%\nGZ_UAT: uploaded\n');
  });

  it('on a terminal prints finished lines once and keeps the live block short', () => {
    const { out, stderr } = output({ interactive: true });
    for (let i = 0; i < 40; i++) out.progress(`job${i}`, 'starting');
    out.progress('job0', 'running', { done: true });
    out.endProgress();
    const raw = stderr.text();
    expect(visible(raw).match(/job0: running/g)).toHaveLength(1);
    // The last frame (after the last cursor-up) shows 15 live lines and a count of the rest.
    const lastFrame = visible(raw.slice(raw.lastIndexOf('\x1b[16A')));
    expect(lastFrame).toContain('… and 24 more in progress');
    expect(lastFrame.match(/: starting/g)).toHaveLength(15);
  });
});

describe('Output.data', () => {
  it('prints asked-for data even with -q, and nothing but the document with --json', () => {
    const quiet = output({ quiet: true });
    quiet.out.line('chatter');
    quiet.out.data('{"a":1}');
    expect(quiet.stdout.text()).toBe('{"a":1}\n');
    const json = output({ json: true });
    json.out.data('{"a":1}');
    expect(json.stdout.text()).toBe('');
  });
});
