/**
 * What tests turn on to see how the portal copes with an Objects API that is slow, down, talks
 * nonsense or never answers, and the request counter that shows how many round trips a page
 * costs. The same faults as the ZGW simulator's; they hold for the Objects API and the
 * Objecttypes endpoints alike (one server, as in objects-api 4).
 */
export { Faults, type Fault } from '../shared/faults.ts';
