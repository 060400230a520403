// SPDX-License-Identifier: EUPL-1.2
// Desk bookings' SQL. Which states are live comes from core (live_states) and is written
// into each statement as literals, so that both databases use their partial indexes on live
// bookings (an index's WHERE must be implied by the query's, which a parameter cannot do).
#include <algorithm>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/try.hpp"
#include "store/sql/booking_sql.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"


namespace escale::sql {
namespace {

constexpr const char* booking_columns =
    "b.id, b.site_id, b.desk_id, b.resident_id, b.date, b.half, b.state, b.created_at, b.created_by, b.service_id";

// The same, for RETURNING (which names the updated table's columns without an alias).
constexpr const char* unqualified_booking_columns =
    "id, site_id, desk_id, resident_id, date, half, state, created_at, created_by, service_id";

DeskBooking read_booking(const Row& r) {
    DeskBooking b;
    read_columns(r, 0, b.id, b.site_id, b.desk_id, b.resident_id, b.date, b.half, b.state, b.created_at, b.created_by,
                 b.service_id);
    return b;
}

// Both inserts write the same columns; state_changed_at is the creation instant for insert.
constexpr const char* insert_booking =
    "INSERT INTO desk_bookings (site_id, desk_id, resident_id, date, half, state, created_at, created_by, "
    "state_changed_at, service_id) VALUES ";

Error booking_unique_error(std::string_view constraint) {
    return constraint == "desk_bookings_live_resident" ? errors::already_booked_that_slot() : errors::slot_taken();
}

class SqlDeskBookings final : public DeskBookingStore {
public:
    explicit SqlDeskBookings(Connection& c) : c_(c) {}

    Result<BookingId> insert(const DeskBooking& b) override {
        static const std::string sql = fmt::format("{}($1, $2, $3, $4, $5, $6, $7, $8, $7, $9)", insert_booking);
        return c_.insert(sql,
                         params(b.site_id, b.desk_id, b.resident_id, b.date, b.half, b.state, b.created_at, b.created_by,
                                b.service_id),
                         Meaning{.label = feminine("réservation"), .unique_error = booking_unique_error});
    }

    Result<void> insert_all(std::span<const BookingRecord> records) override {
        constexpr size_t per_statement = 500;  // 5,000 parameters: well under either database's limit
        for (size_t at = 0; at < records.size(); at += per_statement) {
            const auto chunk = records.subspan(at, std::min(per_statement, records.size() - at));
            std::string sql = insert_booking;
            Params p;
            p.reserve(chunk.size() * 10);
            for (size_t i = 0; i < chunk.size(); ++i) {
                const auto& b = chunk[i].booking;
                const size_t n = i * 10;
                sql += fmt::format("{}(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})", i ? ", " : "", n + 1, n + 2,
                                   n + 3, n + 4, n + 5, n + 6, n + 7, n + 8, n + 9, n + 10);
                for (auto& v : params(b.site_id, b.desk_id, b.resident_id, b.date, b.half, b.state, b.created_at,
                                      b.created_by, chunk[i].state_changed_at, b.service_id))
                    p.push_back(std::move(v));
            }
            ESCALE_TRY_VOID(execute(c_, sql, p,
                                    Meaning{.label = feminine("réservation"), .unique_error = booking_unique_error}));
        }
        return {};
    }

    Result<std::optional<DeskBooking>> find(BookingId id) override {
        static const std::string sql = fmt::format("SELECT {} FROM desk_bookings b WHERE b.id = $1", booking_columns);
        return first_row(c_, sql, params(id), read_booking);
    }

    Result<void> set_state(BookingId id, BookingState s, Instant at) override {
        ESCALE_TRY(int n, execute(c_, "UPDATE desk_bookings SET state = $1, state_changed_at = $2 WHERE id = $3",
                                  params(s, at, id), Meaning{.label = feminine("réservation")}));
        if (n == 0) return fail(errors::not_found(feminine("réservation")));
        return {};
    }

    Result<std::vector<DeskBooking>> live_of(ResidentId r, Date from, Date to) override {
        static const std::string sql =
            fmt::format("SELECT {} FROM desk_bookings b WHERE b.resident_id = $1 AND b.date BETWEEN $2 AND $3 "
                        "AND {} ORDER BY b.date, b.half",
                        booking_columns, live("b.state"));
        return rows(c_, sql, params(r, from, to), read_booking);
    }

    Result<std::vector<DeskBooking>> all_of(ResidentId r) override {
        static const std::string sql = fmt::format(
            "SELECT {} FROM desk_bookings b WHERE b.resident_id = $1 ORDER BY b.date, b.half, b.id", booking_columns);
        return rows(c_, sql, params(r), read_booking);
    }

    Result<std::vector<HalfDayCount>> live_counts(SiteId site, Date from, Date to) override {
        static const std::string sql =
            fmt::format("SELECT date, half, service_id, count(*) FROM desk_bookings "
                        "WHERE site_id = $1 AND date BETWEEN $2 AND $3 AND {} "
                        "GROUP BY date, half, service_id ORDER BY date, half, service_id",
                        live("state"));
        return rows(c_, sql, params(site, from, to), [](const Row& r) {
            HalfDayCount c;
            read_columns(r, 0, c.date, c.half, c.service_id, c.count);
            return c;
        });
    }

    Result<std::vector<SlotHolder>> slot_holders(Date d, DeskId first, DeskId last) override {
        static const std::string sql =
            fmt::format("SELECT desk_id, half, resident_id, state FROM desk_bookings WHERE date = $1 AND desk_id BETWEEN $2 AND $3 "
                        "AND {} ORDER BY desk_id",
                        live("state"));
        return rows(c_, sql, params(d, first, last), [](const Row& r) {
            SlotHolder h{r.integer(0), r.text(1).front() == 'p' ? Half::pm : Half::am, r.integer(2)};
            read(r, 3, h.state);
            return h;
        });
    }

    Result<int> anonymize_before(SiteId site, Date before) override {
        return execute(c_,
                       "UPDATE desk_bookings SET resident_id = NULL, created_by = NULL, " ESCALE_ANONYMIZED_TIMES " "
                       "WHERE site_id = $1 AND date < $2 AND (resident_id IS NOT NULL OR created_by IS NOT NULL)",
                       params(site, before));
    }

    Result<int> anonymize_of(ResidentId r) override {
        ESCALE_TRY(int held, execute(c_,
                                     "UPDATE desk_bookings SET resident_id = NULL, created_by = NULL, "
                                     ESCALE_ANONYMIZED_TIMES " WHERE resident_id = $1",
                                     params(r)));
        // Bookings made for others stay theirs: only the author is forgotten.
        ESCALE_TRY_VOID(execute(c_, "UPDATE desk_bookings SET created_by = NULL WHERE created_by = $1", params(r)));
        return held;
    }

    // ---- check-in and no-show release (issue 10, item 3) ----
    Result<std::vector<DeskBooking>> on_date_of(ResidentId r, Date d) override {
        static const std::string sql = fmt::format(
            "SELECT {} FROM desk_bookings b WHERE b.resident_id = $1 AND b.date = $2 ORDER BY b.half, b.id", booking_columns);
        return rows(c_, sql, params(r, d), read_booking);
    }

    Result<bool> change_state(BookingId id, BookingState from, BookingState to, Instant at) override {
        ESCALE_TRY(int n, execute(c_, "UPDATE desk_bookings SET state = $1, state_changed_at = $2 WHERE id = $3 AND state = $4",
                                  params(to, at, id, from), Meaning{.label = feminine("réservation"),
                                                                    .unique_error = booking_unique_error}));
        return n == 1;
    }

    Result<std::vector<DeskBooking>> mark_no_shows(SiteId site, Date d, Half h, Instant booked_before,
                                                   Instant at) override {
        static const std::string sql = fmt::format(
            "UPDATE desk_bookings SET state = $1, state_changed_at = $2 "
            "WHERE site_id = $3 AND date = $4 AND half = $5 AND state = $6 AND created_at < $7 RETURNING {}",
            unqualified_booking_columns);
        ESCALE_TRY(auto released, rows(c_, sql, params(BookingState::no_show, at, site, d, h, BookingState::reserved,
                                                       booked_before),
                                       read_booking));
        std::sort(released.begin(), released.end(), [](const DeskBooking& a, const DeskBooking& b) { return a.id < b.id; });
        return released;
    }

    // ---- fair-booking rules (issue 10, item 4) ----
    Result<void> hold_resident(ResidentId r) override { return c_.lock("escale-resident-desks:" + std::to_string(r)); }
    // live updates (issue 11): what the v17 triggers noted.
    Result<std::vector<DeskChange>> changes_since(std::int64_t at_ms) override {
        // A bound, so that a burst (a bulk import) cannot make one poll read without end; the
        // feed then catches up on the next poll, or tells its streams to read everything again.
        static const std::string sql =
            "SELECT id, floor_id, date, at FROM desk_changes WHERE at >= $1 ORDER BY id LIMIT 5000";
        return rows(c_, sql, params(at_ms), [](const Row& r) {
            DeskChange ch;
            read_columns(r, 0, ch.id, ch.floor_id, ch.date, ch.at_ms);
            return ch;
        });
    }

    Result<int> forget_changes_before(std::int64_t at_ms) override {
        return execute(c_, "DELETE FROM desk_changes WHERE at < $1", params(at_ms));
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<DeskBookingStore> desk_booking_room(Connection& c) { return std::make_unique<SqlDeskBookings>(c); }

}  // namespace escale::sql
