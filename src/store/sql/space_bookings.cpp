// SPDX-License-Identifier: EUPL-1.2
// Collective space bookings' SQL. Ranges are [start_at, end_at) in seconds; two ranges
// overlap when each starts before the other ends. Which states are live comes from core
// (live_states), written into each statement as literals so that the partial index on live
// bookings is used.
#include <string>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/try.hpp"
#include "store/sql/booking_sql.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

constexpr const char* columns =
    "id, site_id, space_id, resident_id, start_at, end_at, attendees, subject, state, created_at, created_by, service_id";

SpaceBooking read_booking(const Row& r) {
    SpaceBooking b;
    read_columns(r, 0, b.id, b.site_id, b.space_id, b.resident_id, b.start, b.end, b.attendees, b.subject, b.state,
                 b.created_at, b.created_by, b.service_id);
    return b;
}

Error exclusion_error(std::string_view) { return errors::range_just_taken(); }

const Meaning writing{.label = feminine("réservation"), .exclusion_error = exclusion_error};

class SqlSpaceBookings final : public SpaceBookingStore {
public:
    explicit SqlSpaceBookings(Connection& c) : c_(c) {}

    Result<void> hold_space(SpaceId space) override { return c_.lock("escale-space:" + std::to_string(space)); }

    Result<SpaceBookingId> insert(const SpaceBooking& b) override {
        static const std::string sql =
            "INSERT INTO space_bookings (site_id, space_id, resident_id, start_at, end_at, attendees, subject, state, "
            "created_at, created_by, state_changed_at, service_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $11)";
        return c_.insert(sql,
                         params(b.site_id, b.space_id, b.resident_id, b.start, b.end, b.attendees, b.subject, b.state,
                                b.created_at, b.created_by, b.service_id),
                         writing);
    }

    Result<std::optional<SpaceBooking>> find(SpaceBookingId id) override {
        static const std::string sql = fmt::format("SELECT {} FROM space_bookings WHERE id = $1", columns);
        return first_row(c_, sql, params(id), read_booking);
    }

    Result<void> set_state(SpaceBookingId id, BookingState s, Instant at) override {
        ESCALE_TRY(int n, execute(c_, "UPDATE space_bookings SET state = $1, state_changed_at = $2 WHERE id = $3",
                                  params(s, at, id), writing));
        if (n == 0) return fail(errors::not_found(feminine("réservation")));
        return {};
    }

    Result<std::vector<SpaceBooking>> live_overlapping(SpaceId space, Instant start, Instant end) override {
        static const std::string sql =
            fmt::format("SELECT {} FROM space_bookings WHERE space_id = $1 AND start_at < $3 AND end_at > $2 AND {} "
                        "ORDER BY start_at",
                        columns, live("state"));
        return rows(c_, sql, params(space, start, end), read_booking);
    }

    Result<std::vector<SpaceId>> busy_spaces(SiteId site, Instant start, Instant end) override {
        static const std::string sql =
            fmt::format("SELECT DISTINCT space_id FROM space_bookings WHERE site_id = $1 AND start_at < $3 "
                        "AND end_at > $2 AND {} ORDER BY space_id",
                        live("state"));
        return rows(c_, sql, params(site, start, end), [](const Row& r) { return SpaceId{r.integer(0)}; });
    }

    Result<std::vector<SpaceBooking>> live_of(ResidentId r, Instant from, Instant until) override {
        static const std::string sql =
            fmt::format("SELECT {} FROM space_bookings WHERE resident_id = $1 AND start_at < $3 AND end_at > $2 AND {} "
                        "ORDER BY start_at, id",
                        columns, live("state"));
        return rows(c_, sql, params(r, from, until), read_booking);
    }

    Result<std::vector<SpaceBooking>> of_space(SiteId site, SpaceId space, Instant from, Instant until) override {
        static const std::string sql = fmt::format(
            "SELECT {} FROM space_bookings WHERE site_id = $1 AND end_at > $3 AND start_at < $4 AND space_id = $2 "
            "ORDER BY start_at, id",
            columns);
        return rows(c_, sql, params(site, space, from, until), read_booking);
    }

    Result<std::vector<SpaceBooking>> all_of(ResidentId r) override {
        static const std::string sql = fmt::format(
            "SELECT {} FROM space_bookings WHERE resident_id = $1 OR created_by = $1 ORDER BY start_at, id", columns);
        return rows(c_, sql, params(r), read_booking);
    }

    Result<int> anonymize_before(SiteId site, Instant before) override {
        return execute(c_,
                       "UPDATE space_bookings SET resident_id = NULL, created_by = NULL, subject = '', "
                       ESCALE_ANONYMIZED_TIMES " WHERE site_id = $1 AND end_at <= $2 "
                       "AND (resident_id IS NOT NULL OR created_by IS NOT NULL OR subject <> '')",
                       params(site, before));
    }

    Result<int> anonymize_of(ResidentId r) override {
        ESCALE_TRY(int held, execute(c_,
                                     "UPDATE space_bookings SET resident_id = NULL, created_by = NULL, subject = '', "
                                     ESCALE_ANONYMIZED_TIMES " WHERE resident_id = $1",
                                     params(r)));
        ESCALE_TRY_VOID(execute(c_, "UPDATE space_bookings SET created_by = NULL WHERE created_by = $1", params(r)));
        return held;
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<SpaceBookingStore> space_booking_room(Connection& c) { return std::make_unique<SqlSpaceBookings>(c); }

}  // namespace escale::sql
