import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Table, type TableRow } from './components.tsx';
import { keptHtml, RenderedHtml } from './kept-html.ts';

describe('kept HTML', () => {
  it('puts rendered HTML into a page as it is, without a wrapper', () => {
    expect(renderToString(<p>{RenderedHtml({ html: '<b>a &amp; b</b>' })}</p>)).toBe('<p><b>a &amp; b</b></p>');
  });

  it('renders once per object and variant', () => {
    const owner = { naam: 'één' };
    let renders = 0;
    const render = (variant: string) =>
      renderToString(
        <div>
          {keptHtml(owner, variant, () => {
            renders++;
            return (
              <span title={variant}>
                {owner.naam} &lt;{variant}&gt;
              </span>
            );
          })}
        </div>,
      );
    expect(render('nl')).toBe('<div><span title="nl">één &lt;nl></span></div>');
    expect(render('nl')).toBe('<div><span title="nl">één &lt;nl></span></div>');
    expect(renders).toBe(1);
    expect(render('en')).toBe('<div><span title="en">één &lt;en></span></div>');
    expect(renders).toBe(2);
    // At most 16 variants are kept, the oldest out first.
    for (let i = 0; i < 16; i++) render(`v${i}`);
    expect(renders).toBe(18);
    render('v15');
    expect(renders).toBe(18);
    render('nl');
    expect(renders).toBe(19);
    // Another object with the same content is rendered for itself.
    expect(renderToString(keptHtml({ naam: 'twee' }, 'nl', () => <i>twee</i>))).toBe('<i>twee</i>');
  });

  it('gives a table the same HTML with kept rows as without, and new HTML for another column or variant', () => {
    const zaken = [
      { id: 'a', titel: 'Aanvraag <paspoort>' },
      { id: 'b', titel: 'Melding & klacht' },
    ];
    const rows = (variant: string | undefined): TableRow[] =>
      zaken.map((zaak) => ({
        key: zaak.id,
        keep: variant === undefined ? undefined : { owner: zaak, variant },
        cells: () => [<a href={`/zaken/${zaak.id}`}>{zaak.titel}</a>, variant ?? 'x', ''],
      }));
    const table = (variant: string | undefined, head = ['Zaak', 'Status:', 'Datum']) =>
      renderToString(<Table caption="Zaken" head={head} rows={rows(variant)} />);
    const plain = table(undefined).replaceAll('>x<', '>v<');
    expect(table('v')).toBe(plain);
    expect(table('v')).toBe(plain);
    expect(table('w')).toBe(plain.replaceAll('>v<', '>w<'));
    // The column names are part of each kept row (the labels of stacked cells).
    expect(table('v', ['Case', 'State:', 'Date'])).toContain('State: </span>v');
  });
});
