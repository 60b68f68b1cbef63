/**
 * Terminal or CI is decided here and nowhere else: spinners, colour and live progress lines only
 * make sense for a person watching a TTY; CI logs want plain, append-only lines.
 */
export interface TerminalFacts {
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export function isInteractive({ isTTY, env }: TerminalFacts): boolean {
  if (!isTTY) return false;
  if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0') return false;
  if (env.TERM === 'dumb') return false;
  return true;
}

/** Colour follows the informal NO_COLOR standard (any non-empty value disables it) and --no-color. */
export function wantsColor(facts: TerminalFacts, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (facts.env.NO_COLOR !== undefined && facts.env.NO_COLOR !== '') return false;
  if (facts.env.FORCE_COLOR !== undefined && facts.env.FORCE_COLOR !== '0') return true;
  return facts.isTTY;
}
