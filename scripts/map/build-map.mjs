// Builds engine/report/assets/china_map.cpp: the audit report's map of China as projected SVG paths.
//   cd scripts/map && npm ci && node build-map.mjs            (writes the file)
//   node build-map.mjs --check                                (exit 1 if the committed file differs)
// Sources (scripts/map/README.md says why these):
//   china-geojson: the 34 provincial-level divisions (with Taiwan, Hong Kong, Macao) and each
//     prefecture's centre point, the province fills;
//   @surbowl/world-geo-json-zh: China's national border drawn after the Ministry of Natural Resources'
//     standard map (GS(2023)2767), with the South China Sea islands and the ten-dash line, and the
//     neighbouring countries, for the border line and the South China Sea inset.
// Projection: Albers equal-area conic, standard parallels 25°N and 47°N, central meridian 105°E, as
// China's national maps use; provinces simplified topologically (shared borders stay shared, no gaps).
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { geoAlbers, geoArea, geoPath, geoBounds } from "d3-geo";
import { topology } from "topojson-server";
import { presimplify, simplify, quantile } from "topojson-simplify";
import { feature, mesh } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const out = join(here, "../../engine/report/assets/china_map.cpp");
const pkg = (name) => require(`${name}/package.json`);
const readJson = (name, file) => JSON.parse(readFileSync(require.resolve(`${name}/${file}`), "utf8"));

// d3-geo reads polygons on the sphere: a ring wound the other way (as RFC 7946 and these packages
// wind them) is the rest of the globe. Rewind each part so it encloses less than a hemisphere.
function rewind(geometry) {
  const fix = (poly) => (geoArea({ type: "Polygon", coordinates: poly }) > 2 * Math.PI ? poly.map((r) => [...r].reverse()) : poly);
  if (geometry.type === "Polygon") return { ...geometry, coordinates: fix(geometry.coordinates) };
  if (geometry.type === "MultiPolygon") return { ...geometry, coordinates: geometry.coordinates.map(fix) };
  return geometry;
}
const rewound = (f) => ({ ...f, geometry: rewind(f.geometry) });

const W = 1120, H = 760;  // the SVG's user units: the main map on the left 1000, the inset at the lower right
const round = (v) => Math.round(v * 10) / 10;

// --- provinces (china-geojson): codes are the first two digits of GB/T 2260 -----------------
const china = readJson("china-geojson", "src/geojson/china.json");
// Hong Kong and Macao carry their code as the feature's id; the package's own 南海诸岛 sketch has none.
const provinces = china.features
  .map((f) => ({ ...f, properties: { ...f.properties, id: String(f.properties.id || f.id || "") } }))
  .filter((f) => f.properties.id);
if (provinces.length !== 34) throw new Error(`expected 34 provincial-level divisions, got ${provinces.length}`);

// --- national border, islands and the ten-dash line (@surbowl/world-geo-json-zh) -------------
const world = readJson("@surbowl/world-geo-json-zh", "world.zh.json");
const cn = world.features.find((f) => f.properties.iso_a3 === "CHN");
// The annotated .jsonc names each part of China's MultiPolygon; the ten-dash line is one section.
const jsonc = readFileSync(require.resolve("@surbowl/world-geo-json-zh/world.zh.jsonc"), "utf8").split("\n");
const dashes = [];
for (let i = jsonc.findIndex((l) => l.trim() === "// ==== 中国南海海域十段线 ===="); i > 0 && i < jsonc.length; i++) {
  const line = jsonc[i].trim();
  if (line.startsWith("// geometry end")) break;
  if (line.startsWith("[[[")) dashes.push(JSON.parse(line.replace(/,$/, "")));
}
if (dashes.length !== 10) throw new Error(`expected the ten-dash line's 10 dashes, got ${dashes.length}`);
const isDash = (poly) => dashes.some((d) => JSON.stringify(d) === JSON.stringify(poly));
const land = { type: "MultiPolygon", coordinates: cn.geometry.coordinates.filter((p) => !isDash(p)) };
const dashGeom = { type: "MultiPolygon", coordinates: dashes };
const cnParts = world.features.filter((f) => ["CHN", "TWN", "HKG", "MAC"].includes(f.properties.iso_a3));
// Neighbours: every country whose bounds meet the mapped area, drawn faint for context.
const near = ([[x0, y0], [x1, y1]]) => x1 > 60 && x0 < 150 && y1 > 0 && y0 < 58;
const neighbours = world.features.filter((f) => !cnParts.includes(f) && near(geoBounds(rewound(f))));

// --- main map: the mainland, Hainan and Taiwan; the southern sea goes to the inset -------------
const main = geoAlbers().parallels([25, 47]).rotate([-105, 0]).center([0, 0]);
const mainFrame = { type: "Feature", geometry: { type: "MultiPoint", coordinates: [[73.5, 39], [135.1, 48.4], [109, 53.6], [110, 18.1], [98, 21], [122, 25]] } };
main.fitExtent([[10, 10], [990, H - 10]], mainFrame);
main.clipExtent([[0, 0], [W, H]]);

// Topological simplification keeps neighbouring provinces' shared borders identical.
let topo = topology({ provinces: { type: "FeatureCollection", features: provinces } }, 1e5);
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, 0.35));
const simplified = feature(topo, topo.objects.provinces).features;

const path = geoPath(main).digits(1);
const shape = (g) => path(g.type === "Feature" ? rewound(g) : rewind(g)) || "";

// --- inset: the South China Sea islands (南海诸岛) at the lower right, as on the national map ---
const insetBox = { x: W - 176, y: H - 246, w: 170, h: 240 };
const inset = geoAlbers().parallels([25, 47]).rotate([-105, 0]).center([0, 0]);
inset.fitExtent([[insetBox.x + 6, insetBox.y + 6], [insetBox.x + insetBox.w - 6, insetBox.y + insetBox.h - 16]],
  { type: "MultiPoint", coordinates: [[107, 24.5], [123, 24.5], [107, 3], [123, 3]] });
inset.clipExtent([[insetBox.x, insetBox.y], [insetBox.x + insetBox.w, insetBox.y + insetBox.h]]);
const ipathRaw = geoPath(inset).digits(1);
const ipath = (g) => ipathRaw(g.type === "Feature" ? rewound(g) : rewind(g));

// Each prefecture's centre (cp) from the province files, for the cities drawn as points.
// The package's index.js maps each short province name to its file (read as text: it is requires).
const provinceFile = {};
const index = readFileSync(require.resolve("china-geojson/index.js"), "utf8");
for (const m of index.matchAll(/'([^']+)': require\('\.\/(src\/geojson\/[^']+)'\)/g)) provinceFile[m[1]] = m[2];
const points = [];
for (const p of provinces) {
  const code = p.properties.id;
  const file = provinceFile[p.properties.name];
  if (!file) throw new Error(`no province file for ${p.properties.name}`);
  const sub = readJson("china-geojson", file);
  const municipality = ["11", "12", "31", "50", "81", "82", "71"].includes(code);
  const list = municipality ? [{ name: p.properties.name, cp: p.properties.cp }] : sub.features.map((f) => f.properties);
  for (const c of list) {
    if (!c.cp) continue;
    const xy = main(c.cp);
    if (xy) points.push({ province: code, name: c.name, x: round(xy[0]), y: round(xy[1]) });
  }
}

const version = (name) => `${name}@${pkg(name).version}`;
const data = {
  generator: "scripts/map/build-map.mjs",
  sources: [
    { package: version("china-geojson"), licence: pkg("china-geojson").licenses || pkg("china-geojson").license, use: "provinces, prefecture centres" },
    { package: version("@surbowl/world-geo-json-zh"), licence: pkg("@surbowl/world-geo-json-zh").license, use: "national border, South China Sea islands, ten-dash line, neighbours" },
  ],
  projection: "Albers equal-area conic, parallels 25°N 47°N, central meridian 105°E",
  width: W, height: H,
  provinces: simplified.map((f, i) => {
    const [cx, cy] = path.centroid(rewound(provinces[i]));  // topojson keeps the features' order
    return { code: provinces[i].properties.id, name: provinces[i].properties.name, d: shape(f), cx: round(cx), cy: round(cy) };
  }).sort((a, b) => a.code.localeCompare(b.code)),
  inner: shape(mesh(topo, topo.objects.provinces, (a, b) => a !== b)),
  border: shape(land),
  dashes: shape(dashGeom),
  neighbours: neighbours.map((f) => shape(f)).filter(Boolean).join(""),
  inset: {
    ...insetBox,
    label_zh: "南海诸岛", label_en: "South China Sea Islands",
    land: ipath(land) || "", dashes: ipath(dashGeom) || "",
    neighbours: neighbours.map((f) => ipath(f)).filter(Boolean).join(""),
  },
  points,
};

// One feature per line so a change to the data is a readable diff.
const json = "{\n" + Object.entries(data).map(([k, v]) =>
  JSON.stringify(k) + ":" + (Array.isArray(v) && typeof v[0] === "object" ? "[\n" + v.map((x) => JSON.stringify(x)).join(",\n") + "]" : JSON.stringify(v))
).join(",\n") + "\n}";
if (json.includes(")MAP\"")) throw new Error("the data contains the raw string's delimiter");
const cpp = `// Generated by scripts/map/build-map.mjs from ${version("china-geojson")} and ${version("@surbowl/world-geo-json-zh")}
// (see scripts/map/README.md). Do not edit: run \`cd scripts/map && npm ci && node build-map.mjs\`.
#include "report/china_map.hpp"

namespace luohu {

std::string_view china_map_json() {
  return R"MAP(${json})MAP";
}

}  // namespace luohu
`;
if (process.argv.includes("--check")) {
  let old = "";
  try { old = readFileSync(out, "utf8"); } catch { /* missing: differs */ }
  if (old !== cpp) { console.error(`${out} is not what build-map.mjs makes from the pinned packages: run it and commit`); process.exit(1); }
  console.log(`china_map.cpp matches ${version("china-geojson")} + ${version("@surbowl/world-geo-json-zh")}`);
} else {
  writeFileSync(out + ".tmp", cpp);
  renameSync(out + ".tmp", out);
  console.log(`wrote ${out}: ${data.provinces.length} provinces, ${points.length} city points, ${cpp.length} bytes`);
}
