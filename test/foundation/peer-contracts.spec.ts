import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, visit } from 'graphql';
import { projectRoot } from '../../shared/config';
import { generatedContracts, peerContracts, validationErrors } from '../../scripts/peer-contracts';

/**
 * Contracts between subgraphs (docs/platform.md): every operation a subgraph sends another one
 * is a document in `subgraphs/<consumer>/peers/<peer>.graphql`, valid against the peer's own
 * schema, with its values as variables, and typed by the committed `<peer>.generated.ts`.
 */
describe('contracts between subgraphs', () => {
  const contracts = peerContracts();
  const read = (path: string) => readFileSync(join(projectRoot(), path), 'utf8');

  it('every consuming subgraph has its peers', () => {
    expect(contracts.map((c) => `${c.consumer}→${c.peer}`)).toEqual([
      'customers→subscriptions',
      'catalog→customers',
      'catalog→subscriptions',
      'subscriptions→catalog',
      'subscriptions→customers',
      'subscriptions→transfers',
      'transfers→catalog',
      'transfers→customers',
      'transfers→subscriptions',
      'shared→catalog',
    ]);
  });

  it.each(contracts.map((c) => [c.documents, c] as const))('%s is valid against the peer subgraph’s schema (graphql validate)', async (_path, contract) => {
    expect((await validationErrors(contract)).map((error) => error.message)).toEqual([]);
  });

  it('documents carry no values: every string an operation sends is a variable', () => {
    for (const contract of contracts) {
      const literals: string[] = [];
      visit(parse(read(contract.documents)), {
        Argument(node) {
          if (node.value.kind === Kind.STRING) literals.push(`${contract.documents}: ${node.name.value}: "${node.value.value}"`);
        },
        ObjectField(node) {
          if (node.value.kind === Kind.STRING) literals.push(`${contract.documents}: ${node.name.value}: "${node.value.value}"`);
        },
      });
      expect(literals).toEqual([]);
    }
  });

  it('regenerating the typed documents changes nothing (run `npm run contracts` when this fails)', async () => {
    const generated = await generatedContracts();
    expect([...generated.keys()]).toEqual(contracts.map((c) => c.generated));
    for (const [path, content] of generated) expect(read(path)).toBe(content);
  }, 120_000);

  it('no subgraph sends another a hand-written query: only peer clients call the graph', () => {
    const offenders: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(join(projectRoot(), folder), { withFileTypes: true })) {
        const path = `${folder}/${entry.name}`;
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !path.includes('/peers/') && /\.request\(\s*'(customers|catalog|subscriptions|transfers)'/.test(read(path))) offenders.push(path);
      }
    };
    walk('subgraphs');
    walk('shared');
    expect(offenders).toEqual([]);
  });
});
