/** The claims of a leveranciersportaal login: the person's name and their organisation's id in Voordeur (the `organisatie` claim). */
import { findTestLeverancier } from '../data/test-leveranciers.ts';

export function leverancierClaims(id: string): Record<string, string> {
  const leverancier = findTestLeverancier(id);
  return leverancier ? { name: leverancier.naam, organisatie: leverancier.organisatie } : {};
}
