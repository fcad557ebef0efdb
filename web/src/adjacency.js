// Which map shapes border each other, from the topology's shared arcs (topojson-client's
// neighbors). Pure; the map's colour rule and the colour test both read it.
import { neighbors } from 'topojson-client';

// topology: the TopoJSON of data/topology.json; name: 'regions' or 'countries'.
// Returns Map id -> Set of ids.
export function shapeNeighbours(topology, name) {
  const geometries = topology.objects[name].geometries;
  const lists = neighbors(geometries);
  const out = new Map();
  geometries.forEach((g, i) => {
    if (!out.has(g.id)) out.set(g.id, new Set());
    for (const j of lists[i]) if (geometries[j].id !== g.id) out.get(g.id).add(geometries[j].id);
  });
  return out;
}
