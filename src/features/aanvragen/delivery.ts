/**
 * Delivering a sent aanvraag to the back office, as a job on the job queue (queue
 * `aanvraag.deliver`, one job per aanvraag): the aanvraag is already stored and the person has
 * their confirmation, so a back office that is down only delays this, and the queue tries again
 * (with backoff) until it works.
 *
 * Routes (per producttype, `route` in its parameters):
 * - `objecten`: as Open Formulieren registers a productaanvraag: first the attachments and the PDF
 *   of the answers as documents in the Documenten API (of the one zaaksysteem), then a
 *   `productaanvraag` object in the Objecten API (OBJECTTYPE_PRODUCTAANVRAAG) with submission_id,
 *   type, data, bsn or kvk, the documents' URLs in `attachments` and the PDF's in `pdf_url`, which
 *   the back office's routing picks up;
 * - `zaken`: a zaak in the Zaken API of the zaaksysteem, with the person as initiator and the
 *   attachments and the PDF of the answers as its documents (ZaakStarter).
 * Exactly once: one submission id gives one object or one zaak, and each file one document, also
 * after a crash between steps. Each step looks for what an earlier attempt made before it creates
 * anything (the object by its submission_id, the zaak by its identificatie, the rol, a document by
 * its identificatie), and what it made is written to the aanvraag before the next step.
 * Then the person is told (topic `aanvraag`, through the channels they chose): once, whichever
 * attempt gets there, as a change stored once per key.
 */
import { createHash } from 'node:crypto';
import { deliveredChangeKey, type Producttype, type ProducttypeCatalogue, type ZaakStarter, zaakChangeKey } from '../../domain/aanvraag.ts';
import { isSourceFailure, SourceRejectedError } from '../../domain/availability.ts';
import type { Log } from '../../domain/log.ts';
import type { JobHandler, JobOutcome } from '../../platform/queue/worker.ts';
import type { ObjectenClient } from '../../sources/objecten/objecten.ts';
import type { AanvraagStore, ToDeliver } from '../../sources/voordeur/aanvragen.ts';
import type { Change } from '../../sources/voordeur/notification-messages.ts';

export interface DeliveryDeps {
  store: AanvraagStore;
  /** The portal's name (THEME_PORTAL_NAME), in what the back office reads of where an aanvraag came from. */
  portalName: string;
  catalogue: ProducttypeCatalogue;
  /** The Objecten API and the productaanvraag object type, when configured. */
  objecten?: { client: ObjectenClient; productaanvraag: string };
  /** The zaaksysteem that starts zaken and keeps the documents of aanvragen, when there is one. */
  zaken?: ZaakStarter;
  /** Records changes for the notification pipeline (the person is told their aanvraag was delivered). */
  tell?: (changes: Change[]) => Promise<void>;
  log: Pick<Log, 'warn' | 'info'>;
}

/** The data of the productaanvraag object of an aanvraag (specs/objecttypes/productaanvraag.json, with NL Portal's bsn/kvk). */
export function productaanvraagData(aanvraag: ToDeliver, type: string, documents: { attachments: string[]; pdfUrl?: string }): Record<string, unknown> {
  const { subject } = aanvraag;
  return {
    submission_id: aanvraag.id,
    type,
    data: aanvraag.answers.data,
    ...(subject.type === 'persoon'
      ? { bsn: subject.bsn }
      : { kvk: subject.kvkNummer, ...(subject.vestigingsnummer ? { vestigingsnummer: subject.vestigingsnummer } : {}) }),
    kenmerk: aanvraag.kenmerk,
    ontvangen: aanvraag.ontvangenAt.toISOString(),
    attachments: documents.attachments,
    ...(documents.pdfUrl ? { pdf_url: documents.pdfUrl } : {}),
  };
}

/**
 * The identificatie of an attachment's document (at most 40 characters in the Documenten API):
 * kenmerk, field and number; a field key too long for that is shortened to a hash of it, so that
 * two fields never share one (a retry would take one's document for the other's).
 */
export function attachmentIdentificatie(kenmerk: string, veld: string, volgnummer: number): string {
  const plain = `${kenmerk}-${veld}-${volgnummer}`;
  return plain.length <= 40 ? plain : `${kenmerk}-${createHash('sha256').update(veld).digest('hex').slice(0, 12)}-${volgnummer}`;
}

export function deliveryHandler(deps: DeliveryDeps): JobHandler {
  const { store } = deps;

  async function producttypeOf(id: string): Promise<Producttype | undefined> {
    return (await deps.catalogue.list(deps.log)).find((producttype) => producttype.id === id);
  }

  /**
   * The attachments and then the PDF of the answers as documents (of the zaak, when there is one),
   * each made once; their URLs. Refused (not retried) when there are attachments and no
   * informatieobjecttype to keep them by.
   */
  async function documents(zaken: ZaakStarter, aanvraag: ToDeliver, zaakUrl: string | undefined): Promise<{ attachments: string[]; pdfUrl?: string }> {
    if (!zaken.keepsDocuments) {
      // The PDF can be left out (the person has it with their confirmation); attachments cannot.
      if (aanvraag.files.length > 0) throw new SourceRejectedError('zgw-documenten', 400, 'attachments, but no informatieobjecttype to keep them by');
      return { attachments: [] };
    }
    const attachments: string[] = [];
    for (const file of aanvraag.files) {
      const url =
        file.documentUrl ??
        (await zaken.document(zaakUrl, {
          identificatie: attachmentIdentificatie(aanvraag.kenmerk, file.veld, file.volgnummer),
          soort: 'bijlage',
          titel: file.name.slice(0, 200),
          bestandsnaam: file.name,
          formaat: file.formaat,
          inhoud: file.content,
        }));
      if (!file.documentUrl) await store.createdDocument(aanvraag.id, file.veld, file.volgnummer, url);
      attachments.push(url);
    }
    if (aanvraag.pdfUrl) return { attachments, pdfUrl: aanvraag.pdfUrl };
    const pdf = await store.answersPdf(aanvraag);
    if (!pdf) return { attachments };
    const pdfUrl = await zaken.document(zaakUrl, {
      identificatie: `${aanvraag.kenmerk}-antwoorden`,
      soort: 'antwoorden',
      titel: pdf.bestandsnaam.replace(/\.pdf$/, '').slice(0, 200),
      bestandsnaam: pdf.bestandsnaam,
      formaat: 'application/pdf',
      inhoud: pdf.content,
    });
    await store.created(aanvraag.id, 'pdf_url', pdfUrl);
    return { attachments, pdfUrl };
  }

  async function deliver(id: string): Promise<JobOutcome> {
    const aanvraag = await store.toDeliver(id);
    // Gone (deleted by the person before it was sent, which cannot happen) or delivered before: nothing to do.
    if (!aanvraag || aanvraag.afgeleverd) return { ok: true };
    const producttype = await producttypeOf(aanvraag.producttype);
    if (aanvraag.route === 'zaken') {
      const zaaktype = producttype?.zaaktypen[0];
      if (!deps.zaken || !zaaktype) return { ok: false, permanent: true, error: 'route zaken: no zaaksysteem or no zaaktype for this producttype' };
      const zaakUrl =
        aanvraag.zaakUrl ??
        (await deps.zaken.zaak({
          zaaktype,
          identificatie: aanvraag.kenmerk,
          omschrijving: aanvraag.titel.slice(0, 80),
          toelichting: `Aanvraag ${aanvraag.kenmerk}, ontvangen via ${deps.portalName}`,
        }));
      if (!aanvraag.zaakUrl) await store.created(id, 'zaak_url', zaakUrl);
      if (!aanvraag.rolUrl) await store.created(id, 'rol_url', await deps.zaken.initiator(zaakUrl, zaaktype, aanvraag.subject));
      await documents(deps.zaken, aanvraag, zaakUrl);
    } else {
      if (!deps.objecten) return { ok: false, permanent: true, error: 'route objecten: OBJECTTYPE_PRODUCTAANVRAAG is not configured' };
      const { client, productaanvraag } = deps.objecten;
      if (!aanvraag.objectUrl) {
        // Made by an attempt that stopped before it could write it down: found by its submission_id.
        const earlier = await client.listMatching(productaanvraag, [['submission_id', 'exact', aanvraag.id]], (data) => data.submission_id === aanvraag.id);
        let url = earlier.objects.length > 0 ? client.objectUrl(earlier.objects[0]!.uuid) : undefined;
        if (!url) {
          // Without a Documenten API the object goes without the PDF; attachments cannot go without one.
          if (!deps.zaken && aanvraag.files.length > 0)
            return { ok: false, permanent: true, error: 'route objecten: attachments, but no zaaksysteem whose Documenten API keeps them' };
          const made = deps.zaken ? await documents(deps.zaken, aanvraag, undefined) : { attachments: [] };
          url = await client.createObject(productaanvraag, productaanvraagData(aanvraag, producttype?.code ?? aanvraag.producttype, made));
        }
        await store.created(id, 'object_url', url);
      }
    }
    // Told before it is written down as delivered: an attempt after a crash in between tells again, which is stored once.
    const key = aanvraag.route === 'zaken' ? zaakChangeKey(id) : deliveredChangeKey(id);
    if (deps.tell) await deps.tell([{ subject: aanvraag.subject, topic: 'aanvraag', key }]);
    await store.delivered(id);
    deps.log.info({ aanvraag: id, route: aanvraag.route }, 'aanvraag delivered');
    return { ok: true };
  }

  return async (jobs) => {
    const outcomes: JobOutcome[] = [];
    // One at a time: a back office that is down fails each quickly, and the queue tries again later.
    for (const job of jobs) {
      const id = (job.payload as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') {
        outcomes.push({ ok: false, permanent: true, error: 'job without an aanvraag id' });
        continue;
      }
      try {
        outcomes.push(await deliver(id));
      } catch (error) {
        if (!isSourceFailure(error)) throw error;
        deps.log.warn({ aanvraag: id, source: error.source }, 'aanvraag not delivered yet: the back office did not take it');
        // Refused (4xx): trying again will not help; beheer lists it as not delivered.
        outcomes.push({ ok: false, error: error.message, permanent: error instanceof SourceRejectedError });
      }
    }
    return outcomes;
  };
}
