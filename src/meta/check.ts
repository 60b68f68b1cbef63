import type { Problem } from './problem.js';
import { readMetaText, type Position } from './json-text.js';
import { fromPointer, isWithin, toPointer } from './pointer.js';
import { declaredPolicy, POLICY_POINTER } from './produce.js';
import { mergeReferencedFiles, referencedFiles } from './referenced-files.js';
import { renderMeta } from './render.js';
import { checkRules } from './rules.js';
import { checkShapes } from './shape.js';
import { checkTiers } from './tier-check.js';
import { textOf } from './top-level.js';
import type { MetaCheckInput, MetaCheckResult, MetaJson } from './types.js';
import { definedVariables, scanVariables } from './variables.js';

/**
 * Every check of meta.json, pure: syntax as the server parses it, the content rules, the tiers,
 * and, given a vars file and targets, the variables of each target. Rules that look at a value
 * holding a variable are judged on each target's rendered meta.json (and the problem names the
 * cluster); all others once, on the file as written.
 */
/** Rules about a key itself, not its value: a variable in the value changes nothing. */
const KEY_RULES = new Set(['META_UNKNOWN_KEY', 'META_IGNORED_KEY', 'META_CONTENT_UNKNOWN_KEY', 'META_CONFIG_GROUP_DROPPED', 'META_CONFIG_KEY_MISGROUPED']);

export function checkMeta(input: MetaCheckInput): MetaCheckResult {
  const file = input.file ?? 'meta.json';
  const text = readMetaText(input.text, file);
  const problems: Problem[] = [...text.problems];
  const result: MetaCheckResult = { problems, meta: text.meta, resolved: {}, policy: undefined, referencedFiles: [], variables: [] };
  const meta = text.meta;
  if (!meta) return result;

  const scan = scanVariables(meta);
  result.variables = [...new Set(scan.uses.map((u) => u.name))].sort();
  const withVariables = [...new Set(scan.uses.map((u) => u.pointer))];
  // A rule's finding depends on a variable when it is about a value that holds one, or about a
  // container around such a value (its size, its keys).
  const dependsOnVariables = (pointer: string | undefined) =>
    pointer !== undefined && pointer !== '' && withVariables.some((v) => isWithin(pointer, v) || isWithin(v, pointer));

  for (const bad of scan.malformed) {
    problems.push({ severity: 'error', code: 'META_VARIABLE_MALFORMED', file, pointer: bad.pointer, message: `${bad.pointer} holds "[@" that is not a variable reference: ${JSON.stringify(bad.text)}`, hint: 'Write variables as [@NAME] with NAME made of letters, digits, _ . and -.' });
  }
  for (const pointer of scan.keysWithReferences) {
    problems.push({ severity: 'warning', code: 'META_VARIABLE_IN_KEY', file, pointer, message: `the key ${JSON.stringify(fromPointer(pointer).at(-1))} looks like a variable, but keys are never substituted: the server receives it as written`, hint: 'Use a variable in the value, not in the key.' });
  }
  const judgedNow = (p: Problem) => KEY_RULES.has(p.code) || !dependsOnVariables(p.pointer);
  problems.push(...checkRules(meta, file).filter(judgedNow));
  const tiers = checkTiers(meta, input.tiers, file);
  problems.push(...tiers.problems);

  const resolve = input.vars !== undefined || input.resolveWithoutVars === true;
  const targets = resolve ? input.targets : [];
  if (!resolve && input.targets.length > 0 && result.variables.length > 0) {
    problems.push({ severity: 'warning', code: 'META_VARIABLES_UNCHECKED', file, message: `meta.json uses ${result.variables.length} variable(s) but no vars file was given, so they were not resolved for ${input.targets.map((t) => t.name).join(', ')}`, hint: 'Pass --vars <file> or set `vars` in the config.' });
  }
  for (const target of targets) {
    const rendered = renderMeta(meta, input.vars, target, { file, ...(input.varsFile === undefined ? {} : { varsFile: input.varsFile }), ...(input.tiers === undefined ? {} : { tiers: input.tiers }) });
    problems.push(...rendered.problems);
    if (!rendered.meta) continue;
    result.resolved[target.name] = rendered.meta;
    for (const problem of checkRules(rendered.meta, file)) {
      if (!judgedNow(problem)) problems.push({ ...problem, cluster: target.name });
    }
  }
  problems.push(...checkShapes(tiers.shapeChecked, result.resolved, file));

  if (input.vars !== undefined) {
    const job = { projectName: textOf(meta.projectName), jobName: textOf(meta.jobName) };
    problems.push(...unusedVariables(input.vars, new Set(result.variables), input.varsFile, job));
  }

  const resolvedMetas = Object.values(result.resolved);
  result.policy = policyOf(meta, resolvedMetas, dependsOnVariables(POLICY_POINTER));
  for (const key of ['projectName', 'jobName', 'jobType'] as const) {
    const value = textOf(meta[key]);
    if (value !== '' && !dependsOnVariables(`/${key}`)) result[key] = value;
  }
  result.referencedFiles = resolvedMetas.length > 0 ? mergeReferencedFiles(resolvedMetas.map(referencedFiles)) : referencedFiles(meta);
  locate(problems, file, text.positionOf);
  return result;
}

function policyOf(meta: MetaJson, resolved: MetaJson[], variable: boolean): MetaCheckResult['policy'] {
  if (!variable) return declaredPolicy(meta);
  const policies = new Set(resolved.map(declaredPolicy));
  return policies.size === 1 ? [...policies][0] : undefined;
}

/**
 * Variables named for a job the seeds' way (`IDC_STREAMISJOBCONF..<project>.<job>..c3`) belong
 * to that job. A vars file shared by many jobs holds the others' variables too: those are not
 * "unused" here, and warning about them would make every `--strict` run fail.
 */
const JOB_QUALIFIED = /\.\.([A-Za-z0-9_]+)\.([A-Za-z0-9_.]+?)\.\./;

export function belongsToAnotherJob(name: string, job: { projectName: string; jobName: string }): boolean {
  const match = JOB_QUALIFIED.exec(name);
  return match !== null && (match[1] !== job.projectName || match[2] !== job.jobName);
}

function unusedVariables(
  vars: NonNullable<MetaCheckInput['vars']>,
  used: Set<string>,
  varsFile: string | undefined,
  job: { projectName: string; jobName: string },
): Problem[] {
  const unused = new Map<string, string[]>();
  for (const { name, pointer } of definedVariables(vars)) {
    if (!used.has(name) && !belongsToAnotherJob(name, job)) unused.set(name, [...(unused.get(name) ?? []), pointer]);
  }
  return [...unused].map(([name, pointers]) => ({
    severity: 'warning' as const,
    code: 'META_VARIABLE_UNUSED',
    ...(varsFile === undefined ? {} : { file: varsFile }),
    pointer: pointers[0] as string,
    message: `variable ${name} is defined (${pointers.join(', ')}) but meta.json never uses it`,
    hint: `Remove it from the vars file, or reference it in meta.json as "[@${name}]".`,
  }));
}

/** Adds the line and column of the key a problem is about (or of its nearest present ancestor). */
function locate(problems: Problem[], file: string, positionOf: (pointer: string) => Position | undefined): void {
  for (const problem of problems) {
    if (problem.file !== file || problem.pointer === undefined || problem.line !== undefined) continue;
    const tokens = fromPointer(problem.pointer);
    for (let n = tokens.length; n >= 0; n--) {
      const position = positionOf(toPointer(tokens.slice(0, n)));
      if (position) {
        problem.line = position.line;
        problem.column = position.column;
        break;
      }
    }
  }
}
