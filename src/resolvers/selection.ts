import { isAbstractType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { IP_SECURITY_PROFILE } from '../mapping/model.js';

// `$select` pushdown: the Graph properties an operation reads, from the selection set under the field
// being resolved. Graph's property names are the GraphQL field names of IpSecurityProfile. Fields under
// @skip/@include are counted as selected: asking Graph for one property too many is harmless, one too
// few would null a field the client wanted.

const PROFILE_TYPE = 'IpSecurityProfile';
const PROPERTIES = new Set(Object.keys(IP_SECURITY_PROFILE.fields));

/**
 * The Graph properties selected on IpSecurityProfile at `through` below the current field (for a
 * connection, `['nodes']`), in a stable order. `id` is added by the Graph client.
 */
export function selectedProperties(info: GraphQLResolveInfo, through: readonly string[] = []): readonly string[] {
  // A field node belongs to one parsed document, which both Apollo's document store and the compiled
  // path's plans reuse across requests: its answer never changes (directives are not consulted).
  const node = info.fieldNodes.length === 1 ? info.fieldNodes[0]! : undefined;
  const key = through.join('.');
  let cached = node && SELECTED.get(node);
  const known = cached?.get(key);
  if (known) return known;
  const properties = Object.freeze(analyse(info, through));
  if (node) {
    cached ??= new Map();
    cached.set(key, properties);
    SELECTED.set(node, cached);
  }
  return properties;
}

const SELECTED = new WeakMap<FieldNode, Map<string, readonly string[]>>();

function analyse(info: GraphQLResolveInfo, through: readonly string[]): string[] {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const fieldName of through) {
    sets = sets.flatMap((set) => fieldsOf(info, set).filter((f) => f.name === fieldName).flatMap((f) => (f.selectionSet ? [f.selectionSet] : [])));
  }
  const names = new Set(sets.flatMap((set) => fieldsOf(info, set, PROFILE_TYPE).map((f) => f.name)));
  return [...PROPERTIES].filter((p) => names.has(p));
}

interface SelectedField {
  readonly name: string;
  readonly selectionSet: SelectionSetNode | undefined;
}

/** The fields of a selection set, through fragments whose type condition can apply to `typeName`. */
function fieldsOf(info: GraphQLResolveInfo, set: SelectionSetNode, typeName?: string, seen = new Set<string>()): SelectedField[] {
  const out: SelectedField[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      out.push({ name: selection.name.value, selectionSet: selection.selectionSet });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(info, selection.typeCondition?.name.value, typeName)) out.push(...fieldsOf(info, selection.selectionSet, typeName, seen));
    } else {
      const name = selection.name.value;
      const fragment = info.fragments[name];
      if (!fragment || seen.has(name)) continue;
      seen.add(name);
      if (applies(info, fragment.typeCondition.name.value, typeName)) out.push(...fieldsOf(info, fragment.selectionSet, typeName, seen));
    }
  }
  return out;
}

function applies(info: GraphQLResolveInfo, condition: string | undefined, typeName: string | undefined): boolean {
  if (condition === undefined || typeName === undefined || condition === typeName) return true;
  const type = info.schema.getType(condition);
  return type !== undefined && type !== null && isAbstractType(type);
}

/** Whether the field being resolved is the operation's one and only root selection (no fragments, no siblings). */
export function aloneAtRoot(info: GraphQLResolveInfo): boolean {
  const root = info.operation.selectionSet.selections;
  return info.path.prev === undefined && root.length === 1 && root[0] === info.fieldNodes[0];
}
