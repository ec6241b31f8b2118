import { buildSchema, parse, print } from 'graphql';
import { forGrafbase } from '../../scripts/bench-grafbase';

const LINK = 'schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@inaccessible"]) { query: Query }';

describe('the subgraph SDL handed to the Grafbase CLI (BENCH_GRAFBASE=1)', () => {
  it('marks an argument of an @inaccessible input type @inaccessible and writes a short description as a plain string', () => {
    const sdl = `${LINK}
directive @link(url: String, as: String, import: [String]) repeatable on SCHEMA
directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
"""BIL-3"""
enum Status { OPEN }
input Hidden @inaccessible { id: ID! }
type Query {
  """Six ch"""
  status: Status
  quote(
    """The lines"""
    lines: [Hidden!]!
    first: Int
  ): Int @inaccessible
}`;
    const out = forGrafbase(sdl);
    expect(out).toContain('"BIL-3"\nenum Status');
    expect(out).toContain('"""Six ch"""');
    expect(out).toMatch(/lines: \[Hidden!\]! @inaccessible\n/);
    expect(out).toMatch(/first: Int\n/);
    // The same schema otherwise: descriptions and every other definition unchanged.
    const schema = (text: string) => buildSchema(text, { assumeValidSDL: true });
    expect(schema(out).getType('Status')?.description).toBe('BIL-3');
    expect(print(parse(out)).replace(' @inaccessible\n    first', '\n    first')).toBe(print(parse(sdl)).replace('"""BIL-3"""', '"BIL-3"'));
  });

  it('leaves an SDL that needs neither as it is', () => {
    const sdl = `${LINK}\ntype Query {\n  """A longer description"""\n  status: Int\n}\n`;
    expect(forGrafbase(sdl)).toBe(sdl);
  });
});
