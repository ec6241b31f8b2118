import { getNamedType, isObjectType, Kind, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The properties a page of read models needs for this query (only the columns asked for):
 * `always`, every plain field selected on the connection's `edges.node` (a field without a
 * resolver of its own, read straight from the row under its name), and what `needs` declares
 * for fields that have one. Undefined, meaning every column, as soon as a selected field is
 * neither: a resolver whose columns are not declared reads the whole row.
 */
export function nodeColumns<K extends string>(info: GraphQLResolveInfo, properties: ReadonlySet<string>, needs: Partial<Record<string, readonly K[]>>, always: readonly K[]): K[] | undefined {
  // A nested list (50 customers' subscriptions) asks once per parent with the same field nodes.
  if (remembered.has(info.fieldNodes)) return remembered.get(info.fieldNodes) as K[] | undefined;
  const columns = columnsOf(info, properties, needs, always);
  remembered.set(info.fieldNodes, columns);
  return columns;
}

const remembered = new WeakMap<readonly FieldNode[], string[] | undefined>();

/**
 * Whether the query selects `name` on this field's value (through fragments): a connection's
 * `totalCount`, say, which costs a count only the queries that show it should pay.
 */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  let answers = selected.get(info.fieldNodes);
  if (!answers) selected.set(info.fieldNodes, (answers = new Map()));
  let answer = answers.get(name);
  if (answer === undefined) answers.set(name, (answer = fieldsNamed(info, info.fieldNodes, name).length > 0));
  return answer;
}

const selected = new WeakMap<readonly FieldNode[], Map<string, boolean>>();

function columnsOf<K extends string>(info: GraphQLResolveInfo, properties: ReadonlySet<string>, needs: Partial<Record<string, readonly K[]>>, always: readonly K[]): K[] | undefined {
  const connection = getNamedType(info.returnType);
  const edge = isObjectType(connection) ? getNamedType(connection.getFields().edges?.type) : undefined;
  const node = isObjectType(edge) ? getNamedType(edge.getFields().node?.type) : undefined;
  if (!isObjectType(node)) return undefined;
  const columns = new Set<K>(always);
  const edges = fieldsNamed(info, info.fieldNodes, 'edges');
  const nodes = fieldsNamed(info, edges, 'node');
  for (const field of fieldsNamed(info, nodes)) {
    const name = field.name.value;
    if (name === '__typename') continue;
    const declared = needs[name];
    if (declared) declared.forEach((column) => columns.add(column));
    else if (isPlain(node, name) && properties.has(name)) columns.add(name as K);
    else return undefined;
  }
  return [...columns].sort();
}

function isPlain(type: GraphQLObjectType, name: string): boolean {
  const field = type.getFields()[name];
  return field !== undefined && field.resolve === undefined;
}

/** The fields selected under the given field nodes (through fragments), or only those called `name`. */
function fieldsNamed(info: GraphQLResolveInfo, parents: readonly FieldNode[], name?: string): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (name === undefined || selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const parent of parents) visit(parent.selectionSet);
  return found;
}
