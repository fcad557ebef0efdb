// Shared by the unit tests: paths into web/src, the fixtures, and whether web/node_modules
// (topojson-client, for the map's adjacency) is installed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const web = join(here, '..', '..', '..', 'web');
export const src = (f) => new URL(`file://${join(web, 'src', f)}`).href;
export const fixture = (f) => JSON.parse(readFileSync(join(here, 'fixtures', f), 'utf8'));
export const topology = () => JSON.parse(readFileSync(join(web, 'src', 'data', 'topology.json'), 'utf8'));
export const noModules = !existsSync(join(web, 'node_modules', 'topojson-client'))
  && 'web/node_modules is missing (scripts/web-build.sh)';
