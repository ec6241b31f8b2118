import { withDistinctRepresentations } from './entity-dedupe';

describe('each distinct entity representation once per subgraph fetch', () => {
  async function fetchWith(representations: unknown[]) {
    const sent: unknown[][] = [];
    const answer = await withDistinctRepresentations({ request: { variables: { representations } } }, async (options) => {
      const asked = options.request.variables!.representations as { __typename: string; id: string; market?: string }[];
      sent.push(asked);
      return {
        data: { _entities: asked.map((rep) => (rep.id === 'bad' ? null : { name: `${rep.__typename}:${rep.id}${rep.market ? `@${rep.market}` : ''}` })) },
        errors: asked.flatMap((rep, i) => (rep.id === 'bad' ? [{ message: 'not found', path: ['_entities', i] }] : [])),
      };
    });
    return { sent, answer };
  }

  it('sends a repeated { __typename, id } once, in either key order, and fans the answer back out', async () => {
    const { sent, answer } = await fetchWith([
      { __typename: 'Offer', id: 'a' },
      { id: 'a', __typename: 'Offer' },
      { __typename: 'Offer', id: 'b' },
      { __typename: 'Offer', id: 'a' },
    ]);
    expect(sent).toEqual([[{ __typename: 'Offer', id: 'a' }, { __typename: 'Offer', id: 'b' }]]);
    expect(answer.data._entities).toEqual([{ name: 'Offer:a' }, { name: 'Offer:a' }, { name: 'Offer:b' }, { name: 'Offer:a' }]);
  });

  it('tells apart representations with other fields, and the same id of another type', async () => {
    const { sent, answer } = await fetchWith([
      { __typename: 'Price', id: 'a', market: 'DE' },
      { __typename: 'Price', id: 'a', market: 'FR' },
      { __typename: 'Price', id: 'a', market: 'DE' },
      { __typename: 'Offer', id: 'a' },
      { __typename: 'Price', id: 'a' },
    ]);
    expect(sent[0]).toHaveLength(4);
    expect(answer.data._entities.map((entity) => entity?.name)).toEqual(['Price:a@DE', 'Price:a@FR', 'Price:a@DE', 'Offer:a', 'Price:a']);
  });

  it('repeats an error at every position that asked for the entity', async () => {
    const { answer } = await fetchWith([{ __typename: 'Offer', id: 'bad' }, { __typename: 'Offer', id: 'b' }, { __typename: 'Offer', id: 'bad' }]);
    expect(answer.data._entities).toEqual([null, { name: 'Offer:b' }, null]);
    expect(answer.errors.map((error) => error.path)).toEqual([['_entities', 0], ['_entities', 2]]);
  });

  it('leaves a fetch without repeats as it is', async () => {
    const { sent } = await fetchWith([{ __typename: 'Offer', id: 'a' }, { __typename: 'Offer', id: 'b' }]);
    expect(sent).toEqual([[{ __typename: 'Offer', id: 'a' }, { __typename: 'Offer', id: 'b' }]]);
  });
});
