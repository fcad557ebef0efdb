// The map: Natural Earth shapes (data/topology.json) drawn once per mode ('regions': Russia's
// and Ukraine's first-level units over the countries; 'world': countries), then repainted by
// fills the caller computes. Stripes (views differ) and hatching (held in part) are SVG
// patterns made on first use. The shapes only say where regions are, never who they belong to.
// Zoom and pan (wheel, drag, pinch, the buttons, the keyboard) are d3-zoom's: one transform on
// the group of shapes, strokes that keep their width (CSS vector-effect), patterns and markers
// that keep their size on screen, so clicks, tooltips and hatching work at every zoom.
import { geoBounds, geoConicEqualArea, geoEqualEarth, geoPath } from 'd3-geo';
import { select } from 'd3-selection';
import { zoom, zoomIdentity } from 'd3-zoom';
import { feature } from 'topojson-client';
import { fitBox, MAX_ZOOM, MIN_ZOOM, PRESETS, projectedBox, transformFor, viewOf } from './zoomview.js';

const svgNs = 'http://www.w3.org/2000/svg';

// A fill: {colour} for a solid one, {stripes: [colours], style: 'disputed'|'partial'} for a
// pattern, {dots: true} for a region the record does not cover.
export function fillKey(fill) {
  if (fill.colour) return fill.colour;
  if (fill.dots) return 'dots';
  return `${fill.style}:${fill.stripes.join(',')}`;
}

// onZoom(view | null, how): the view (zoomview.js) after a zoom or pan by the person ('user')
// or a button ('button'); null when back to the fitted map. Not called for setView.
export function createMap(svg, topology, { onSelect, onHover, onLeave, onZoom = () => {} }) {
  const regions = feature(topology, topology.objects.regions).features;
  const countries = feature(topology, topology.objects.countries).features;
  let mode = '';
  let paths = new Map(); // id -> the paths of a coloured shape (some ids have two: Cyprus, Somalia…)
  let defs = null;
  const patterns = new Map(); // fill key -> pattern id
  let idSet = new Set();
  let lastFocus = null;
  let project = null; // [lon, lat] -> [x, y] of the map drawn last
  let pathOf = null;
  let size = [0, 0];
  let viewport = null; // the group the zoom transforms
  let overlay = null; // markers, in screen coordinates
  let transform = zoomIdentity;
  let geoView = null; // what the zoom shows, kept across redraws (null: the fitted map)
  let applying = false;
  const zoomer = zoom().scaleExtent([MIN_ZOOM, MAX_ZOOM]).clickDistance(4).on('zoom', zoomed);
  select(svg).call(zoomer);

  function zoomed(e) {
    transform = e.transform;
    if (viewport) viewport.setAttribute('transform', transform.toString());
    if (defs) for (const pat of defs.children) scalePattern(pat);
    placeMarkers();
    if (applying) return;
    const identity = transform.k === 1 && transform.x === 0 && transform.y === 0;
    geoView = identity || !project ? null : viewOf(project, size, transform);
    onZoom(geoView, e.sourceEvent ? 'user' : 'button');
  }

  // Patterns are drawn in the transformed group's units: scaled back, they keep their size.
  function scalePattern(pat) {
    if (!pat) return;
    const rotate = pat.dataset.rotate ? ` rotate(${pat.dataset.rotate})` : '';
    pat.setAttribute('patternTransform', `scale(${1 / transform.k})${rotate}`);
  }

  function setTransform(t) {
    select(svg).call(zoomer.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
  }

  // Shows a view without telling onZoom (a permalink, the back button, a redraw).
  function applyView(view) {
    if (!project) {
      geoView = view; // applied when the map is drawn
      return;
    }
    const t = view ? transformFor(project, size, view) : null;
    applying = true;
    try {
      setTransform(t || { k: 1, x: 0, y: 0 });
    } finally {
      applying = false;
    }
    geoView = t ? view : null;
  }

  // mode: 'regions' or 'world'; focus: ids of the regions the view has facts for (the map of
  // regions is fitted to them, with a margin, when they are few; to every region otherwise).
  function draw(nextMode, focus = null) {
    const { width, height } = svg.getBoundingClientRect();
    if (!width || !height) return false;
    lastFocus = focus;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    size = [width, height];
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
    pathOf = path;
    viewport = document.createElementNS(svgNs, 'g');
    viewport.setAttribute('class', 'viewport');
    overlay = document.createElementNS(svgNs, 'g');
    overlay.setAttribute('class', 'markers');
    const sphere = document.createElementNS(svgNs, 'path');
    sphere.setAttribute('d', path({ type: 'Sphere' }));
    sphere.setAttribute('class', 'sphere');
    viewport.append(sphere);
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
    viewport.append(back, front);
    svg.append(viewport, overlay);
    idSet = new Set(paths.keys());
    mode = nextMode;
    applyView(geoView);
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
      pat.dataset.rotate = fill.style === 'partial' ? '-45' : '45';
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
    scalePattern(pat);
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

  function placeMarkers() {
    if (!overlay) return;
    for (const img of overlay.children) {
      img.setAttribute('x', String(transform.applyX(Number(img.dataset.x)) - 11));
      img.setAttribute('y', String(transform.applyY(Number(img.dataset.y)) - 11));
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
    // Then vs now: kinds, Map id -> 'added' | 'corrected' | 'retracted' (null: not comparing).
    // Each marked shape is outlined by its kind; the others fade.
    markCompare(kinds) {
      svg.classList.toggle('comparing', !!kinds);
      for (const [id, list] of paths) {
        const k = kinds && kinds.get(id);
        for (const p of list) {
          if (k) p.dataset.cmp = k;
          else delete p.dataset.cmp;
        }
      }
      for (const id of (kinds && kinds.keys()) || []) raise(id);
    },
    // Symbols at places: [{id, title, lon, lat, href (an image URL)}], drawn over the shapes at
    // a fixed size and letting clicks through to them; a new list replaces the last.
    markers(list) {
      if (!overlay) return;
      overlay.replaceChildren();
      if (!project) return;
      for (const m of list) {
        const xy = project([m.lon, m.lat]);
        if (!xy || !Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) continue;
        const img = document.createElementNS(svgNs, 'image');
        img.setAttribute('href', m.href);
        img.setAttribute('width', '22');
        img.setAttribute('height', '22');
        img.setAttribute('class', 'hq-marker');
        img.dataset.unit = m.id;
        img.dataset.x = String(xy[0]);
        img.dataset.y = String(xy[1]);
        const title = document.createElementNS(svgNs, 'title');
        title.textContent = m.title;
        img.append(title);
        overlay.append(img);
      }
      placeMarkers();
    },
    // The zoom: the view shown (null: the fitted map), its scale, and the ways to change it.
    get view() {
      return geoView;
    },
    get scale() {
      return transform.k;
    },
    setView: applyView,
    zoomBy: (factor) => select(svg).call(zoomer.scaleBy, factor),
    panBy: (dx, dy) => select(svg).call(zoomer.translateBy, dx / transform.k, dy / transform.k),
    reset: () => setTransform({ k: 1, x: 0, y: 0 }),
    preset(id) {
      const p = PRESETS.find((x) => x.id === id);
      if (!p || !project) return;
      const box = p.box ? projectedBox(project, p.box) : pathOf.bounds({ type: 'Sphere' });
      if (box) setTransform(fitBox(box, size));
    },
    highlight(legendKey) {
      for (const list of paths.values()) for (const p of list) p.classList.toggle('faded', !!legendKey && p.dataset.legend !== legendKey);
    },
  };
}
