/** pdfkit's colour setting, the part used here. */
interface ColourSetting {
  _setColorCore: (this: ColourSetting, colour: unknown, stroke: boolean) => boolean;
  addContent(operator: string): unknown;
}

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/**
 * A report sets a colour for every table row and most texts (~250,000 times at 40 × 200), and
 * pdfkit parses the colour and formats its components again each time, as two operators
 * (`/DeviceRGB cs` and `r g b scn`, each component to 16 digits): a fifth of the bytes of a
 * page's content, built and deflated. A `#rrggbb` colour is set here with the one operator
 * that means the same (`rg`, `RG` for strokes), its components to three decimals (exact for
 * 8-bit colour), made once per colour; any other colour is pdfkit's to set.
 */
export function rememberColours(doc: PDFKit.PDFDocument): void {
  const setting = doc as unknown as ColourSetting;
  const core = setting._setColorCore;
  if (typeof core !== 'function') return;
  // The operator setting each colour, for fills and for strokes.
  const made = [new Map<string, string>(), new Map<string, string>()] as const;
  setting._setColorCore = function (this: ColourSetting, colour, stroke) {
    if (typeof colour !== 'string') return core.call(this, colour, stroke);
    const operators = made[stroke ? 1 : 0];
    let operator = operators.get(colour);
    if (operator === undefined) {
      if (!HEX_COLOUR.test(colour)) return core.call(this, colour, stroke);
      const hex = parseInt(colour.slice(1), 16);
      const components = [hex >> 16, (hex >> 8) & 0xff, hex & 0xff].map(
        (part) => Math.round((part / 255) * 1000) / 1000,
      );
      operator = `${components.join(' ')} ${stroke ? 'RG' : 'rg'}`;
      operators.set(colour, operator);
    }
    this.addContent(operator);
    return true;
  };
}
