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
  if (answer === undefined) answers.set(name, (answer = fieldsUnder(info, info.fieldNodes, name).length > 0));
  return answer;
}

const selected = new WeakMap<readonly FieldNode[], Map<string, boolean>>();

function columnsOf<K extends string>(info: GraphQLResolveInfo, properties: ReadonlySet<string>, needs: Partial<Record<string, readonly K[]>>, always: readonly K[]): K[] | undefined {
  const connection = getNamedType(info.returnType);
  const edge = isObjectType(connection) ? getNamedType(connection.getFields().edges?.type) : undefined;
  const node = isObjectType(edge) ? getNamedType(edge.getFields().node?.type) : undefined;
  if (!isObjectType(node)) return undefined;
  const edges = fieldsUnder(info, info.fieldNodes, 'edges');
  return columnsFor(fieldsUnder(info, fieldsUnder(info, edges, 'node')), node, properties, needs, always);
}

/**
 * The properties a reference query needs of the objects of type `typeName` it resolves (the
 * fields under `... on <typeName>` of an `_entities` field), by the same rules as
 * {@link nodeColumns}: undefined, meaning every column, as soon as a selected field is neither
 * plain nor declared in `needs`.
 */
export function referenceColumns<K extends string>(info: GraphQLResolveInfo, typeName: string, properties: ReadonlySet<string>, needs: Partial<Record<string, readonly K[]>>, always: readonly K[]): K[] | undefined {
  // A reference query resolves each of its objects with the same field nodes.
  let byType = referenced.get(info.fieldNodes);
  if (!byType) referenced.set(info.fieldNodes, (byType = new Map()));
  if (byType.has(typeName)) return byType.get(typeName) as K[] | undefined;
  const type = info.schema.getType(typeName);
  const columns = isObjectType(type) ? columnsFor(fieldsOnType(info, typeName), type, properties, needs, always) : undefined;
  byType.set(typeName, columns);
  return columns;
}

const referenced = new WeakMap<readonly FieldNode[], Map<string, string[] | undefined>>();

function columnsFor<K extends string>(fields: readonly FieldNode[], type: GraphQLObjectType, properties: ReadonlySet<string>, needs: Partial<Record<string, readonly K[]>>, always: readonly K[]): K[] | undefined {
  const columns = new Set<K>(always);
  for (const field of fields) {
    const name = field.name.value;
    if (name === '__typename') continue;
    const declared = needs[name];
    if (declared) declared.forEach((column) => columns.add(column));
    else if (isPlain(type, name) && properties.has(name)) columns.add(name as K);
    else return undefined;
  }
  return [...columns].sort();
}

function isPlain(type: GraphQLObjectType, name: string): boolean {
  const field = type.getFields()[name];
  return field !== undefined && field.resolve === undefined;
}

/**
 * The fields selected on objects of type `typeName` under this field (an `_entities` field of a
 * reference query, say): those in fragments on that type, through fragments without a type
 * condition; `name` keeps only the fields so called.
 */
export function fieldsOnType(info: GraphQLResolveInfo, typeName: string, name?: (field: string) => boolean): FieldNode[] {
  return fieldsUnder(info, info.fieldNodes, name, typeName);
}

/**
 * The fields selected under the given field nodes, through inline and named fragments: all of
 * them, or those `name` keeps; with `typeName`, only those inside fragments on that type.
 */
function fieldsUnder(info: GraphQLResolveInfo, parents: readonly FieldNode[], name?: string | ((field: string) => boolean), typeName?: string): FieldNode[] {
  const found: FieldNode[] = [];
  const wanted = typeof name === 'function' ? name : (field: string) => name === undefined || field === name;
  const visit = (selectionSet: SelectionSetNode | undefined, onType: boolean) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (onType && wanted(selection.name.value)) found.push(selection);
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
      const condition = fragment?.typeCondition?.name.value;
      visit(fragment?.selectionSet, typeName === undefined || (condition === undefined ? onType : condition === typeName));
    }
  };
  for (const parent of parents) visit(parent.selectionSet, typeName === undefined);
  return found;
}
