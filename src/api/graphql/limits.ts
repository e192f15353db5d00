import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Weight of each root field: what one call costs the backends (a compare fans out metrics, traces
 * and logs to every env). graphql-armor's cost counts fields, so 30 aliased `compare` calls looked cheap.
 */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  compare: 1000,
  service: 300,
  newLogPatterns: 300,
  logPatterns: 200,
  operationStats: 200,
  signals: 100,
  queryRange: 100,
  traces: 100,
  query: 50,
  trace: 50,
  logs: 50,
  logVolume: 50,
  envs: 1,
};
const DEFAULT_WEIGHT = 10;

function rootWeight(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  let sum = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD)
      sum += sel.name.value.startsWith('__') ? 1 : (FIELD_WEIGHTS[sel.name.value] ?? DEFAULT_WEIGHT);
    else if (sel.kind === Kind.INLINE_FRAGMENT) sum += rootWeight(sel.selectionSet, fragments, seen);
    else if (!seen.has(sel.name.value)) {
      seen.add(sel.name.value); // a fragment spread twice is still counted once: no cycles
      const frag = fragments.get(sel.name.value);
      if (frag) sum += rootWeight(frag.selectionSet, fragments, seen);
    }
  }
  return sum;
}

/** Sum of root field weights of every operation in a document (aliases count each time). */
export function documentWeight(doc: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let max = 0;
  for (const d of doc.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION)
      max = Math.max(max, rootWeight(d.selectionSet, fragments, new Set()));
  return max;
}

function weightRule(maxWeight: number) {
  return (ctx: ValidationContext): ASTVisitor => ({
    Document: (doc) => {
      const weight = documentWeight(doc);
      if (weight > maxWeight)
        ctx.reportError(
          new GraphQLError(
            `query weight ${weight} exceeds the limit of ${maxWeight} (compare weighs ${FIELD_WEIGHTS.compare}, service ${FIELD_WEIGHTS.service}, queryRange ${FIELD_WEIGHTS.queryRange})`,
            { extensions: { code: 'BAD_INPUT', field: 'query' } },
          ),
        );
    },
  });
}

/** Rejects, at validation, an operation whose weighted root fields exceed `maxWeight`. */
export function fieldWeightPlugin(maxWeight: number): Plugin {
  return { onValidate: ({ addValidationRule }) => addValidationRule(weightRule(maxWeight)) };
}

/** The metrics label for an operation: its root field (a closed set from the schema), never the client's name. */
export function operationLabel(doc: DocumentNode | undefined): string {
  const op = doc?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) return 'unknown';
  const names = new Set(
    op.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : 'fragment')),
  );
  if (names.size !== 1) return names.size === 0 ? 'unknown' : 'multiple';
  const [only] = names;
  return only !== undefined && (only in FIELD_WEIGHTS || only.startsWith('__')) ? only : 'other';
}
