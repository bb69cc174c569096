/** The one Table: on small screens each cell after the first carries its column's name, hidden from assistive technology. */
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Table } from './components.tsx';

const html = renderToString(
  <Table caption="Taken" head={['Taak', 'Wat moet u doen?', 'Doen vóór']} rows={[{ key: 'a', cells: ['Betaal de leges', 'Betalen', ''] }]} />,
);

describe('Table', () => {
  it('labels a stacked cell with its column name, with a colon unless the name is a question', () => {
    expect(html).toContain('<span class="voordeur-table__label" aria-hidden="true">Wat moet u doen? </span>Betalen');
    expect(html).not.toContain('doen?:');
  });
  it('leaves an empty cell empty (so that a stacked row does not show a label without a value)', () => {
    expect(html).toContain('<td class="utrecht-table__cell" role="cell"></td>');
    expect(html).not.toContain('Doen vóór:');
  });
  it('keeps the table roles and the header cells for assistive technology', () => {
    expect(html).toContain('<table class="utrecht-table utrecht-table--html-table" role="table">');
    expect(html).toContain('<th class="utrecht-table__header-cell" scope="col" role="columnheader">Wat moet u doen?</th>');
    expect(html).toContain('<th class="utrecht-table__header-cell" scope="row" role="rowheader">Betaal de leges</th>');
  });
});
