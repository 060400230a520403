// SPDX-License-Identifier: EUPL-1.2
// Calendar feeds' SQL: one row per resident (primary key), the token unique; the same per
// collective space in space_calendar_feeds.
#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

CalendarFeed read_feed(const Row& r) {
    CalendarFeed f;
    read_columns(r, 0, f.resident_id, f.token, f.created_at);
    return f;
}

SpaceCalendarFeed read_space_feed(const Row& r) {
    SpaceCalendarFeed f;
    read_columns(r, 0, f.space_id, f.token, f.created_at);
    return f;
}

const Meaning feed_meaning{.label = masculine("abonnement d'agenda")};

class SqlCalendarFeeds final : public CalendarFeedStore {
public:
    explicit SqlCalendarFeeds(Connection& c) : c_(c) {}

    Result<std::optional<CalendarFeed>> of_resident(ResidentId r) override {
        return first_row(c_, "SELECT resident_id, token, created_at FROM calendar_feeds WHERE resident_id = $1",
                         params(r), read_feed);
    }

    Result<std::optional<CalendarFeed>> find(const std::string& token) override {
        return first_row(c_, "SELECT resident_id, token, created_at FROM calendar_feeds WHERE token = $1",
                         params(token), read_feed);
    }

    Result<void> insert(const CalendarFeed& f) override {
        ESCALE_TRY_VOID(execute(c_, "INSERT INTO calendar_feeds (resident_id, token, created_at) VALUES ($1, $2, $3)",
                                params(f.resident_id, f.token, f.created_at), feed_meaning));
        return {};
    }

    Result<void> remove(ResidentId r) override {
        ESCALE_TRY_VOID(execute(c_, "DELETE FROM calendar_feeds WHERE resident_id = $1", params(r)));
        return {};
    }

    Result<std::optional<SpaceCalendarFeed>> of_space(SpaceId s) override {
        return first_row(c_, "SELECT space_id, token, created_at FROM space_calendar_feeds WHERE space_id = $1",
                         params(s), read_space_feed);
    }

    Result<std::optional<SpaceCalendarFeed>> find_space_feed(const std::string& token) override {
        return first_row(c_, "SELECT space_id, token, created_at FROM space_calendar_feeds WHERE token = $1",
                         params(token), read_space_feed);
    }

    Result<void> insert(const SpaceCalendarFeed& f) override {
        ESCALE_TRY_VOID(execute(c_, "INSERT INTO space_calendar_feeds (space_id, token, created_at) VALUES ($1, $2, $3)",
                                params(f.space_id, f.token, f.created_at), feed_meaning));
        return {};
    }

    Result<void> remove_space_feed(SpaceId s) override {
        ESCALE_TRY_VOID(execute(c_, "DELETE FROM space_calendar_feeds WHERE space_id = $1", params(s)));
        return {};
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<CalendarFeedStore> calendar_feed_room(Connection& c) { return std::make_unique<SqlCalendarFeeds>(c); }

}  // namespace escale::sql
