// SPDX-License-Identifier: EUPL-1.2
// The occupancy analytics' SQL (issue 13, item 1): desk and space usage read from the daily
// counters of migration v23 (a year of a 750-desk site is some 150,000 desk bookings but
// about 20,000 counter rows), turned-away demand grouped in the database, flash counts row by
// row. A counter's 0 stands for no quartier or no service. Reads over a period are planned
// with their dates (Planning::with_values): a period is a week or a year; the counters, up to
// a year of a site's, are streamed (Connection::stream). The settled days of the servers'
// caches are told apart by migration v24 (SQLite) / v26 (PostgreSQL).
#include <random>

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

    Result<void> desk_usage(SiteId site, Date from, Date to,
                            const std::function<void(const DeskUsageCount&)>& each) override {
        static const std::string sql =
            "SELECT date, half, floor_id, nullif(zone_id, 0), nullif(service_id, 0), booked, checked_in, no_show "
            "FROM desk_usage_days WHERE site_id = $1 AND date BETWEEN $2 AND $3 AND booked > 0";
        return stream_rows(c_, sql, params(site, from, to), [](const Row& r) {
            DeskUsageCount c;
            read_columns(r, 0, c.date, c.half, c.floor_id, c.zone_id, c.service_id, c.booked, c.checked_in, c.no_show);
            return c;
        }, each);
    }

    Result<void> space_usage(SiteId site, Date from, Date to,
                             const std::function<void(const SpaceUsageDay&)>& each) override {
        static const std::string sql =
            "SELECT date, space_id, bookings, seconds, attendees, unused FROM space_usage_days "
            "WHERE site_id = $1 AND date BETWEEN $2 AND $3 AND bookings > 0";
        return stream_rows(c_, sql, params(site, from, to), [](const Row& r) {
            SpaceUsageDay u;
            read_columns(r, 0, u.date, u.space_id, u.bookings, u.seconds, u.attendees, u.unused);
            return u;
        }, each);
    }

    Result<std::vector<SpaceUsageDay>> space_service_usage(SiteId site, Date from, Date to) override {
        static const std::string sql =
            "SELECT date, nullif(service_id, 0), bookings, seconds, attendees, seats, unused FROM space_service_days "
            "WHERE site_id = $1 AND date BETWEEN $2 AND $3 AND bookings > 0 ORDER BY date, service_id";
        return rows(c_, sql, params(site, from, to), [](const Row& r) {
            SpaceUsageDay u;
            read_columns(r, 0, u.date, u.service_id, u.bookings, u.seconds, u.attendees, u.seats, u.unused);
            return u;
        }, {}, Planning::with_values);
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
        }, {}, Planning::with_values);
    }

    Result<void> note_refusals(SiteId site, Date d, Half h, int n) override {
        ESCALE_TRY_VOID(execute(c_,
                                "INSERT INTO desk_demand_days (site_id, date, half, refused) VALUES ($1, $2, $3, $4) "
                                "ON CONFLICT (site_id, date, half) DO UPDATE SET refused = desk_demand_days.refused + $4",
                                params(site, d, h, n)));
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
        }, {}, Planning::with_values);
    }

    Result<SettledDays> settled_days(SiteId site) override {
        ESCALE_TRY(auto found, rows(c_, "SELECT settled_before, generation FROM analytics_settled WHERE site_id = $1",
                                    params(site), [](const Row& r) {
                                        SettledDays s;
                                        read_columns(r, 0, s.before, s.generation);
                                        return s;
                                    }));
        return found.empty() ? SettledDays{} : found.front();
    }

    Result<void> settle_days_before(SiteId site, Date before) override {
        ESCALE_TRY_VOID(c_.exclude_writers("desk_usage_days"));
        ESCALE_TRY_VOID(c_.exclude_writers("space_usage_days"));
        // A site's first boundary starts its generation at random: a site deleted, then another
        // given its id (SQLite reuses the largest), never meets the folds kept of the first.
        static thread_local std::mt19937_64 random{std::random_device{}()};
        const auto first_generation = static_cast<std::int64_t>(random() >> 2);
        ESCALE_TRY_VOID(execute(c_,
                                "INSERT INTO analytics_settled (site_id, settled_before, generation) VALUES ($1, $2, $3) "
                                "ON CONFLICT (site_id) DO UPDATE SET settled_before = EXCLUDED.settled_before "
                                "WHERE analytics_settled.settled_before < EXCLUDED.settled_before",
                                params(site, before, first_generation)));
        return {};
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<AnalyticsStore> analytics_room(Connection& c) { return std::make_unique<SqlAnalytics>(c); }

}  // namespace escale::sql
