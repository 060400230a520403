// SPDX-License-Identifier: EUPL-1.2
// Routes of live updates (issue 11): GET /api/v1/floors/{id}/events, a floor's desk booking
// changes as Server-Sent Events, so that an open plan or list shows within a second or two
// what someone else booked or freed, on any server; GET /api/v1/sites/{id}/events, the same
// for every floor of a site, so that Ma semaine shows the resident's bookings made or
// cancelled elsewhere (another tab, a référent on their behalf). Events (`subject` is
// "floor_id": N or "site_id": N):
//   `ready`  {subject} once the stream is open; a new stream (no Last-Event-ID) starts with
//            the changes of the last 5 seconds, so that nothing is missed between the page's
//            first read and the stream (a reopened one: the page reads again);
//   `desks`  {subject, "dates"}: bookings of those days changed; its id is the database's
//            id of the last change, which a reconnecting browser sends back as Last-Event-ID;
//   `resync` {subject} the changes since Last-Event-ID are no longer known here: read again.
// A site's floors are those it had when the stream opened (a stream lasts 15 minutes at most).
// A comment line every 15 s keeps proxies and the browser from thinking the stream dead; a
// stream ends after 15 minutes and the browser reconnects (its session is checked again).
// Every stream of the process shares one app::DeskChangeFeed: one database read per poll
// interval whatever the number of streams, and at most max_streams open at once.
#include "http/routes/routes.hpp"

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/desk_change_feed.hpp"
#include "core/errors.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {
namespace {

using namespace std::chrono_literals;
constexpr auto heartbeat = 15s;
constexpr auto lifetime = 15min;
constexpr auto replay = 5s;

// The changes of some floors (one, or a site's), as events about `subject`.
class DeskEvents final : public EventStream {
public:
    DeskEvents(std::shared_ptr<app::DeskChangeFeed> feed, std::vector<FloorId> floors, std::string subject,
               std::uint64_t cursor, bool resync)
        : feed_(std::move(feed)), floors_(std::move(floors)), subject_(std::move(subject)), cursor_(cursor),
          opened_(std::chrono::steady_clock::now()), last_sent_(opened_) {
        // The browser waits 2 s before reconnecting after a drop.
        pending_ = fmt::format("retry: 2000\n\nevent: ready\ndata: {{{}}}\n\n", subject_);
        if (resync) pending_ += fmt::format("event: resync\ndata: {{{}}}\n\n", subject_);
    }
    ~DeskEvents() override { feed_->close_stream(); }

    std::optional<std::string> next() override {
        auto now = std::chrono::steady_clock::now();
        if (now - opened_ > lifetime) return std::nullopt;
        std::string out = std::move(pending_);
        pending_.clear();
        feed_->refresh();
        auto changes = feed_->of_floors(floors_, cursor_);
        cursor_ = std::max(cursor_, feed_->cursor());
        if (!changes.empty()) {
            std::set<Date> dates;
            for (auto& c : changes) dates.insert(c.date);
            std::string list;
            for (auto& d : dates) list += fmt::format("{}\"{}\"", list.empty() ? "" : ",", format_date(d));
            out += fmt::format("id: {}\nevent: desks\ndata: {{{},\"dates\":[{}]}}\n\n", changes.back().id, subject_,
                               list);
        }
        if (out.empty() && now - last_sent_ > heartbeat) out = ":\n\n";
        if (!out.empty()) last_sent_ = now;
        return out;
    }

private:
    std::shared_ptr<app::DeskChangeFeed> feed_;
    std::vector<FloorId> floors_;  // sorted
    std::string subject_;
    std::uint64_t cursor_;
    std::chrono::steady_clock::time_point opened_, last_sent_;
    std::string pending_;
};

// A stream of the changes of `floors`, opened for `c`: starting a few seconds back, or
// after the Last-Event-ID the browser sent back; refused when every stream place is taken.
Response open_desk_events(const Call& c, const std::shared_ptr<app::DeskChangeFeed>& feed, std::vector<FloorId> floors,
                          std::string subject) {
    if (!feed->open_stream()) {
        auto refused = error_response(errors::too_many_streams());
        refused.headers.emplace_back("Retry-After", "5");
        return refused;
    }
    feed->refresh();
    // A few seconds back: what changed between the page's read and now is sent too.
    std::uint64_t cursor = feed->cursor_before(std::chrono::steady_clock::now() - replay);
    bool resync = false;
    if (!c.request.last_event_id.empty()) {
        auto id = parse_id(c.request.last_event_id, "Last-Event-ID");
        auto after = id ? feed->cursor_after_id(*id) : std::nullopt;
        if (after) cursor = *after;
        else resync = true;
    }
    Response out{200, "text/event-stream; charset=utf-8", {}, {{"X-Accel-Buffering", "no"}}, nullptr};
    out.stream = std::make_shared<DeskEvents>(feed, std::move(floors), std::move(subject), cursor, resync);
    return out;
}

}  // namespace

void add_live_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    // One feed for the routes of this Api (one per server process), shared by its streams.
    auto feed = std::make_shared<app::DeskChangeFeed>(ctx.store);
    r.add({.method = "GET", .pattern = "/api/v1/floors/{id}/events", .handler = [ctx, feed](const Call& c) {
               auto floor = path_id(c);
               if (!floor) return error_response(floor.error());
               if (auto ok = app::may_follow_floor(ctx, *c.actor, *floor); !ok) return error_response(ok.error());
               return open_desk_events(c, feed, {*floor}, fmt::format("\"floor_id\":{}", *floor));
           }});
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/events", .handler = [ctx, feed](const Call& c) {
               auto site = path_id(c);
               if (!site) return error_response(site.error());
               auto floors = app::floors_to_follow(ctx, *c.actor, *site);
               if (!floors) return error_response(floors.error());
               return open_desk_events(c, feed, std::move(*floors), fmt::format("\"site_id\":{}", *site));
           }});
}

}  // namespace escale::http
