// The world outline (world-atlas countries-110m, vendored) drawn in an equirectangular projection, with a pin per organisation.
// A TopoJSON decoder of our own: arcs are delta-encoded and quantised; a negative arc index ~i is arc i reversed.
import { svg } from './dom.js';

const WIDTH = 360;
const TOP = 90 - 84; // crop the poles: 84° N …
const HEIGHT = 90 + 58 - TOP; // … to 58° S

let outline;

function project([longitude, latitude]) {
  return [longitude + 180, 90 - latitude];
}

function decodeArcs(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

// The outline is not cut at the antimeridian: a ring that crosses it (Russia, Fiji) is unwrapped into one continuous ring,
// moved so that most of it is on the map; the part beyond ±180° falls outside the picture.
function unwrap(points) {
  let shift = 0;
  const continuous = points.map(([longitude, latitude], i) => {
    if (i > 0) {
      const previous = points[i - 1][0];
      if (longitude - previous > 180) shift -= 360;
      else if (previous - longitude > 180) shift += 360;
    }
    return [longitude + shift, latitude];
  });
  const mean = continuous.reduce((sum, [longitude]) => sum + longitude, 0) / continuous.length;
  const offset = mean > 180 ? -360 : mean < -180 ? 360 : 0;
  return continuous.map(([longitude, latitude]) => [longitude + offset, latitude]);
}

function ringPath(ring, arcs) {
  const points = [];
  for (const index of ring) {
    const arc = index < 0 ? [...arcs[~index]].reverse() : arcs[index];
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  if (points.every(([, latitude]) => latitude < -58)) return ''; // Antarctica: below the picture
  return 'M' + unwrap(points).map((p) => project(p).map((v) => v.toFixed(1)).join(' ')).join('L') + 'Z';
}

function geometryPath(geometry, arcs) {
  const polygons = geometry.type === 'Polygon' ? [geometry.arcs] : geometry.type === 'MultiPolygon' ? geometry.arcs : [];
  return polygons.flatMap((polygon) => polygon.map((ring) => ringPath(ring, arcs))).join('');
}

/** The countries as one SVG path string, fetched and decoded once. */
function worldOutline() {
  outline ??= fetch('vendor/world-atlas/countries-110m.json')
    .then((response) => response.json())
    .then((topology) => {
      const arcs = decodeArcs(topology);
      return topology.objects.countries.geometries.map((g) => geometryPath(g, arcs)).join('');
    });
  return outline;
}

/** A figure with the map and a pin for every organisation that has coordinates. */
export function organisationMap(organisations) {
  const located = organisations.filter((o) => o.organisation?.coordinates);
  const land = svg('path', { class: 'land', d: '' });
  const pins = located.map((o) => {
    const [x, y] = project([o.organisation.coordinates.longitude, o.organisation.coordinates.latitude]);
    return svg('circle', { class: 'pin', cx: x.toFixed(2), cy: y.toFixed(2), r: 1.6 }, svg('title', {}, o.organisation.name));
  });
  const picture = svg('svg', { viewBox: `0 ${TOP} ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': `World map with ${located.length} organisations` }, land, ...pins);
  worldOutline().then((d) => land.setAttribute('d', d)).catch(() => land.remove());
  const figure = document.createElement('figure');
  figure.className = 'map';
  const caption = document.createElement('figcaption');
  caption.textContent = `${located.length} of ${organisations.length} listed organisations have coordinates.`;
  figure.append(picture, caption);
  return figure;
}
