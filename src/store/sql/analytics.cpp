// SPDX-License-Identifier: EUPL-1.2
// The occupancy analytics' SQL (issue 13, item 1): desk usage and turned-away demand grouped
// in the database (a year of a 750-desk site is some 150,000 bookings; the index
// desk_bookings_usage covers the desk query), space bookings and flash counts row by row.
#include <fmt/format.h>

#include "core/try.hpp"
#include "store/analytics_store.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

const Meaning flash_meaning{.label = masculine("comptage flash")};

class SqlAnalytics final : public AnalyticsStore {
public:
    explicit SqlAnalytics(Connection& c) : c_(c) {}

    Result<std::vector<DeskUsageCount>> desk_usage(SiteId site, Date from, Date to) override {
        static const std::string sql =
            "SELECT b.date, b.half, d.floor_id, d.zone_id, b.service_id, count(*), "
            "sum(CASE WHEN b.state IN ('checked_in', 'released') THEN 1 ELSE 0 END), "
            "sum(CASE WHEN b.state = 'no_show' THEN 1 ELSE 0 END) "
            "FROM desk_bookings b JOIN desks d ON d.id = b.desk_id "
            "WHERE b.site_id = $1 AND b.date BETWEEN $2 AND $3 AND b.state <> 'cancelled' "
            "GROUP BY b.date, b.half, d.floor_id, d.zone_id, b.service_id ORDER BY b.date, b.half";
        return rows(c_, sql, params(site, from, to), [](const Row& r) {
            DeskUsageCount c;
            read_columns(r, 0, c.date, c.half, c.floor_id, c.zone_id, c.service_id, c.booked, c.checked_in, c.no_show);
            return c;
        });
    }

    Result<std::vector<SpaceUsage>> space_usage(SiteId site, Instant from, Instant to) override {
        static const std::string sql =
            "SELECT space_id, service_id, start_at, end_at, attendees, CASE WHEN state = 'no_show' THEN 1 ELSE 0 END "
            "FROM space_bookings WHERE site_id = $1 AND end_at > $2 AND start_at < $3 AND state <> 'cancelled' "
            "ORDER BY start_at";
        return rows(c_, sql, params(site, from, to), [](const Row& r) {
            SpaceUsage u;
            int unused = 0;
            read_columns(r, 0, u.space_id, u.service_id, u.start_at, u.end_at, u.attendees, unused);
            u.unused = unused != 0;
            return u;
        });
    }

    Result<std::vector<TurnedAwayCount>> turned_away(SiteId site, Date from, Date to) override {
        static const std::string sql =
            "SELECT date, half, CAST(sum(unserved) AS INTEGER), CAST(sum(refused) AS INTEGER) FROM ("
            "SELECT date, half, count(*) AS unserved, 0 AS refused FROM waitlist_entries "
            "WHERE site_id = $1 AND date BETWEEN $2 AND $3 AND state <> 'promoted' GROUP BY date, half "
            "UNION ALL SELECT date, half, waitlist_unserved, refused FROM desk_demand_days "
            "WHERE site_id = $1 AND date BETWEEN $2 AND $3) t GROUP BY date, half ORDER BY date, half";
        return rows(c_, sql, params(site, from, to), [](const Row& r) {
            TurnedAwayCount c;
            read_columns(r, 0, c.date, c.half, c.waitlist_unserved, c.refused);
            return c;
        });
    }

    Result<void> note_refusal(SiteId site, Date d, Half h) override {
        ESCALE_TRY_VOID(execute(c_,
                                "INSERT INTO desk_demand_days (site_id, date, half, refused) VALUES ($1, $2, $3, 1) "
                                "ON CONFLICT (site_id, date, half) DO UPDATE SET refused = desk_demand_days.refused + 1",
                                params(site, d, h)));
        return {};
    }

    Result<FlashCountId> insert_flash_count(const FlashCount& f) override {
        return c_.insert("INSERT INTO flash_counts (site_id, floor_id, counted_at, date, half, people) "
                         "VALUES ($1, $2, $3, $4, $5, $6)",
                         params(f.site_id, f.floor_id, f.counted_at, f.date, f.half, f.people), flash_meaning);
    }

    Result<std::vector<FlashCount>> flash_counts(SiteId site, Date from, Date to) override {
        static const std::string sql =
            "SELECT id, site_id, floor_id, counted_at, date, half, people FROM flash_counts "
            "WHERE site_id = $1 AND date BETWEEN $2 AND $3 ORDER BY counted_at, id";
        return rows(c_, sql, params(site, from, to), [](const Row& r) {
            FlashCount f;
            read_columns(r, 0, f.id, f.site_id, f.floor_id, f.counted_at, f.date, f.half, f.people);
            return f;
        });
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<AnalyticsStore> analytics_room(Connection& c) { return std::make_unique<SqlAnalytics>(c); }

}  // namespace escale::sql
