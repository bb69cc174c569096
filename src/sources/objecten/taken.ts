/**
 * Taken as TaakV2 objects in the Objecten API: the TaakV2 data read into the domain's `Taak`
 * (an object that does not fit is left out and logged), and a taak finished by a new record
 * with status afgerond and, for a form, what was sent.
 */
import type { Listed } from '../../domain/availability.ts';
import { z } from 'zod';
import type { Subject } from '../../domain/identity.ts';
import type { Log } from '../../domain/log.ts';
import type { Completion, StoredTaak, Taak, TaakBase, TaakStore } from '../../domain/taak.ts';
import type { ObjectenClient } from './objecten.ts';

const dateTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected a date-time');

const baseSchema = z.object({
  titel: z.string(),
  status: z.enum(['open', 'afgerond', 'verwerkt', 'gesloten']),
  verloopdatum: dateTime.optional(),
  koppeling: z.object({ registratie: z.string(), value: z.string() }).optional(),
});

const taakSchema = z.discriminatedUnion('soort', [
  baseSchema.extend({ soort: z.literal('url'), url: z.object({ uri: z.string() }) }),
  baseSchema.extend({
    soort: z.literal('portaalformulier'),
    portaalformulier: z.object({
      formulier: z.object({ soort: z.string(), value: z.string() }),
      data: z.record(z.string(), z.unknown()).optional(),
      verzonden_data: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
  baseSchema.extend({
    soort: z.literal('ogonebetaling'),
    ogonebetaling: z.object({ bedrag: z.number().min(0), betaalkenmerk: z.string(), pspid: z.string() }),
  }),
]);

/** TaakV2 data as a `Taak`; null when it does not fit the type. */
export function toTaak(uuid: string, data: unknown): Taak | null {
  const parsed = taakSchema.safeParse(data);
  if (!parsed.success) return null;
  const d = parsed.data;
  const base: TaakBase = {
    uuid,
    titel: d.titel,
    status: d.status,
    verloopdatum: d.verloopdatum ? new Date(d.verloopdatum) : undefined,
    zaakUuid: d.koppeling?.registratie === 'zaak' ? d.koppeling.value : undefined,
  };
  switch (d.soort) {
    case 'url':
      return { ...base, soort: 'url', url: d.url.uri };
    case 'portaalformulier':
      return {
        ...base,
        soort: 'portaalformulier',
        formulierUrl: d.portaalformulier.formulier.soort === 'url' ? d.portaalformulier.formulier.value : undefined,
        prefill: d.portaalformulier.data ?? {},
        verzonden: d.portaalformulier.verzonden_data,
      };
    case 'ogonebetaling':
      return { ...base, soort: 'ogonebetaling', ...d.ogonebetaling };
  }
}

/** The changes to TaakV2 data that finish a taak: status afgerond, and for a form what was sent. */
function completionData(completion: Completion): Record<string, unknown> {
  return completion.how === 'formulier' ? { portaalformulier: { verzonden_data: completion.data }, status: 'afgerond' } : { status: 'afgerond' };
}

export class ObjectenTaakStore implements TaakStore {
  constructor(
    private readonly objecten: ObjectenClient,
    /** The URL of the TaakV2 object type. */
    private readonly type: string,
  ) {}

  list(subject: Subject, log: Pick<Log, 'warn'>): Promise<Listed<Taak>> {
    return this.objecten.listAs(this.type, subject, 'record__data__verloopdatum', toTaak, log, 'taak skipped: its data does not fit the TaakV2 type');
  }

  async get(subject: Subject, uuid: string): Promise<StoredTaak | null> {
    const found = await this.objecten.getAs(this.type, subject, uuid, toTaak);
    return found && { taak: found.value, complete: (completion) => this.objecten.patchData(found.object, completionData(completion)) };
  }

  async formDefinition(url: string): Promise<Record<string, unknown> | null> {
    const definition = (await this.objecten.dataAt(url))?.formDefinition;
    return definition && typeof definition === 'object' ? (definition as Record<string, unknown>) : null;
  }
}
