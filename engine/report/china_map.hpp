// The map of China the HTML audit report draws: provinces, national border, ten-dash line and the
// South China Sea inset as projected SVG paths, with prefecture centres. Generated from npm data
// packages by scripts/map/build-map.mjs into report/assets/china_map.cpp (scripts/map/README.md).
#pragma once

#include <string_view>

namespace luohu {

// JSON: {sources[], width, height, provinces[{code, name, d, cx, cy}], inner, border, dashes,
// neighbours, inset{x, y, w, h, land, dashes, neighbours}, points[{province, name, x, y}]}.
std::string_view china_map_json();

}  // namespace luohu
