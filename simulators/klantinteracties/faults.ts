/**
 * What tests turn on to see how the portal copes with a Klantinteracties API that is slow, down,
 * talks nonsense or never answers, and the request counter that shows how many round trips a
 * page costs (N+1 queries show up here first). The same faults as the ZGW simulator's, for one API.
 */
export { Faults, type Fault } from '../shared/faults.ts';
