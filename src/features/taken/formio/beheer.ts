/**
 * `npm run beheer -- formulieren`: for each form definition (FormIO object) in the Objecten API,
 * or for a definition in a file, whether Voordeur can show it as a form and, when it cannot, why;
 * so that an organisation knows before a resident meets a taak that "cannot be done online".
 */
import { readFileSync } from 'node:fs';
import type { ObjectenClient } from '../../../sources/objecten/objecten.ts';
import { hasFiles, parseForm } from '../../../platform/formio/definition.ts';

/** One form: where it is, its title, whether Voordeur shows it, and why not. */
export interface FormReport {
  formulier: string;
  titel: string;
  online: boolean;
  /** When it has file fields: shown only for a taak that belongs to a zaak, with a zaaksysteem that takes uploads. */
  bestanden: boolean;
  redenen: string[];
}

/** The report of one definition (the formDefinition of a FormIO object, or the object's data that holds it). */
export function reportOf(formulier: string, data: unknown): FormReport {
  const record = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const definition = 'formDefinition' in record ? record.formDefinition : data;
  const title = definition !== null && typeof definition === 'object' ? (definition as Record<string, unknown>).title : undefined;
  const parsed = parseForm(definition);
  return {
    formulier,
    titel: typeof title === 'string' ? title : '',
    online: parsed.supported,
    bestanden: parsed.supported && hasFiles(parsed.form),
    redenen: parsed.supported ? [] : parsed.reasons,
  };
}

/** Every FormIO object of the type (the URL of the FormIO object type in the Objecttypen API). */
export async function formsInObjecten(objecten: ObjectenClient, type: string): Promise<{ reports: FormReport[]; complete: boolean }> {
  const { objects, complete } = await objecten.listShared(type);
  return { reports: objects.map((object) => reportOf(object.url, object.data)), complete };
}

/** A definition in a JSON file (a formDefinition, or a FormIO object's data). */
export function formInFile(file: string): FormReport {
  return reportOf(file, JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

/** The report as operators read it: one line per form, then the reasons under each form that cannot be shown. */
export function printReports(reports: FormReport[], complete: boolean): string {
  const lines: string[] = [];
  for (const report of reports) {
    const status = report.online ? (report.bestanden ? 'can be shown (files: only for a taak of a zaak)' : 'can be shown') : 'CANNOT be shown';
    lines.push(`${status}  ${report.formulier}${report.titel ? `  "${report.titel}"` : ''}`);
    for (const reason of report.redenen) lines.push(`    - ${reason}`);
  }
  const online = reports.filter((report) => report.online).length;
  lines.push('', `${reports.length} form(s): ${online} can be shown, ${reports.length - online} cannot.`);
  if (!complete) lines.push('Not every form was read: there are more than Voordeur reads (10 pages of the Objecten API).');
  return `${lines.join('\n')}\n`;
}
