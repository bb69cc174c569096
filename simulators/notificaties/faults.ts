/**
 * What tests turn on to see how the portal copes with a Notificaties API that is slow, down,
 * talks nonsense or never answers, and the request counter. The same faults as the ZGW
 * simulator's. They are about the API's answers; deliveries to abonnementen go on regardless.
 */
export { Faults, type Fault as NotificatiesFault } from '../shared/faults.ts';
