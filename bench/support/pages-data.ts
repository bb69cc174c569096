/**
 * Bench-only data for bench/pages.ts: Suzanne de Vries (999993653) with a realistic amount of
 * things, 50 zaken, 20 taken and 100 berichten, made by copying her demo zaken, taken and
 * berichten (simulators/data/*-demo.ts) under new numbers. Not part of the demo: the demo data
 * stays small and readable for the tests and the demo guide.
 *
 * Zaken are added to the ZGW demo data before the ZGW simulator is registered (it seeds from
 * `zgwDemo.zaken` when it starts), so this must run in the simulators' own process
 * (bench/support/pages-simulators.ts). Taken and berichten go in through the Objecten simulator's
 * `createObject`, as a source system would add them.
 */
import { demoUuid, zgwDemo, type DemoZaak } from '../../simulators/data/zgw-demo.ts';
import type { ObjectenSimulator } from '../../simulators/objecten/index.ts';
import { isValidBsn } from '../../src/domain/bsn.ts';

export const benchPerson = { bsn: '999993653', name: 'Suzanne de Vries' };
export const benchCounts = { zaken: 50, taken: 20, berichten: 100 };

const isSuzanne = (z: DemoZaak) => z.owner.kind === 'persoon' && 'bsn' in z.owner && z.owner.bsn === benchPerson.bsn;

/** Adds copies of Suzanne's demo zaken (numbers 500 and up) until she has `benchCounts.zaken`. */
export function addBenchZaken(): void {
  const own = zgwDemo.zaken.filter(isSuzanne);
  const templates = own.filter((z) => z.documenten.every((d) => d.content.kind !== 'large-pdf'));
  for (let i = 0; own.length + i < benchCounts.zaken; i++) {
    const template = templates[i % templates.length]!;
    const number = 500 + i;
    const id = String(number).padStart(6, '0');
    zgwDemo.zaken.push({
      ...template,
      uuid: demoUuid('a0', 0, number),
      identificatie: `ZAAK-${id}`,
      omschrijving: `${template.omschrijving} (${i + 2})`,
      documenten: template.documenten.map((d, index) => ({
        ...d,
        uuid: demoUuid('d0', number, index + 1),
        identificatie: `DOC-${id}-${String(index + 1).padStart(2, '0')}`,
      })),
    });
  }
}

interface StoredObject {
  type: string;
  record: { data: Record<string, unknown> };
}

/** Adds copies of Suzanne's taken and berichten until she has `benchCounts.taken` and `.berichten`. */
export async function addBenchObjects(objecten: ObjectenSimulator): Promise<void> {
  const all = objecten.objects() as unknown as StoredObject[];
  const own = (type: string) =>
    all.filter((o) => o.type === type && (o.record.data.identificatie as { value?: string } | undefined)?.value === benchPerson.bsn).map((o) => o.record.data);
  const taken = own(objecten.objecttypen.taak);
  // Only published berichten are copied (one of the demo's is published in 3 days).
  const today = new Date().toISOString();
  const berichten = own(objecten.objecttypen.bericht).filter((b) => String(b.publicatiedatum) <= today);
  const countedBerichten = own(objecten.objecttypen.bericht).length;
  for (let i = 0; taken.length + i < benchCounts.taken; i++) {
    const template = taken[i % taken.length]!;
    await objecten.createObject('taak', {
      ...template,
      titel: `${template.titel} (${i + 2})`,
      verwerker_taak_id: demoUuid('f3', 1, 500 + i),
    });
  }
  for (let i = 0; countedBerichten + i < benchCounts.berichten; i++) {
    const template = berichten[i % berichten.length]!;
    await objecten.createObject('bericht', { ...template, onderwerp: `${template.onderwerp} (${i + 2})` });
  }
}

/**
 * The people of bench/notificaties.ts, those of the demo with a confirmed e-mail address (the only
 * initiator of each of these zaken): Suzanne, Fatima, Bakkerij Van den Berg, Karel de Boer; their
 * demo zaken by number.
 */
export const notifiedPeople = [[101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113], [231], [301, 302], [901, 903]];

/** The demo zaak with number `n` (ZAAK-000101 …). */
const demoZaak = (n: number) => zgwDemo.zaken.find((z) => z.identificatie === `ZAAK-${String(n).padStart(6, '0')}`)!;

/** The UUIDs of the zaken addNotificationZaken(count) adds, per person of `notifiedPeople` (zaak i is person i mod 4's). */
export function notificationZaakUuids(count: number): string[][] {
  const byPerson: string[][] = notifiedPeople.map(() => []);
  // Numbered from 100,000: the ZGW simulator numbers a zaak's rollen and statussen by the last six digits of its UUID, and the demo's go up to 999.
  for (let i = 0; i < count; i++) byPerson[i % notifiedPeople.length]!.push(demoUuid('a1', 0, 100_000 + i));
  return byPerson;
}

/**
 * Adds `count` zaken for the people of `notifiedPeople`, in turn, each a copy of the person's first
 * demo zaak without documents (for the notificaties benchmark with every notification about
 * another zaak). Like addBenchZaken, before the ZGW simulator is registered.
 */
export function addNotificationZaken(count: number): void {
  const templates = notifiedPeople.map((numbers) => demoZaak(numbers[0]!));
  const uuids = notificationZaakUuids(count);
  for (let i = 0; i < count; i++) {
    const person = i % notifiedPeople.length;
    const template = templates[person]!;
    zgwDemo.zaken.push({
      ...template,
      uuid: uuids[person]![Math.floor(i / notifiedPeople.length)]!,
      identificatie: `ZAAK-N${String(i).padStart(6, '0')}`,
      omschrijving: `${template.omschrijving} (N${i})`,
      documenten: [],
    });
  }
}

/**
 * The residents of bench/pages.ts's mass-mailing phase: `count` people who have never opened
 * Voordeur, each with a BSN of their own (passing the elfproef, from 900000000 up), three zaken (a
 * copy of Suzanne's zaak with 9 documents, the zaak they open, and two more of hers), a taak and
 * two berichten. The same list in the simulators' process and in Voordeur's.
 */
export function benchResidents(count: number): { bsn: string; name: string; zaak: string }[] {
  const residents: { bsn: string; name: string; zaak: string }[] = [];
  for (let number = 900_000_000; residents.length < count; number++) {
    const bsn = String(number);
    // Numbered from 300,000: the ZGW simulator numbers a zaak's rollen and statussen by the last six digits of its UUID.
    if (isValidBsn(bsn)) residents.push({ bsn, name: `Inwoner ${residents.length + 1}`, zaak: demoUuid('a2', 0, 300_000 + residents.length * 3) });
  }
  return residents;
}

/** Adds the zaken of `benchResidents(count)`; like addBenchZaken, before the ZGW simulator is registered. */
export function addResidentZaken(count: number): void {
  const own = zgwDemo.zaken.filter(isSuzanne);
  const opened = own.find((z) => z.uuid === zgwDemo.notable.documentsOfEveryVertrouwelijkheid)!;
  const others = own.filter((z) => z !== opened && z.documenten.every((d) => d.content.kind !== 'large-pdf')).slice(0, 2);
  benchResidents(count).forEach((resident, i) => {
    const owner = { kind: 'persoon' as const, bsn: resident.bsn, voornamen: 'Inwoner', geslachtsnaam: String(i + 1) };
    [opened, ...others].forEach((template, k) => {
      const number = 300_000 + i * 3 + k;
      zgwDemo.zaken.push({
        ...template,
        uuid: demoUuid('a2', 0, number),
        identificatie: `ZAAK-R${number}`,
        owner,
        belanghebbenden: [],
        documenten: template.documenten.map((d, index) => ({ ...d, uuid: demoUuid('d2', number, index + 1), identificatie: `DOC-R${number}-${index + 1}` })),
      });
    });
  });
}

/** Adds the taak and the two berichten of each of `benchResidents(count)`, as a source system would. */
export async function addResidentObjects(objecten: ObjectenSimulator, count: number): Promise<void> {
  const all = objecten.objects() as unknown as StoredObject[];
  const suzannes = (type: string) =>
    all.filter((o) => o.type === type && (o.record.data.identificatie as { value?: string } | undefined)?.value === benchPerson.bsn).map((o) => o.record.data);
  const taak = suzannes(objecten.objecttypen.taak).find((t) => t.status === 'open')!;
  const today = new Date().toISOString();
  const berichten = suzannes(objecten.objecttypen.bericht)
    .filter((b) => String(b.publicatiedatum) <= today)
    .slice(0, 2);
  for (const [i, resident] of benchResidents(count).entries()) {
    const identificatie = { type: 'bsn', value: resident.bsn };
    await objecten.createObject('taak', { ...taak, identificatie, verwerker_taak_id: demoUuid('f4', 1, i) });
    for (const bericht of berichten) await objecten.createObject('bericht', { ...bericht, identificatie });
  }
}
