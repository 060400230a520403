// SPDX-License-Identifier: EUPL-1.2
// The SQL function escale_local_date(instant, zone) of the SQLite driver: the local date
// ('YYYY-MM-DD') at IANA zone `zone` of `instant` (seconds since the epoch), as
// SiteCalendar::today tells it. SQLite knows no time zones; the analytics triggers of
// migration v23 place a collective-space booking on its site's local day with it, as
// PostgreSQL does with AT TIME ZONE. Registered on every connection, before migrating.
#pragma once

struct sqlite3;

namespace escale::sqlite {

void add_local_date_function(sqlite3* db);

}  // namespace escale::sqlite
