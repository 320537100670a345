/**
 * The dependency graph CloudFormation builds from a template: resource A depends on B when A's
 * properties (or its update/creation policies, or its metadata-free attributes) `Ref` B, `Fn::GetAtt` B,
 * name B in a `Fn::Sub` string, or when A lists B in `DependsOn`. CloudFormation rejects a template whose
 * graph has a cycle; `cdk synth` and cdk-nag do not look.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface TemplateJson {
  readonly Resources?: Record<string, { readonly DependsOn?: string | string[] } & Record<string, unknown>>;
}

/** The parts of a resource CloudFormation resolves references in. */
const REFERENCING_PARTS = ['Properties', 'UpdatePolicy', 'CreationPolicy', 'Condition'] as const;

/** Names after `${` in a `Fn::Sub` string, up to the first `.` (attribute) — `${!Literal}` is escaped. */
function subReferences(text: string): string[] {
  return [...text.matchAll(/\$\{(?!!)([^}.]+)(?:\.[^}]*)?\}/g)].map((match) => match[1] as string);
}

function collectReferences(node: Json | unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectReferences(item, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'Ref' && typeof value === 'string') into.add(value);
    else if (key === 'Fn::GetAtt') {
      const target = Array.isArray(value)
        ? value[0]
        : typeof value === 'string'
          ? value.split('.')[0]
          : undefined;
      if (typeof target === 'string') into.add(target);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(value) ? value[0] : value;
      const variables = Array.isArray(value) && value[1] && typeof value[1] === 'object' ? value[1] : {};
      if (typeof text === 'string') {
        for (const name of subReferences(text)) if (!(name in variables)) into.add(name);
      }
    }
    collectReferences(value, into);
  }
}

/** For each resource, the other resources it depends on (parameters and pseudo parameters left out). */
export function dependencyGraph(template: TemplateJson): Map<string, Set<string>> {
  const resources = template.Resources ?? {};
  const graph = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const references = new Set<string>();
    for (const part of REFERENCING_PARTS) collectReferences(resource[part], references);
    const dependsOn = resource.DependsOn;
    for (const name of typeof dependsOn === 'string' ? [dependsOn] : (dependsOn ?? [])) references.add(name);
    graph.set(id, new Set([...references].filter((name) => name in resources && name !== id)));
  }
  return graph;
}

/**
 * One dependency cycle of the template, as the resource ids around it (the first repeated at the end),
 * or `undefined` when the graph is acyclic. Depth-first search with three colours; iterative, so a
 * long chain cannot overflow the stack.
 */
export function findDependencyCycle(template: TemplateJson): string[] | undefined {
  const graph = dependencyGraph(template);
  const state = new Map<string, 'open' | 'done'>();
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [start];
    const pending: Iterator<string>[] = [(graph.get(start) ?? new Set()).values()];
    state.set(start, 'open');
    while (pending.length > 0) {
      const next = (pending.at(-1) as Iterator<string>).next();
      if (next.done) {
        state.set(path.pop() as string, 'done');
        pending.pop();
        continue;
      }
      const target = next.value;
      if (state.get(target) === 'open') return [...path.slice(path.indexOf(target)), target];
      if (state.has(target)) continue;
      state.set(target, 'open');
      path.push(target);
      pending.push((graph.get(target) ?? new Set()).values());
    }
  }
  return undefined;
}
