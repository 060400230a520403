// SPDX-License-Identifier: EUPL-1.2
// Precompiled header of the store: what every room's SQL includes (the rooms' interfaces,
// the query helpers, the columns' readers, the errors), parsed once per build.
#pragma once
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"
