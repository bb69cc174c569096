/**
 * A taak in Mijn taken: something the organisation asks a person or company to do (the TaakV2
 * object type of the Objecten API): visit a page (url), fill in a form in the portal
 * (portaalformulier) or pay (ogonebetaling).
 */
import { z } from 'zod';

export type TaakStatus = 'open' | 'afgerond' | 'verwerkt' | 'gesloten';

interface TaakBase {
  uuid: string;
  titel: string;
  status: TaakStatus;
  verloopdatum?: Date;
  /** The zaak it belongs to (koppeling with registratie "zaak"), by UUID. */
  zaakUuid?: string;
}

export type Taak =
  | (TaakBase & { soort: 'url'; url: string })
  | (TaakBase & { soort: 'portaalformulier'; formulierUrl?: string; prefill: Record<string, unknown>; verzonden?: Record<string, unknown> })
  | (TaakBase & { soort: 'ogonebetaling'; bedrag: number; betaalkenmerk: string; pspid: string });

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
  baseSchema.extend({ soort: z.literal('ogonebetaling'), ogonebetaling: z.object({ bedrag: z.number().min(0), betaalkenmerk: z.string(), pspid: z.string() }) }),
]);

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

export const isOpen = (taak: Taak) => taak.status === 'open';

export function isOverdue(taak: Taak, now: Date): boolean {
  return isOpen(taak) && taak.verloopdatum !== undefined && taak.verloopdatum.getTime() < now.getTime();
}

/** Soonest verloopdatum first; taken without one last. */
export function byVerloopdatum(a: Taak, b: Taak): number {
  return (a.verloopdatum?.getTime() ?? Number.POSITIVE_INFINITY) - (b.verloopdatum?.getTime() ?? Number.POSITIVE_INFINITY);
}

/** A web address a person may be sent to: http(s) only, never javascript: or data:. */
export function safeExternalUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
