import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

export interface PngOptions {
  /** Font files to draw text with; default: DejaVu Sans where the system has it, else all system fonts. */
  fontFiles?: readonly string[];
}

const knownFonts = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
];
let defaultFonts: string[] | undefined;

/** Loading one known file is several times faster than scanning every system font per render. */
function fontsOf(options: PngOptions): string[] {
  if (options.fontFiles) return [...options.fontFiles];
  defaultFonts ??= knownFonts.filter((path) => existsSync(path));
  return defaultFonts;
}

/** Rasterizes SVG markup (resvg, no browser) at its own size on white. */
export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  const fontFiles = fontsOf(options);
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    font: {
      fontFiles,
      loadSystemFonts: options.fontFiles === undefined && fontFiles.length === 0,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}

/** Width and height from a PNG's IHDR chunk; undefined when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((byte, i) => png[i] !== byte)) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
