/**
 * Back-office routing in the demo and the tests: a productaanvraag object that a portal creates in
 * the Objecten simulator becomes a zaak in the ZGW simulator (as Open Zaak's or a back office's
 * routing of NL Portal productaanvragen would), of the zaaktype its producttype names in the demo
 * catalogue (simulators/data/aanvragen-demo.ts), with the kenmerk as identificatie and the person or
 * company of the aanvraag as initiator, and the documents it names (attachments, pdf_url) linked to
 * the zaak. A productaanvraag whose producttype has no zaaktype (the
 * afvalpas) makes no zaak.
 */
import { demoProducttypen } from '../data/aanvragen-demo.ts';
import { demoUuid } from '../data/zgw-demo.ts';
import type { ObjectenSimulator } from '../objecten/index.ts';
import type { ZgwSimulator } from './index.ts';

export function routeProductaanvragen(objecten: ObjectenSimulator, zgw: ZgwSimulator): void {
  objecten.onNotification((notificatie) => {
    if (notificatie.actie !== 'create' || notificatie.kenmerken.object_type !== objecten.objecttypen.productaanvraag) return;
    const object = objecten.objects().find((candidate) => (candidate as { url?: string }).url === notificatie.resourceUrl) as
      | { record: { data: Record<string, unknown> } }
      | undefined;
    const data = object?.record.data;
    const producttype = demoProducttypen.find((candidate) => candidate.naam === data?.type);
    if (!data || !producttype?.zaaktype) return;
    const party =
      typeof data.bsn === 'string'
        ? { kind: 'persoon' as const, bsn: data.bsn, voornamen: '', geslachtsnaam: '' }
        : typeof data.kvk === 'string'
          ? { kind: 'bedrijf' as const, kvk: data.kvk, naam: '' }
          : undefined;
    if (!party) return;
    zgw.startZaak({
      zaaktype: demoUuid('c0', 0, producttype.zaaktype),
      identificatie: typeof data.kenmerk === 'string' ? data.kenmerk : String(data.submission_id),
      omschrijving: producttype.titel,
      toelichting: 'Aanvraag via Mijn Omgeving',
      party,
      // The files the productaanvraag names become the zaak's documents.
      documenten: [...(Array.isArray(data.attachments) ? data.attachments : []), ...(typeof data.pdf_url === 'string' ? [data.pdf_url] : [])].filter(
        (url): url is string => typeof url === 'string',
      ),
    });
  });
}
