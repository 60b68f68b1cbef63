import { Chalk, type ChalkInstance } from 'chalk';
import { escapeControl } from '../util/control-chars.js';
import { MIN_REDACTABLE_LENGTH, Redactor } from '../util/redact.js';
import { writeIfOpen } from './closed-pipe.js';

/**
 * The one logger of stms: no `console.*` anywhere else. Decides where each kind of text goes:
 * - result lines (`line`, `table`) go to stdout for a person, and are dropped with `--json`;
 * - the `--json` document is the only thing written to stdout in JSON mode;
 * - info, warnings, errors, traces and progress go to stderr.
 * Every write is passed through the Redactor so a token can never be printed.
 */
export interface OutputOptions {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  color: boolean;
  interactive: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  redactor?: Redactor;
  /** Clock for throttling progress lines; injectable for tests. */
  now?: () => number;
}

export interface ProgressUpdate {
  /** Final state of this key: always printed, and kept on screen. */
  done?: boolean;
  /** A detail worth keeping (what a start restores from): printed once and kept, the key stays live. */
  lasting?: boolean;
}

/** How often a CI log gets a progress line for the same key (terminal redraws are cheaper). */
const PLAIN_PROGRESS_INTERVAL_MS = 2_000;
const LIVE_REDRAW_INTERVAL_MS = 100;
/** A batch of hundreds of jobs must not draw a block taller than the screen. */
const LIVE_LINES_SHOWN = 15;
/** When the stream does not say how wide the terminal is. */
const DEFAULT_COLUMNS = 80;

export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly interactive: boolean;
  readonly c: ChalkInstance;
  readonly redactor: Redactor;
  private readonly stdout: NodeJS.WritableStream;
  private readonly stderr: NodeJS.WritableStream;
  private readonly now: () => number;
  private documentWritten = false;
  private readonly live = new Map<string, string>();
  /** Finished lines not yet printed above the live block. */
  private finished: string[] = [];
  /** Screen rows of the block drawn last time: a line wider than the terminal wraps onto several. */
  private liveRowsOnScreen = 0;
  private lastRedraw = 0;
  private readonly lastPlain = new Map<string, { at: number; text: string }>();

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.quiet = options.quiet;
    this.verbose = options.verbose;
    this.interactive = options.interactive && !options.json;
    this.c = new Chalk({ level: options.color ? 1 : 0 });
    this.stdout = options.stdout;
    this.stderr = options.stderr;
    this.redactor =
      options.redactor ??
      new Redactor({
        onWeakSecret: (owner) =>
          this.warn(`the Token-Code of ${owner} has fewer than ${MIN_REDACTABLE_LENGTH} characters: too short to be kept out of every message reliably; use a longer token`),
      });
    this.now = options.now ?? Date.now;
  }

  addSecret(secret: string | undefined): void {
    this.redactor.add(secret);
  }

  /** A result line for a person (stdout). Silent with --json and -q. */
  line(text = ''): void {
    if (this.json || this.quiet) return;
    this.write(this.stdout, text);
  }

  /**
   * The data a command was asked for (a rendered meta.json, a JSON Schema), on stdout. Unlike
   * `line`, -q does not silence it: `stms -q render … > meta.json` must still write the file.
   */
  data(text: string): void {
    if (this.json) return;
    this.write(this.stdout, text);
  }

  /** Informational message about what is happening (stderr). Silent with -q. */
  info(text: string): void {
    if (this.quiet) return;
    this.write(this.stderr, text);
  }

  warn(text: string): void {
    this.write(this.stderr, `${this.c.yellow('warning:')} ${text}`);
  }

  error(text: string): void {
    this.write(this.stderr, `${this.c.red('error:')} ${text}`);
  }

  /** `-v` traces (HTTP requests and responses). */
  debug(text: string): void {
    if (!this.verbose) return;
    this.write(this.stderr, this.c.dim(text));
  }

  /**
   * Progress of one unit of long work (an upload to one cluster, one job start). On a terminal
   * the lines of the keys in progress are redrawn in place (at most LIVE_LINES_SHOWN of them) and
   * a finished key's final line is printed once above them; in CI each key gets a plain line at
   * most every two seconds, plus its final state.
   */
  progress(key: string, text: string, update: ProgressUpdate = {}): void {
    if (this.quiet) return;
    const full = escapeControl(`${key}: ${text}`);
    if (this.interactive) {
      if (update.lasting) {
        this.finished.push(full);
      } else if (update.done) {
        this.live.delete(key);
        this.finished.push(full);
      } else {
        this.live.set(key, full);
      }
      const now = this.now();
      if (update.done || update.lasting || now - this.lastRedraw >= LIVE_REDRAW_INTERVAL_MS) this.redrawLive(now);
      return;
    }
    // A lasting detail is printed as it comes, and does not hold back the key's next line.
    if (update.lasting) return this.write(this.stderr, full);
    const now = this.now();
    const last = this.lastPlain.get(key);
    if (last?.text === text) return;
    if (!update.done && last && now - last.at < PLAIN_PROGRESS_INTERVAL_MS) return;
    this.lastPlain.set(key, { at: now, text });
    this.write(this.stderr, full);
  }

  /** Leaves the live progress block on screen as it is and starts a fresh one. */
  endProgress(): void {
    if (this.interactive && (this.live.size > 0 || this.finished.length > 0)) this.redrawLive(this.now());
    this.live.clear();
    this.liveRowsOnScreen = 0;
    this.lastPlain.clear();
  }

  /**
   * Writes the one JSON document of a `--json` run. A second call is a bug. `compact` writes it on
   * one line, for a long-running command that announces itself before it ends (`stms sandbox`).
   */
  document(doc: unknown, options: { compact?: boolean } = {}): void {
    if (!this.json) return;
    if (this.documentWritten) throw new Error('the --json document was already written');
    this.documentWritten = true;
    // JSON.stringify escapes what a terminal would act on; its text must stay valid JSON.
    this.stdout.write(`${this.redactor.redact(options.compact ? JSON.stringify(doc) : JSON.stringify(doc, null, 2))}\n`);
  }

  get wroteDocument(): boolean {
    return this.documentWritten;
  }

  /** A plain-text table for people; columns are padded to the widest cell. */
  table(header: string[], rows: string[][]): void {
    if (this.json || this.quiet) return;
    const widths = header.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ''))));
    const fmt = (cells: string[]) =>
      cells
        .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell))))
        .join('  ')
        .trimEnd();
    this.write(this.stdout, this.c.bold(fmt(header)));
    for (const row of rows) this.write(this.stdout, fmt(row));
  }

  private redrawLive(now: number): void {
    this.lastRedraw = now;
    let text = '';
    // Move the cursor up over the block drawn last time; finished lines take its place for good,
    // then the block is drawn again below them and whatever is left of the old one is cleared.
    if (this.liveRowsOnScreen > 0) text += `\x1b[${this.liveRowsOnScreen}A`;
    for (const line of this.finished) text += `\x1b[2K${line}\n`;
    this.finished = [];
    const lines = [...this.live.values()];
    const shown = lines.slice(0, LIVE_LINES_SHOWN);
    if (lines.length > shown.length) shown.push(`… and ${lines.length - shown.length} more in progress`);
    for (const line of shown) text += `\x1b[2K${line}\n`;
    text += '\x1b[J';
    const columns = terminalColumns(this.stderr);
    this.liveRowsOnScreen = shown.reduce((rows, line) => rows + screenRows(this.redactor.redact(line), columns), 0);
    writeIfOpen(this.stderr, this.redactor.redact(text));
  }

  private write(stream: NodeJS.WritableStream, text: string): void {
    writeIfOpen(stream, `${this.redactor.redact(escapeControl(text))}\n`);
  }
}

let measureWidth: ((text: string) => number) | undefined;

/**
 * Loads what measures a line's width on screen. Only live progress on a terminal needs it, and its
 * Unicode tables take ~50 ms to load, a tenth of a short command's whole run: main loads it for an
 * interactive terminal only.
 */
export async function loadScreenWidth(): Promise<void> {
  measureWidth ??= (await import('string-width')).default;
}

/**
 * The screen rows a line takes on a terminal `columns` wide: wide (CJK) characters count two
 * columns, colour codes none, and a line longer than the terminal wraps. Before loadScreenWidth,
 * every character counts one column.
 */
export function screenRows(line: string, columns: number): number {
  const width = measureWidth ? measureWidth(line) : [...line.replace(ANSI_CODES, '')].length;
  return Math.max(1, Math.ceil(width / Math.max(1, columns)));
}

const ANSI_CODES = /\u001b\[[0-9;]*[A-Za-z]/g;

function terminalColumns(stream: NodeJS.WritableStream): number {
  const columns = (stream as { columns?: unknown }).columns;
  return typeof columns === 'number' && columns > 0 ? columns : DEFAULT_COLUMNS;
}

// Strips ANSI colour codes so padding is computed on what the eye sees.
const ANSI = /\x1b\[[0-9;]*m/g;
function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}
