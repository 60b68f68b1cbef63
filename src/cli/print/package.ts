import type { Output } from '../output.js';
import type { Problem } from '../../meta/problem.js';
import { problemBlock, problemLine } from '../../package/problem-text.js';

/**
 * Prints problems through the one logger. For `validate` they are the result (stdout); for
 * `pack` and `render` they are diagnostics beside another result (stderr). With -q only the
 * one-line form of each is printed, on stderr.
 */
export function printProblems(out: Output, problems: readonly Problem[], where: 'result' | 'diagnostic'): void {
  for (const problem of problems) {
    const say = problem.severity === 'error' ? out.error.bind(out) : out.warn.bind(out);
    if (out.quiet) {
      say(problemLine(problem));
      continue;
    }
    const [first = '', ...rest] = problemBlock(problem);
    if (where === 'diagnostic') {
      say(first.slice(problem.severity.length + 1));
      for (const line of rest) out.info(line);
      continue;
    }
    const colour = problem.severity === 'error' ? out.c.red : out.c.yellow;
    out.line(colour(problem.severity) + first.slice(problem.severity.length));
    for (const line of rest) out.line(out.c.dim(line));
    out.line();
  }
}
