import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { ENTITY_CACHE_HEADER, numberSetting } from '../../../shared/config';
import type { RequestContext } from '../../../shared/context';
import { cacheableEntityFetch, cacheableRootFetch } from './cacheable.policy';

/**
 * How long the gateway may keep a cacheable entity answer (CATALOG_ENTITY_CACHE_MAX_AGE_SECONDS,
 * default 300): a bound besides the change feed, which empties the cache on every import.
 */
export function entityCacheMaxAgeSeconds(env: NodeJS.ProcessEnv = process.env): number {
  return numberSetting(env.CATALOG_ENTITY_CACHE_MAX_AGE_SECONDS, 300, { whole: true, zero: true });
}

type Verdict = (variables: Record<string, unknown> | undefined) => boolean;
const ALWAYS: Verdict = () => true;
const NEVER: Verdict = () => false;

/**
 * Tells the gateway which answers it may cache (`x-entity-cache: max-age=<s>`): those of an
 * authenticated caller (anonymous ones get null offers), without errors, to an `_entities` fetch
 * that reads only Offer fields the same for every caller and every business time, kept per entity,
 * or to a root query of `offers`/`offer` reading only such fields, kept whole
 * (cacheable.policy.ts). The verdict is worked out once per parsed document; a root query's
 * filter given by a variable is checked on each request's variables.
 */
export function entityCachePlugin(maxAgeSeconds = entityCacheMaxAgeSeconds()): ApolloServerPlugin<RequestContext<unknown>> {
  const verdicts = new WeakMap<DocumentNode, Verdict>();
  const header = `max-age=${maxAgeSeconds}`;
  const listener: GraphQLRequestListener<RequestContext<unknown>> = {
    async willSendResponse({ contextValue, document, request, response }) {
      if (maxAgeSeconds <= 0 || !contextValue.identity || !document) return;
      if (response.body.kind !== 'single' || response.body.singleResult.errors?.length) return;
      let verdict = verdicts.get(document);
      if (verdict === undefined) verdicts.set(document, (verdict = cacheableEntityFetch(document) ? ALWAYS : (cacheableRootFetch(document) ?? NEVER)));
      if (verdict(request.variables)) response.http.headers.set(ENTITY_CACHE_HEADER, header);
    },
  };
  return { requestDidStart: async () => listener };
}
