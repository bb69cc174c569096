/**
 * Parts of a page rendered once and put into later pages as the same HTML (issue 19: rendering
 * with preact-render-to-string was the largest part of a page's CPU, ~1 µs per element, and most
 * of a Mijn zaken page is the same rows from page to page while the person's answers are kept).
 *
 * A part is kept with the object it shows (a kept zaak or taak, the configured navigation), in a
 * WeakMap: it goes when that object goes, so a kept row lives as long as the kept answer it was
 * made from, no longer. `variant` must name everything else the part depends on (the language,
 * today's state of a deadline, which column): the same object and variant always render the same
 * HTML. Objects that a source's answer made anew on every page simply never match.
 */
import { Fragment, h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** The most variants kept per object, oldest out first (a row has a few: languages × columns × deadline states). */
const maxVariants = 16;
const kept = new WeakMap<object, Map<string, string>>();

/**
 * HTML as it is, without a wrapper: preact-render-to-string's fragment of precompiled JSX
 * (`tpl`), which writes its parts unescaped. Only for HTML rendered by preact itself.
 */
export function RenderedHtml({ html }: { html: string }): VNode {
  return h(Fragment, { tpl: [html] } as Record<string, unknown>);
}

/** `render()`'s HTML for `owner` and `variant`, rendered the first time and kept with `owner` after. */
export function keptHtml(owner: object, variant: string, render: () => VNode): VNode {
  let variants = kept.get(owner);
  if (!variants) kept.set(owner, (variants = new Map()));
  let html = variants.get(variant);
  if (html === undefined) {
    html = renderToString(render());
    // The oldest variant makes way (the navigation's counts differ from person to person).
    if (variants.size >= maxVariants) variants.delete(variants.keys().next().value!);
    variants.set(variant, html);
  }
  return RenderedHtml({ html });
}
