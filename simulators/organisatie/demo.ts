/**
 * The demo's organisations: two organisations without a ZGW or Objecten API of their own that
 * push to Voordeur through the organisation API, as a real one would — connected by the operator
 * (their public key saved), then a token for a signed client assertion, a batch of berichten and a
 * lopende zaak with its statussen. Sent again at every start: the API's idempotence (berichtId,
 * zaakId) keeps it to one of each.
 */
import type { Db } from '../../src/platform/db/database.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { pdf } from '../zgw/content.ts';
import { clientAssertion, organisatieKey, requestToken } from './client.ts';

const suzanne = '999993653';
const bakkerij = '69599084';

const dayMs = 24 * 60 * 60 * 1000;
const day = (offset: number) => new Date(Date.now() + offset * dayMs).toISOString().slice(0, 10);

/** An organisation connected to `api` (`<PUBLIC_URL>/api/v1`), with a fresh key pair; returns how it calls the API. */
async function connect(db: Db, api: string, id: string, naam: string) {
  const key = await organisatieKey('demo');
  await new Organisaties(db).save({ id, naam, jwks: key.jwks });
  const access_token = (await requestToken(api, await clientAssertion(key, id, `${api}/token`))).body.access_token!;
  return (method: string, path: string, body: unknown) =>
    fetch(`${api}${path}`, { method, headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export async function pushDemoOrganisaties(db: Db, api: string): Promise<void> {
  const belastingen = await connect(db, api, 'bsgw-voorbeeldregio', 'Belastingsamenwerking Voorbeeldregio');
  const aanslag = pdf([
    'Aanslag gemeentelijke belastingen 2027',
    'Aanslagnummer 2027-0012345',
    'Afvalstoffenheffing: 312,00 euro',
    'Rioolheffing: 198,00 euro',
  ]);
  await belastingen('POST', '/berichten', {
    berichten: [
      {
        berichtId: 'AANSLAG-2027-0012345',
        ontvanger: { bsn: suzanne },
        onderwerp: 'Aanslag gemeentelijke belastingen 2027',
        tekst:
          'Beste mevrouw De Vries,\n\nIn de bijlage vindt u de aanslag gemeentelijke belastingen 2027. U kunt in 10 termijnen betalen.\n\nHeeft u vragen? Kijk op https://www.voorbeeldregio.example/belastingen.',
        referentie: '2027-0012345',
        handelingsperspectief: 'betalen',
        einddatumHandelingstermijn: day(60),
        bijlagen: [{ bestandsnaam: 'aanslag-2027.pdf', inhoud: aanslag.toString('base64') }],
      },
      {
        berichtId: 'ZUIVERING-2027-0004411',
        ontvanger: { kvkNummer: bakkerij },
        onderwerp: 'Aanslag zuiveringsheffing 2027',
        tekst: 'Geachte heer, mevrouw,\n\nDe aanslag zuiveringsheffing 2027 voor uw bedrijf staat klaar.',
        referentie: '2027-0004411',
        handelingsperspectief: 'betalen',
        einddatumHandelingstermijn: day(45),
      },
    ],
  });

  const sociaal = await connect(db, api, 'sociale-dienst-voorbeeldregio', 'Sociale Dienst Voorbeeldregio');
  const zaak = await sociaal('PUT', '/zaken/BB-2026-0731', {
    ontvanger: { bsn: suzanne },
    titel: 'Aanvraag bijzondere bijstand wasmachine',
    soort: 'Bijzondere bijstand',
    stappen: ['Aanvraag ontvangen', 'Aanvraag wordt bekeken', 'Besluit genomen'],
    startdatum: day(-9),
    einddatumGepland: day(47),
  });
  // Only the first time: the statussen are the zaak's history.
  if (zaak.status === 201) {
    await sociaal('POST', '/zaken/BB-2026-0731/statussen', { stap: 'Aanvraag ontvangen', datum: new Date(Date.now() - 9 * dayMs).toISOString() });
    await sociaal('POST', '/zaken/BB-2026-0731/statussen', {
      stap: 'Aanvraag wordt bekeken',
      datum: new Date(Date.now() - 2 * dayMs).toISOString(),
      toelichting: 'Een consulent belt u deze week om een afspraak te maken.',
    });
  }
}
