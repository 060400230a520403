// SPDX-License-Identifier: EUPL-1.2
// The PostgreSQL schema as an ordered list of migrations; the table schema_migrations
// records which are applied. A released migration is never edited: add a new one.
#pragma once

#include <span>
#include <string_view>

namespace escale::postgres {

std::span<const std::string_view> migrations();

}  // namespace escale::postgres
