// SPDX-License-Identifier: EUPL-1.2
// Routes of the presence plan (issue 10, item 6): one's own presence (read, declare), weekly
// pattern and visibility; someone else's presence for who may book for them; a service's
// week; finding a colleague by name.
#include "http/routes/routes.hpp"

#include <optional>

#include <boost/describe/class.hpp>

#include "app/presence.hpp"
#include "http/json_body.hpp"
#include "http/routes/presence_bodies.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {

namespace {

Response declare(app::Context ctx, const Call& c, std::optional<ResidentId> for_resident) {
    auto body = decode<DeclarationBody>(c.request.body);
    if (!body) return error_response(body.error());
    app::Declaration d;
    d.cancel_bookings = body->cancel_bookings.value_or(false);
    for (auto& day : *body->days) d.days.push_back(app::DeclaredDay{*day.date, day.half, *day.status});
    return reply(app::declare_presence(ctx, *c.actor, for_resident, d));
}

// The pattern as one entry per weekday that has a half set, as PUT takes it.
json::value pattern_json(const std::vector<PatternCell>& cells) {
    json::array days;
    for (int weekday = 1; weekday <= 7; ++weekday) {
        json::object day{{"weekday", weekday}, {"am", nullptr}, {"pm", nullptr}};
        bool any = false;
        for (auto& cell : cells)
            if (cell.weekday == weekday) {
                day[cell.half == Half::am ? "am" : "pm"] = to_string(cell.status);
                any = true;
            }
        if (any) days.push_back(std::move(day));
    }
    return json::object{{"days", std::move(days)}};
}

Response pattern_reply(const Result<std::vector<PatternCell>>& r) {
    if (!r) return error_response(r.error());
    return json_response(200, pattern_json(*r));
}

Response set_pattern(app::Context ctx, const Call& c) {
    auto body = decode<PatternBody>(c.request.body);
    if (!body) return error_response(body.error());
    std::vector<PatternCell> cells;
    for (auto& day : *body->days) {
        if (day.am) cells.push_back(PatternCell{*day.weekday, Half::am, *day.am});
        if (day.pm) cells.push_back(PatternCell{*day.weekday, Half::pm, *day.pm});
    }
    // Weekdays are checked per entry, even one with no half set.
    std::vector<PatternCell> weekdays;
    for (auto& day : *body->days) weekdays.push_back(PatternCell{*day.weekday, Half::am, PresenceStatus::sur_site});
    if (auto checked = check_pattern(weekdays); !checked) return error_response(checked.error());
    return pattern_reply(app::set_my_presence_pattern(ctx, *c.actor, std::move(cells)));
}

Response visibility_reply(const Result<bool>& r) {
    if (!r) return error_response(r.error());
    return json_response(200, json::object{{"visible_to_colleagues", *r}});
}

// ?from= and ?to=, each optional.
struct Range {
    std::optional<Date> from, to;
};
Result<Range> range_params(const Request& r) {
    Range out;
    ESCALE_TRY(out.from, optional_date_param(r, "from"));
    ESCALE_TRY(out.to, optional_date_param(r, "to"));
    return out;
}

}  // namespace

void add_presence_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    r.add({.method = "GET", .pattern = "/api/v1/me/presence", .handler = [ctx](const Call& c) {
               auto range = range_params(c.request);
               if (!range) return error_response(range.error());
               return reply(app::my_presence(ctx, *c.actor, range->from, range->to));
           }});
    r.add({.method = "PUT", .pattern = "/api/v1/me/presence",
           .handler = [ctx](const Call& c) { return declare(ctx, c, std::nullopt); }, .slow = true});
    r.add({.method = "GET", .pattern = "/api/v1/residents/{id}/presence", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto range = range_params(c.request);
               if (!range) return error_response(range.error());
               return reply(app::resident_presence(ctx, *c.actor, *id, range->from, range->to));
           }});
    r.add({.method = "PUT", .pattern = "/api/v1/residents/{id}/presence", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return declare(ctx, c, *id);
           },
           .slow = true});
    r.add({.method = "GET", .pattern = "/api/v1/me/presence-pattern", .handler = [ctx](const Call& c) {
               return pattern_reply(app::my_presence_pattern(ctx, *c.actor));
           }});
    r.add({.method = "PUT", .pattern = "/api/v1/me/presence-pattern",
           .handler = [ctx](const Call& c) { return set_pattern(ctx, c); }, .slow = true});
    r.add({.method = "GET", .pattern = "/api/v1/me/presence-settings", .handler = [ctx](const Call& c) {
               return visibility_reply(app::my_visibility(ctx, *c.actor));
           }});
    r.add({.method = "PUT", .pattern = "/api/v1/me/presence-settings", .handler = [ctx](const Call& c) {
               auto body = decode<SettingsBody>(c.request.body);
               if (!body) return error_response(body.error());
               return visibility_reply(app::set_my_visibility(ctx, *c.actor, *body->visible_to_colleagues));
           },
           .slow = true});
    r.add({.method = "GET", .pattern = "/api/v1/services/{id}/presence", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto range = range_params(c.request);
               if (!range) return error_response(range.error());
               return reply(app::service_presence(ctx, *c.actor, *id, range->from, range->to));
           }});
    r.add({.method = "GET", .pattern = "/api/v1/colleagues", .handler = [ctx](const Call& c) {
               auto q = c.request.query_param("q");
               if (!q) return error_response(errors::missing_field("q"));
               auto week = optional_date_param(c.request, "week");
               if (!week) return error_response(week.error());
               return reply(app::find_colleagues(ctx, *c.actor, *q, *week));
           }});
}

}  // namespace escale::http
