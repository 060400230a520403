// SPDX-License-Identifier: EUPL-1.2
// Waitlist entries' SQL (issue 10, item 5). A resident waits at most once per slot: the
// partial unique index waitlist_entries_waiting_resident (both databases).
#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

constexpr const char* entry_columns =
    "id, site_id, floor_id, zone_id, resident_id, date, half, state, created_at, state_changed_at, booking_id";

WaitlistEntry read_entry(const Row& r) {
    WaitlistEntry e;
    read_columns(r, 0, e.id, e.site_id, e.floor_id, e.zone_id, e.resident_id, e.date, e.half, e.state, e.created_at,
                 e.state_changed_at, e.booking_id);
    return e;
}

std::string select_where(std::string_view where) {
    return fmt::format("SELECT {} FROM waitlist_entries WHERE {}", entry_columns, where);
}

Error entry_unique_error(std::string_view) { return errors::already_waiting(); }

// occupancy analytics (issue 13, item 1): the entries never served, matching a condition
// ({}), added to the daily counters of desk_demand_days.
constexpr const char* keep_unserved =
    "INSERT INTO desk_demand_days (site_id, date, half, waitlist_unserved) "
    "SELECT site_id, date, half, count(*) FROM waitlist_entries WHERE {} AND state <> 'promoted' "
    "GROUP BY site_id, date, half ON CONFLICT (site_id, date, half) "
    "DO UPDATE SET waitlist_unserved = desk_demand_days.waitlist_unserved + excluded.waitlist_unserved";

const Meaning entry_meaning{.label = feminine("inscription en liste d'attente"), .unique_error = entry_unique_error};

class SqlWaitlist final : public WaitlistStore {
public:
    explicit SqlWaitlist(Connection& c) : c_(c) {}

    Result<WaitlistEntryId> insert(const WaitlistEntry& e) override {
        return c_.insert("INSERT INTO waitlist_entries (site_id, floor_id, zone_id, resident_id, date, half, state, "
                         "created_at, state_changed_at, booking_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)",
                         params(e.site_id, e.floor_id, e.zone_id, e.resident_id, e.date, e.half, e.state, e.created_at,
                                e.booking_id),
                         entry_meaning);
    }

    Result<void> hold_slot(SiteId site, Date d, Half h) override {
        return c_.lock(fmt::format("escale-waitlist:{}:{}:{}", site, format_date(d), to_string(h)));
    }

    Result<std::optional<WaitlistEntry>> find(WaitlistEntryId id) override {
        static const std::string sql = select_where("id = $1");
        return first_row(c_, sql, params(id), read_entry);
    }

    Result<std::vector<WaitlistEntry>> waiting_for(SiteId site, Date d, Half h) override {
        static const std::string sql =
            select_where("site_id = $1 AND date = $2 AND half = $3 AND state = 'waiting' ORDER BY id");
        return rows(c_, sql, params(site, d, h), read_entry);
    }

    Result<std::vector<WaitlistEntry>> of(ResidentId r, std::optional<Date> from) override {
        if (!from) {
            static const std::string sql = select_where("resident_id = $1 ORDER BY date, half, id");
            return rows(c_, sql, params(r), read_entry);
        }
        static const std::string sql = select_where("resident_id = $1 AND date >= $2 ORDER BY date, half, id");
        return rows(c_, sql, params(r, *from), read_entry);
    }

    Result<bool> change_state(WaitlistEntryId id, WaitlistState from, WaitlistState to, Instant at,
                              std::optional<BookingId> booking) override {
        ESCALE_TRY(int n, execute(c_,
                                  "UPDATE waitlist_entries SET state = $1, state_changed_at = $2, "
                                  "booking_id = COALESCE(CAST($3 AS BIGINT), booking_id) WHERE id = $4 AND state = $5",
                                  params(to, at, booking, id, from), entry_meaning));
        return n == 1;
    }

    // Both first add the entries never served to the site's daily counters (occupancy
    // analytics, issue 13: the demand turned away survives the purge unchanged).
    Result<int> delete_before(SiteId site, Date before) override {
        ESCALE_TRY_VOID(execute(c_, fmt::format(keep_unserved, "site_id = $1 AND date < $2"), params(site, before)));
        return execute(c_, "DELETE FROM waitlist_entries WHERE site_id = $1 AND date < $2", params(site, before));
    }

    Result<int> delete_of(ResidentId r) override {
        ESCALE_TRY_VOID(execute(c_, fmt::format(keep_unserved, "resident_id = $1"), params(r)));
        return execute(c_, "DELETE FROM waitlist_entries WHERE resident_id = $1", params(r));
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<WaitlistStore> waitlist_room(Connection& c) { return std::make_unique<SqlWaitlist>(c); }

}  // namespace escale::sql
