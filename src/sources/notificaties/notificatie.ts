/**
 * A notification of the Notificaties API ("Message" in its spec), as it arrives at Voordeur's
 * callback: validated field by field, and identified by the hash of its canonical form, so that
 * the same notification delivered twice (a retry of the Notificaties API) is stored once.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { fits } from '../fits.ts';
import type { components } from './generated/notificaties.ts';

const url = z.string().url().max(1000);

export const notificatieSchema = fits<components['schemas']['Message']>()(
  z.object({
    kanaal: z.string().min(1).max(50),
    hoofdObject: url,
    resource: z.string().min(1).max(100),
    resourceUrl: url,
    actie: z.string().min(1).max(100),
    aanmaakdatum: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date-time (ISO 8601)'),
    kenmerken: z.record(z.string(), z.string().min(1).max(1000)).optional(),
  }),
);

export type Notificatie = z.output<typeof notificatieSchema>;

/** The same notification, whatever the order of its keys or kenmerken, has the same hash. */
export function notificatieHash(n: Notificatie): string {
  const kenmerken = Object.entries(n.kenmerken ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const canonical = JSON.stringify([n.kanaal, n.hoofdObject, n.resource, n.resourceUrl, n.actie, new Date(n.aanmaakdatum).toISOString(), kenmerken]);
  return createHash('sha256').update(canonical).digest('base64url');
}
