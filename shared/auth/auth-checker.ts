import type { AuthChecker } from 'type-graphql';
import { isProduction } from '../config';
import { forbidden, unauthenticated } from '../errors';
import type { RequestContext } from '../context';
import { decide, ROLE_MATRIX, type Operation } from './role-matrix';

/**
 * The one authChecker of every subgraph (ACT-3). `@Authorized('<operation>')` names the
 * operation; its rule comes from {@link ROLE_MATRIX}. `@Authorized()` alone means "any
 * authenticated caller".
 */
export const authChecker: AuthChecker<RequestContext> = ({ context }, operations) => {
  if (!context.identity) throw unauthenticated();
  for (const operation of operations) {
    if (!(operation in ROLE_MATRIX)) throw new Error(`operation ${operation} is missing from the role matrix`);
    const decision = decide(operation as Operation, context.identity, isProduction());
    if (decision === 'UNAUTHENTICATED') throw unauthenticated();
    if (decision === 'FORBIDDEN') throw forbidden();
    // The unit of work names its audit rows after the operation the caller was authorized for.
    context.operation = operation;
  }
  return true;
};
