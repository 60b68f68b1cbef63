import type { Problem } from './problem.js';
import { childPointer, fromPointer, isJsonObject } from './pointer.js';
import { explicitTier, type TierInfo } from './tiers.js';
import type { JsonValue, MetaJson, Tier } from './types.js';
import { containsReference, isWholeReference, variableNamesIn } from './variables.js';

/**
 * Literal-or-variable rules of the tiers, on the unresolved meta.json: level 1 holds no
 * variable, level 3 holds at least one (a literal is an error), level 2 may do either. A level-3
 * array or object is judged as a whole: `["--topic", "[@TOPIC]"]` is fine.
 */
export interface TierCheck {
  problems: Problem[];
  /** Level-2 values that are a whole variable: their resolved shapes must agree across targets. */
  shapeChecked: string[];
}

export function checkTiers(meta: MetaJson, tiers: Record<string, Tier> = {}, file = 'meta.json'): TierCheck {
  const problems: Problem[] = [];
  const shapeChecked: string[] = [];

  const visit = (value: JsonValue, pointer: string, keyPointer: string, inherited: TierInfo, level3Met: boolean): void => {
    const own = pointer === '' ? undefined : explicitTier(fromPointer(pointer), tiers);
    const tier = own ?? inherited;
    if (typeof value === 'string' && variableNamesIn(value).length > 0) {
      if (tier.level === 1) problems.push(level1Variable(file, pointer, keyPointer, tier, variableNamesIn(value)));
      if (tier.level === 2 && isWholeReference(value)) shapeChecked.push(pointer);
      return;
    }
    if (Array.isArray(value) || isJsonObject(value)) {
      let met = level3Met;
      if (tier.level === 3 && !met && own !== undefined) {
        if (!containsReference(value)) problems.push(level3Literal(file, pointer, value));
        met = true; // judged as a whole, not element by element
      }
      const entries: Array<[string | number, JsonValue]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
      for (const [token, item] of entries) {
        const itemPointer = childPointer(pointer, token);
        visit(item, itemPointer, typeof token === 'number' ? keyPointer : itemPointer, tier, met);
      }
      return;
    }
    if (tier.level === 3 && !level3Met) problems.push(level3Literal(file, pointer, value));
  };

  visit(meta, '', '', { level: 1, source: { kind: 'default' } }, false);
  return { problems, shapeChecked };
}

function level1Variable(file: string, pointer: string, keyPointer: string, tier: TierInfo, names: string[]): Problem {
  const vars = names.map((n) => `[@${n}]`).join(', ');
  const declare = `tiers: { "${keyPointer}": 2 }`;
  const why =
    tier.source.kind === 'config'
      ? `the config's tiers set ${tier.source.pattern} to level 1`
      : tier.source.kind === 'built-in'
        ? `it is level 1 in the built-in table`
        : 'keys not in the tier table are level 1';
  const hint =
    tier.source.kind === 'config'
      ? `Write the value literally, or change the entry ${tier.source.pattern} in the config's tiers.`
      : `Level-1 values must be the same on every cluster: write the value literally. If it truly differs per cluster, declare another level in the config: ${declare}.`;
  return {
    severity: 'error',
    code: 'META_TIER1_VARIABLE',
    message: `${pointer} uses ${vars} but ${why}: it must be a literal, the same on every cluster`,
    hint,
    file,
    pointer,
    level: 1,
  };
}

function level3Literal(file: string, pointer: string, value: JsonValue): Problem {
  const shown = JSON.stringify(value);
  return {
    severity: 'error',
    code: 'META_TIER3_LITERAL',
    message: `${pointer} is level 3 (differs per IDC) but holds the literal ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`,
    hint: `Replace the value with a variable such as "[@IDC_${lastToken(pointer).toUpperCase().replace(/[^A-Z0-9]+/g, '_')}]" and define it per idc in the vars file.`,
    file,
    pointer,
    level: 3,
  };
}

function lastToken(pointer: string): string {
  const tokens = fromPointer(pointer).filter((t) => !/^\d+$/.test(t));
  return tokens[tokens.length - 1] ?? 'VALUE';
}
