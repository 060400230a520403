// SPDX-License-Identifier: EUPL-1.2
#include "store/sqlite/local_date_function.hpp"

#include <string>

#include <date/tz.h>
#include <fmt/format.h>
#include <sqlite3.h>

namespace escale::sqlite {
namespace {

void local_date(sqlite3_context* ctx, int, sqlite3_value** args) {
    if (sqlite3_value_type(args[0]) == SQLITE_NULL || sqlite3_value_type(args[1]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    auto seconds = std::chrono::seconds{sqlite3_value_int64(args[0])};
    std::string zone_name(reinterpret_cast<const char*>(sqlite3_value_text(args[1])));
    try {
        auto local = date::locate_zone(zone_name)->to_local(date::sys_seconds{seconds});
        date::year_month_day day{date::floor<date::days>(local)};
        auto text = fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                                static_cast<unsigned>(day.day()));
        sqlite3_result_text(ctx, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    } catch (const std::exception& e) {
        sqlite3_result_error(ctx, e.what(), -1);
    }
}

}  // namespace

void add_local_date_function(sqlite3* db) {
    sqlite3_create_function_v2(db, "escale_local_date", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, local_date,
                               nullptr, nullptr, nullptr);
}

}  // namespace escale::sqlite
