// `styleProps()`: sets inline CSS properties through CSSOM (`element.style.setProperty`) on every
// render. [Note: styleMap and the CSP] Lit's own `styleMap` writes a `style="…"` attribute on its
// first render, which the served CSP (`style-src 'self'`, no 'unsafe-inline') blocks; CSSOM writes are
// allowed. Use it in element position: `<div ${styleProps({ width: '50%' })}>`.
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/** Property names as in CSS (kebab-case): `{ 'padding-left': '8px' }`. */
export type StyleProps = Readonly<Record<string, string>>;

class StylePropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('styleProps() must be used in element position: <div ${styleProps({...})}>.');
  }

  render(_props: StyleProps): unknown { return noChange; }

  override update(part: ElementPart, [props]: [StyleProps]): unknown {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.previous = new Set(Object.keys(props));
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
