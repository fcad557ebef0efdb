// Builds web/dist: one bundled, minified app.js (the topology included), index.html and
// style.css. Nothing is fetched at run time except the API of the server that serves it.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(web, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [join(web, 'src', 'main.js')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome100', 'firefox100', 'safari15'],
  outfile: join(dist, 'app.js'),
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(join(web, 'index.html'), join(dist, 'index.html'));
copyFileSync(join(web, 'src', 'style.css'), join(dist, 'style.css'));
const kib = (f) => `${(statSync(join(dist, f)).size / 1024).toFixed(0)} KiB`;
console.log(`web/dist: app.js ${kib('app.js')}, style.css ${kib('style.css')}`);
