/**
 * `npm run beheer -- formulieren`: every FormIO object in the Objecten API (the simulator with the
 * demo forms) or a definition in a file, with whether Voordeur can show it and why not.
 */
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectenDemo } from '../../../../simulators/data/objecten-demo.ts';
import { type ObjectenSimulator, registerObjectenSimulator } from '../../../../simulators/objecten/index.ts';
import { Metrics } from '../../../platform/metrics.ts';
import { ObjectenClient } from '../../../sources/objecten/objecten.ts';
import { formInFile, formsInObjecten, printReports } from './beheer.ts';

const token = 'voordeur-test-objecten-token';

describe('npm run beheer -- formulieren', () => {
  let app: FastifyInstance;
  let sim: ObjectenSimulator;
  let client: ObjectenClient;

  beforeAll(async () => {
    app = Fastify({ logger: false });
    sim = await registerObjectenSimulator(app, { baseUrl: 'http://127.0.0.1:0', tokens: [token], pageSize: 2 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    client = new ObjectenClient({ url: sim.url, token }, { timeoutMs: 2000, metrics: new Metrics() });
  });
  afterAll(() => app.close());

  it('lists every form in the Objecten API (over several pages), which can be shown, and why the others cannot', async () => {
    const { reports, complete } = await formsInObjecten(client, sim.objecttypen.formulier);
    expect(complete).toBe(true);
    const { formulieren } = objectenDemo.notable;
    const byUuid = (uuid: string) => reports.find((report) => report.formulier === `${sim.url}/objects/${uuid}`)!;
    // The forms of taken and those of the Aanvragen catalogue.
    expect(reports).toHaveLength(objectenDemo.objects.filter((object) => object.kind === 'formulier').length);
    expect(byUuid(formulieren.bijstand)).toMatchObject({ online: true, bestanden: false, titel: 'Aanvullende gegevens bijzondere bijstand', redenen: [] });
    expect(byUuid(formulieren.informatieverzoek)).toMatchObject({ online: true, bestanden: true });
    expect(byUuid(formulieren.unsupported)).toMatchObject({
      online: false,
      titel: 'Verklaring mantelzorg',
      redenen: ['editgrid "zorgmomenten": type "editgrid" is not supported', 'signature "handtekening": type "signature" is not supported'],
    });
    const printed = printReports(reports, complete);
    expect(printed).toContain(
      `CANNOT be shown  ${sim.url}/objects/${formulieren.unsupported}  "Verklaring mantelzorg"\n    - editgrid "zorgmomenten": type "editgrid" is not supported`,
    );
    expect(printed).toContain(`can be shown (files: only for a taak of a zaak)  ${sim.url}/objects/${formulieren.informatieverzoek}`);
    expect(printed).toContain(`${reports.length} form(s): ${reports.length - 1} can be shown, 1 cannot.`);
  });

  it('checks a definition in a file, before it is published', () => {
    const file = fileURLToPath(new URL('../../../../test/fixtures/forms/open-formulieren-terugbetaling.json', import.meta.url));
    expect(formInFile(file)).toMatchObject({ formulier: file, online: true, bestanden: true, redenen: [] });
  });
});
