// Builds web/dist: the bundled, minified app (app.js, with the topology), a chunk with
// milsymbol loaded only when the org chart draws symbols, index.html and style.css; and
// dist/bundle.json with the size of each file (raw and gzip). Nothing is fetched at run time
// except the API of the server that serves it.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(web, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: { app: join(web, 'src', 'main.js') },
  bundle: true,
  minify: true,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunk-[name]-[hash]',
  target: ['chrome100', 'firefox100', 'safari15'],
  outdir: dist,
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(join(web, 'index.html'), join(dist, 'index.html'));
copyFileSync(join(web, 'src', 'style.css'), join(dist, 'style.css'));
const sizes = {};
for (const f of readdirSync(dist).filter((x) => /\.(js|css|html)$/.test(x)).sort()) {
  sizes[f] = { bytes: statSync(join(dist, f)).size, gzip: gzipSync(readFileSync(join(dist, f))).length };
}
writeFileSync(join(dist, 'bundle.json'), `${JSON.stringify(sizes, null, 2)}\n`);
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`web/dist: ${Object.entries(sizes).map(([f, s]) => `${f} ${kib(s.bytes)} (${kib(s.gzip)} gzip)`).join(', ')}`);
