/**
 * The simulator's memory: objects, each with its records (the versions of its data), kept as
 * objects-api keeps them. A change never edits a record: it adds one with the next index, and the
 * record before it gets `endAt` = the new record's `startAt`. `correctionFor` names the index of
 * an earlier record that the new one corrects; that record then shows it as `correctedBy`.
 *
 * Which record is "actual": on a date D (default: today, in the Netherlands), the one with the
 * highest index among those with startAt ≤ D and (endAt empty or ≥ D); on a registrationDate R,
 * the one with the highest index among those registered on or before R.
 *
 * Every write goes through here, so that each one is announced as a Notificaties API
 * "Notificatie" on the `objecten` kanaal in one place.
 */
import { dutchDate } from '../../src/domain/calendar.ts';
import type { Notificatie } from '../shared/notificatie.ts';
import type { ObjectKind } from './objecttypes.ts';
import type { Json } from './validation.ts';

export interface Reference {
  type: 'zaak';
  url: string;
}

export interface RecordRow {
  /** Global sequence: objects-api's default order is the newest record first ("-pk"). */
  pk: number;
  index: number;
  typeVersion: number;
  data: Json;
  geometry: Json | null;
  startAt: string;
  endAt: string | null;
  registrationAt: string;
  correctionFor: number | null;
  correctedBy: number | null;
  references: Reference[];
}

export interface ObjectRow {
  uuid: string;
  kind: ObjectKind;
  /** Oldest first; index = position + 1. */
  records: RecordRow[];
}

export interface NewRecord {
  typeVersion: number;
  data: Json;
  geometry?: Json | null;
  startAt: string;
  correctionFor?: number | null;
  references?: Reference[];
  /** Defaults to today. */
  registrationAt?: string;
}

export type { Notificatie } from '../shared/notificatie.ts';

export type Actie = 'create' | 'update' | 'partial_update' | 'destroy';

export class Store {
  readonly objects = new Map<string, ObjectRow>();
  private sequence = 0;
  private readonly listeners: ((n: Notificatie) => void)[] = [];

  constructor(
    readonly clock: () => Date,
    /** How the store names an object and its type in notifications. */
    private readonly urls: { object(uuid: string): string; type(kind: ObjectKind): string },
  ) {}

  today(): string {
    return dutchDate(this.clock());
  }

  create(uuid: string, kind: ObjectKind, record: NewRecord): ObjectRow {
    const object: ObjectRow = { uuid, kind, records: [] };
    this.objects.set(uuid, object);
    this.addRecord(object, record);
    return object;
  }

  /** Adds the next record: the last one ends where this one starts; a corrected one learns by whom. */
  addRecord(object: ObjectRow, record: NewRecord): RecordRow {
    const last = object.records.at(-1);
    const row: RecordRow = {
      pk: ++this.sequence,
      index: (last?.index ?? 0) + 1,
      typeVersion: record.typeVersion,
      data: record.data,
      geometry: record.geometry ?? null,
      startAt: record.startAt,
      endAt: null,
      registrationAt: record.registrationAt ?? this.today(),
      correctionFor: record.correctionFor ?? null,
      correctedBy: null,
      references: record.references ?? [],
    };
    if (last) last.endAt = row.startAt;
    if (row.correctionFor !== null) {
      const corrected = object.records.find((r) => r.index === row.correctionFor);
      if (corrected) corrected.correctedBy = row.index;
    }
    object.records.push(row);
    return row;
  }

  delete(uuid: string): boolean {
    return this.objects.delete(uuid);
  }

  latest(object: ObjectRow): RecordRow {
    return object.records.at(-1)!;
  }

  /** The actual record on `date`, or as registered on `registrationDate` (see the module comment). */
  actual(object: ObjectRow, when: { date?: string; registrationDate?: string } = {}): RecordRow | undefined {
    const candidates = when.registrationDate
      ? object.records.filter((r) => r.registrationAt <= when.registrationDate!)
      : object.records.filter((r) => {
          const date = when.date ?? this.today();
          return r.startAt <= date && (r.endAt === null || r.endAt >= date);
        });
    return candidates.at(-1);
  }

  onNotification(listener: (n: Notificatie) => void): void {
    this.listeners.push(listener);
  }

  notify(object: ObjectRow, actie: Actie): void {
    const url = this.urls.object(object.uuid);
    const notificatie: Notificatie = {
      kanaal: 'objecten',
      hoofdObject: url,
      resource: 'object',
      resourceUrl: url,
      actie,
      aanmaakdatum: this.clock().toISOString(),
      kenmerken: { object_type: this.urls.type(object.kind) },
    };
    for (const listener of this.listeners) listener(notificatie);
  }
}
