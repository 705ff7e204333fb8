// The size of the WASM every page loads, after a release build with
// `cargo leptos build --release --precompress --split`:
//   node scripts/wasm-size.mjs [--check] [site-dir]
// Prints the main file's code and data sections (raw) and its size as sent
// (brotli), and the lazy files' total. The data section is the one to watch:
// when the split build cannot lay the lazy pages' constant data out again,
// it leaves all of it in the main file (frontend/src/lib.rs,
// SPLIT_LAYOUT_MARGIN), and the main file's data section doubles. With
// --check (CI), that case fails: the main file then holds more than three
// quarters of the linked WASM's data (half of it when the split works).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const check = args.includes('--check');
const root = join(import.meta.dirname, '..', '..');
const site = args.find((a) => a !== '--check') ?? join(root, 'target', 'site');
const pkg = join(site, 'pkg');

function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= bytes.length) throw new Error('not a WASM file: it ends inside a number');
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

// Section id -> size in bytes.
function sections(bytes) {
  const sizes = {};
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    sizes[id] = (sizes[id] ?? 0) + size;
    at = start + size;
  }
  return sizes;
}

const sent = (file) => (existsSync(`${file}.br`) ? readFileSync(`${file}.br`).length : null);
const kb = (n) => (n === null ? '?' : `${(n / 1000).toFixed(1)} kB`);

const main = join(pkg, 'passerelle.wasm');
const s = sections(readFileSync(main));
console.log(`main WASM: code ${kb(s[10])}, data ${kb(s[11] ?? 0)} raw; ${kb(sent(main))} sent (brotli)`);
const lazy = readdirSync(pkg).filter((f) => f.endsWith('.wasm') && f !== 'passerelle.wasm');
const lazySent = lazy.reduce((sum, f) => sum + (sent(join(pkg, f)) ?? 0), 0);
console.log(`lazy WASM: ${lazy.length} files, ${kb(lazySent)} sent (brotli)`);

if (check) {
  const linked = join(root, 'target', 'front', 'wasm32-unknown-unknown', 'wasm-release', 'frontend.wasm');
  const all = sections(readFileSync(linked))[11] ?? 0;
  console.log(`linked WASM data: ${kb(all)}; in the main file: ${Math.round((100 * (s[11] ?? 0)) / all)} %`);
  if ((s[11] ?? 0) > 0.75 * all) {
    console.error('The split build left the lazy pages\' data in the main file: see SPLIT_LAYOUT_MARGIN in frontend/src/lib.rs.');
    process.exit(1);
  }
}
