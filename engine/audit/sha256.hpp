// Moved to util/sha256.hpp (the start-up snapshot uses it too); the audit's
// names stay.
#pragma once

#include "util/sha256.hpp"

namespace luohu::audit {
using luohu::sha256_file;
using luohu::sha256_hex;
}  // namespace luohu::audit
