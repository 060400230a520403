// SPDX-License-Identifier: EUPL-1.2
// The SQLite schema as an ordered list of migrations; PRAGMA user_version records how many
// have been applied. A migration, once released, is never edited: add a new one.
#pragma once

#include <span>
#include <string_view>

namespace escale::sqlite {

std::span<const std::string_view> migrations();

}  // namespace escale::sqlite
