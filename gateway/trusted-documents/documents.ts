import { createHash } from 'node:crypto';
import { Kind, parse, print, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

import type { TrustedOperation } from '../../shared/trusted-documents';

export function documentId(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The operation `operationName` of a parsed document (the only one when the name is null) with
 * exactly the fragments it reaches, printed by graphql-js: the same text whatever the spacing,
 * comments or neighbouring operations of the source. Undefined when there is no such operation.
 */
export function operationBody(document: DocumentNode, operationName?: string | null): string | undefined {
  const operations = document.definitions.filter((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((node) => node.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return undefined;
  const fragments = new Map(document.definitions.filter((node): node is FragmentDefinitionNode => node.kind === Kind.FRAGMENT_DEFINITION).map((node) => [node.name.value, node]));
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  const sorted = [...used.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
  return print({ kind: Kind.DOCUMENT, definitions: [operation, ...sorted] });
}

/** Every operation of a source text, each as its own trusted document. */
export function operationsOf(source: string): TrustedOperation[] {
  const document = parse(source);
  return document.definitions
    .filter((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      // An anonymous operation stands alone in its source (GraphQL allows no other beside it).
      const body = operationBody({ ...document, definitions: document.definitions.filter((node) => node === operation || node.kind === Kind.FRAGMENT_DEFINITION) }, operation.name?.value ?? null)!;
      return { id: documentId(body), name: operation.name?.value ?? null, type: operation.operation, body };
    });
}

/**
 * The executable GraphQL of a Markdown file: each ```graphql block that holds operations. Blocks
 * that show schema types or a fragment of a selection are not documents and are skipped.
 */
export function markdownSources(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```graphql\n([\s\S]*?)^```/gm)].map((match) => match[1]);
  return blocks.flatMap((block) => {
    try {
      const document = parse(block);
      return document.definitions.every((node) => node.kind === Kind.OPERATION_DEFINITION || node.kind === Kind.FRAGMENT_DEFINITION) ? splitAnonymous(block, document) : [];
    } catch {
      return [];
    }
  });
}

/** A block may list several anonymous operations one after another (each its own example). */
function splitAnonymous(block: string, document: DocumentNode): string[] {
  const anonymous = document.definitions.filter((node) => node.kind === Kind.OPERATION_DEFINITION && !node.name);
  if (anonymous.length <= 1) return [block];
  return document.definitions.map((node) => block.slice(node.loc!.start, node.loc!.end));
}
