import { readFileSync } from 'node:fs';
import { composeSupergraph } from './compose';
import { SUPERGRAPH_PATH } from './gateway';

describe('supergraph composition', () => {
  it('composes without errors and matches the committed gateway/supergraph.graphql (run `npm run compose`)', async () => {
    const { supergraphSdl, errors } = await composeSupergraph();
    expect(errors).toEqual([]);
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(supergraphSdl);
  });
});
