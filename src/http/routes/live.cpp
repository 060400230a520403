// SPDX-License-Identifier: EUPL-1.2
// Routes of live updates (issue 11): GET /api/v1/floors/{id}/events, a floor's desk booking
// changes as Server-Sent Events, so that an open plan or list shows within a second or two
// what someone else booked or freed, on any server. Events:
//   `ready`  once the stream is open; a new stream (no Last-Event-ID) starts with the changes
//            of the last 5 seconds, so that nothing is missed between the page's first read
//            and the stream (a reopened one: the page reads the floor again);
//   `desks`  {"floor_id", "dates"}: bookings of those days changed; its id is the database's
//            id of the last change, which a reconnecting browser sends back as Last-Event-ID;
//   `resync` the changes since Last-Event-ID are no longer known here: read the floor again.
// A comment line every 15 s keeps proxies and the browser from thinking the stream dead; a
// stream ends after 15 minutes and the browser reconnects (its session is checked again).
// Every stream of the process shares one app::DeskChangeFeed: one database read per poll
// interval whatever the number of streams, and at most max_streams open at once.
#include "http/routes/routes.hpp"

#include <chrono>
#include <memory>
#include <set>

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

class FloorEvents final : public EventStream {
public:
    FloorEvents(std::shared_ptr<app::DeskChangeFeed> feed, FloorId floor, std::uint64_t cursor, bool resync)
        : feed_(std::move(feed)), floor_(floor), cursor_(cursor), opened_(std::chrono::steady_clock::now()),
          last_sent_(opened_) {
        // The browser waits 2 s before reconnecting after a drop.
        pending_ = fmt::format("retry: 2000\n\nevent: ready\ndata: {{\"floor_id\":{}}}\n\n", floor_);
        if (resync) pending_ += fmt::format("event: resync\ndata: {{\"floor_id\":{}}}\n\n", floor_);
    }
    ~FloorEvents() override { feed_->close_stream(); }

    std::optional<std::string> next() override {
        auto now = std::chrono::steady_clock::now();
        if (now - opened_ > lifetime) return std::nullopt;
        std::string out = std::move(pending_);
        pending_.clear();
        feed_->refresh();
        auto changes = feed_->of_floor(floor_, cursor_);
        cursor_ = std::max(cursor_, feed_->cursor());
        if (!changes.empty()) {
            std::set<Date> dates;
            for (auto& c : changes) dates.insert(c.date);
            std::string list;
            for (auto& d : dates) list += fmt::format("{}\"{}\"", list.empty() ? "" : ",", format_date(d));
            out += fmt::format("id: {}\nevent: desks\ndata: {{\"floor_id\":{},\"dates\":[{}]}}\n\n", changes.back().id,
                               floor_, list);
        }
        if (out.empty() && now - last_sent_ > heartbeat) out = ":\n\n";
        if (!out.empty()) last_sent_ = now;
        return out;
    }

private:
    std::shared_ptr<app::DeskChangeFeed> feed_;
    FloorId floor_;
    std::uint64_t cursor_;
    std::chrono::steady_clock::time_point opened_, last_sent_;
    std::string pending_;
};

}  // namespace

void add_live_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    // One feed for the routes of this Api (one per server process), shared by its streams.
    auto feed = std::make_shared<app::DeskChangeFeed>(ctx.store);
    r.add({.method = "GET", .pattern = "/api/v1/floors/{id}/events", .handler = [ctx, feed](const Call& c) {
               auto floor = path_id(c);
               if (!floor) return error_response(floor.error());
               if (auto ok = app::may_follow_floor(ctx, *c.actor, *floor); !ok) return error_response(ok.error());
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
               out.stream = std::make_shared<FloorEvents>(feed, *floor, cursor, resync);
               return out;
           }});
}

}  // namespace escale::http
