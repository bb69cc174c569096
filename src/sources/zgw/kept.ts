/**
 * A zaaksysteem whose answers about a person (their zaken, one zaak of theirs) are kept for a
 * few seconds (answers.ts): a zaak page then costs the Zaken, Catalogi and Documenten APIs
 * nothing when the person saw it a moment ago; so do a bericht's bijlagen. A document the person adds drops their kept
 * answers of this area; a notification on the zaken or documenten kanaal drops everyone's.
 */
import type { ZaaksysteemConfig } from '../../config.ts';
import type { Subject } from '../../domain/identity.ts';
import type { Log } from '../../domain/log.ts';
import type { AddDocumentOutcome, NewDocument, ZaakDetail, ZaakDocument, ZakenOfSubject } from '../../domain/zaak.ts';
import type { PersonalAnswers } from '../answers.ts';
import { ZaaksysteemClient, type ZaaksysteemOptions } from './zaaksysteem.ts';

export class KeptZaaksysteem extends ZaaksysteemClient {
  constructor(
    config: ZaaksysteemConfig,
    options: ZaaksysteemOptions,
    private readonly answers: PersonalAnswers,
  ) {
    super(config, options);
  }

  override zakenOf(subject: Subject, log?: Pick<Log, 'warn'>): Promise<ZakenOfSubject> {
    return this.answers.get('zaken', subject, `${this.naam} zaken`, () => super.zakenOf(subject, log));
  }

  /**
   * Renewed in the background (answers.ts) without `owned`: that starts the rest of the zaak page
   * (the person's taken and producten for it, read and written down in the processing log), which
   * for a page already answered would be reading the person's data for no one.
   */
  override zaakDetail(subject: Subject, uuid: string, owned?: () => void): Promise<ZaakDetail | null> {
    return this.answers.get('zaken', subject, `${this.naam} zaak ${uuid}`, () => super.zaakDetail(subject, uuid, owned), {
      renew: () => super.zaakDetail(subject, uuid),
    });
  }

  /** A bericht's bijlagen, kept with the person's zaken (a notification on the documenten kanaal drops them). */
  override documentsAt(urls: string[], subject?: Subject): Promise<ZaakDocument[]> {
    if (!subject) return super.documentsAt(urls);
    return this.answers.get('zaken', subject, `${this.naam} documenten\u0000${urls.join('\u0000')}`, () => super.documentsAt(urls));
  }

  override async addDocument(subject: Subject, zaakUuid: string, file: NewDocument): Promise<AddDocumentOutcome> {
    try {
      return await super.addDocument(subject, zaakUuid, file);
    } finally {
      this.answers.forget('zaken', subject);
    }
  }

  override async storeFormDocument(subject: Subject, zaakUuid: string, file: NewDocument, informatieobjecttype?: string): Promise<string | null> {
    try {
      return await super.storeFormDocument(subject, zaakUuid, file, informatieobjecttype);
    } finally {
      this.answers.forget('zaken', subject);
    }
  }
}
