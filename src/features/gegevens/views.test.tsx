import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { available } from '../../domain/availability.ts';
import type { Contactmoment } from '../../domain/persoon.ts';
import { translator } from '../../platform/i18n/index.ts';
import { ContactmomentenBlock } from './views.tsx';

const contact: Contactmoment = { uuid: 'c-1', kanaal: 'telefoon', onderwerp: 'Vraag over de afvalpas' };

describe('the contactmomenten block', () => {
  it('says when not all contactmomenten could be read, and not otherwise', () => {
    const t = translator('nl');
    const cut = renderToString(<ContactmomentenBlock t={t} lang="nl" contactmomenten={available([contact], ['klantinteracties'])} />);
    expect(cut).toContain('Niet al uw contactmomenten staan hier');
    expect(cut).toContain('Vraag over de afvalpas');
    const whole = renderToString(<ContactmomentenBlock t={t} lang="nl" contactmomenten={available([contact])} />);
    expect(whole).not.toContain('Niet al uw contactmomenten staan hier');
  });
});
