import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';

/**
 * Debian's chromium (installed by .ci/run), run headless on a local file. Never a downloaded
 * browser: nothing here can reach the internet, and without the background-networking flags
 * Chromium tries to reach Google and hangs on a closed network. A fresh profile per run.
 */
const CHROMIUM = '/usr/bin/chromium';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function chromium(args: string[]): Promise<string> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'stms-chromium-'));
  try {
    const run = await execa(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, ...args], { timeout: 60_000, stdin: 'ignore' });
    return String(run.stdout);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** Writes a screenshot of the page to `png`. */
export async function screenshot(htmlFile: string, png: string, size = '1280,2400'): Promise<void> {
  await chromium([`--screenshot=${png}`, `--window-size=${size}`, pathToFileURL(htmlFile).href]);
}

/** The page's DOM after Chromium parsed it. */
export async function dumpDom(htmlFile: string): Promise<string> {
  return await chromium(['--dump-dom', pathToFileURL(htmlFile).href]);
}
