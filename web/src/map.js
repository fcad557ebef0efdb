// The map: Natural Earth shapes (data/topology.json) drawn once per mode ('regions': Russia's
// and Ukraine's first-level units over the countries; 'world': countries), then repainted by
// fills the caller computes. Stripes (views differ) and hatching (held in part) are SVG
// patterns made on first use. The shapes only say where regions are, never who they belong to.
import { geoBounds, geoConicEqualArea, geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';

const svgNs = 'http://www.w3.org/2000/svg';

// A fill: {colour} for a solid one, {stripes: [colours], style: 'disputed'|'partial'} for a
// pattern, {dots: true} for a region the record does not cover.
export function fillKey(fill) {
  if (fill.colour) return fill.colour;
  if (fill.dots) return 'dots';
  return `${fill.style}:${fill.stripes.join(',')}`;
}

export function createMap(svg, topology, { onSelect, onHover, onLeave }) {
  const regions = feature(topology, topology.objects.regions).features;
  const countries = feature(topology, topology.objects.countries).features;
  let mode = '';
  let paths = new Map(); // id -> the paths of a coloured shape (some ids have two: Cyprus, Somalia…)
  let defs = null;
  const patterns = new Map(); // fill key -> pattern id
  let idSet = new Set();
  let lastFocus = null;
  let project = null; // [lon, lat] -> [x, y] of the map drawn last

  // mode: 'regions' or 'world'; focus: ids of the regions the view has facts for (the map of
  // regions is fitted to them, with a margin, when they are few; to every region otherwise).
  function draw(nextMode, focus = null) {
    const { width, height } = svg.getBoundingClientRect();
    if (!width || !height) return false;
    lastFocus = focus;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.replaceChildren();
    patterns.clear();
    defs = document.createElementNS(svgNs, 'defs');
    svg.append(defs);
    const projection = nextMode === 'world'
      ? geoEqualEarth().rotate([-20, 0]).fitExtent([[10, 10], [width - 10, height - 10]], { type: 'Sphere' })
      : geoConicEqualArea().parallels([52, 68]).rotate([-96, 0])
        .fitExtent([[16, 16], [width - 16, height - 16]], { type: 'FeatureCollection', features: fitted(focus) });
    const path = geoPath(projection);
    project = projection;
    const sphere = document.createElementNS(svgNs, 'path');
    sphere.setAttribute('d', path({ type: 'Sphere' }));
    sphere.setAttribute('class', 'sphere');
    svg.append(sphere);
    const back = document.createElementNS(svgNs, 'g');
    back.setAttribute('class', nextMode === 'world' ? 'countries' : 'countries background');
    const front = document.createElementNS(svgNs, 'g');
    front.setAttribute('class', 'regions');
    paths = new Map();
    if (nextMode !== 'world') {
      for (const f of countries) {
        if (f.id === 'RU' || f.id === 'UA') continue;
        const p = document.createElementNS(svgNs, 'path');
        p.setAttribute('d', path(f) || '');
        back.append(p);
      }
    }
    for (const f of nextMode === 'world' ? countries : regions) {
      const d = path(f);
      if (!d) continue;
      const p = document.createElementNS(svgNs, 'path');
      p.setAttribute('d', d);
      p.setAttribute('class', 'shape');
      p.dataset.id = f.id;
      if (!paths.has(f.id)) paths.set(f.id, []);
      paths.get(f.id).push(p);
      (nextMode === 'world' ? back : front).append(p);
    }
    svg.append(back, front);
    idSet = new Set(paths.keys());
    mode = nextMode;
    return true;
  }

  // The regions to fit: the focus, grown to a box twice its size, when it holds under half of them.
  function fitted(focus) {
    const some = focus ? regions.filter((f) => focus.has(f.id)) : [];
    if (!some.length || some.length > regions.length / 2) return regions;
    const [[x0, y0], [x1, y1]] = geoBounds({ type: 'FeatureCollection', features: some });
    const [dx, dy] = [(x1 - x0) / 2, (y1 - y0) / 2];
    const box = [[x0 - dx, y0 - dy], [x1 + dx, y0 - dy], [x1 + dx, y1 + dy], [x0 - dx, y1 + dy], [x0 - dx, y0 - dy]];
    return [{ type: 'Feature', geometry: { type: 'LineString', coordinates: box } }];
  }

  function patternFor(fill) {
    const key = fillKey(fill);
    if (patterns.has(key)) return patterns.get(key);
    const id = `fill-${patterns.size}`;
    const pat = document.createElementNS(svgNs, 'pattern');
    pat.id = id;
    pat.setAttribute('patternUnits', 'userSpaceOnUse');
    pat.dataset.key = key;
    if (fill.dots) {
      pat.setAttribute('width', '6');
      pat.setAttribute('height', '6');
      const bg = document.createElementNS(svgNs, 'rect');
      bg.setAttribute('width', '6');
      bg.setAttribute('height', '6');
      bg.setAttribute('fill', fill.background);
      const dot = document.createElementNS(svgNs, 'circle');
      dot.setAttribute('cx', '3');
      dot.setAttribute('cy', '3');
      dot.setAttribute('r', '1.3');
      dot.setAttribute('fill', fill.dot);
      pat.append(bg, dot);
    } else {
      const w = fill.style === 'partial' ? 5 : 7;
      pat.setAttribute('width', String(w * fill.stripes.length));
      pat.setAttribute('height', '8');
      pat.setAttribute('patternTransform', `rotate(${fill.style === 'partial' ? -45 : 45})`);
      fill.stripes.forEach((c, i) => {
        const r = document.createElementNS(svgNs, 'rect');
        r.setAttribute('x', String(w * i));
        r.setAttribute('width', String(w));
        r.setAttribute('height', '8');
        r.setAttribute('fill', c);
        pat.append(r);
      });
    }
    pat.dataset.stripes = fill.dots ? `${fill.background},${fill.dot}` : fill.stripes.join(',');
    defs.append(pat);
    const url = `url(#${id})`;
    patterns.set(key, url);
    return url;
  }

  // fills: Map id -> {fill, object, partial, style, legendKey}; empty: the look of a shape with
  // no entry. Only shapes whose look changed are touched.
  function paint(fills, empty) {
    for (const [id, list] of paths) {
      const f = fills.get(id) || empty;
      const key = fillKey(f.fill);
      for (const p of list) {
        if (p.dataset.fill === key && p.dataset.object === f.object && p.dataset.legend === f.legendKey) continue;
        p.dataset.fill = key;
        p.dataset.object = f.object;
        p.dataset.legend = f.legendKey;
        p.dataset.style = f.style;
        if (f.partial) p.dataset.partial = f.partial;
        else delete p.dataset.partial;
        p.setAttribute('fill', f.fill.colour || patternFor(f.fill));
      }
    }
  }

  function raise(id) {
    for (const p of paths.get(id) || []) p.parentNode.append(p); // on top, so its outline shows whole
  }

  svg.addEventListener('click', (e) => {
    const id = e.target.dataset && e.target.dataset.id;
    if (id) onSelect(id);
  });
  svg.addEventListener('mousemove', (e) => {
    const id = e.target.dataset && e.target.dataset.id;
    if (id) onHover(id, e);
    else onLeave();
  });
  svg.addEventListener('mouseleave', () => onLeave());

  return {
    get mode() {
      return mode;
    },
    get focus() {
      return lastFocus;
    },
    draw,
    paint,
    ids: () => idSet,
    has: (id) => paths.has(id),
    select(id) {
      for (const [k, list] of paths) for (const p of list) p.classList.toggle('selected', k === id);
      raise(id);
    },
    markChanged(changed) {
      for (const [id, list] of paths) {
        for (const p of list) {
          p.classList.toggle('changed', changed.has(id));
          p.classList.toggle('dimmed', changed.size > 0 && !changed.has(id));
        }
      }
      for (const id of changed) raise(id);
    },
    // Symbols at places: [{id, title, lon, lat, href (an image URL)}], drawn over the shapes and
    // letting clicks through to them; a new list replaces the last.
    markers(list) {
      for (const g of svg.querySelectorAll('g.markers')) g.remove();
      if (!project || !list.length) return;
      const g = document.createElementNS(svgNs, 'g');
      g.setAttribute('class', 'markers');
      for (const m of list) {
        const xy = project([m.lon, m.lat]);
        if (!xy || !Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) continue;
        const img = document.createElementNS(svgNs, 'image');
        img.setAttribute('href', m.href);
        img.setAttribute('width', '22');
        img.setAttribute('height', '22');
        img.setAttribute('x', String(xy[0] - 11));
        img.setAttribute('y', String(xy[1] - 11));
        img.setAttribute('class', 'hq-marker');
        img.dataset.unit = m.id;
        const title = document.createElementNS(svgNs, 'title');
        title.textContent = m.title;
        img.append(title);
        g.append(img);
      }
      svg.append(g);
    },
    highlight(legendKey) {
      for (const list of paths.values()) for (const p of list) p.classList.toggle('faded', !!legendKey && p.dataset.legend !== legendKey);
    },
  };
}
