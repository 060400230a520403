// SPDX-License-Identifier: EUPL-1.2
// Routes of calendar feeds (issue 13, item 4): one's secret subscription address, its
// revocation, and the public iCalendar document at that address (the token is the key); the
// same for a collective space's door screen; and one booking as an .ics download.
#include "http/routes/routes.hpp"

#include "app/calendar_feed.hpp"
#include "http/api.hpp"
#include "core/instant_text.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {
namespace {

Response calendar(Result<std::string> doc) {
    if (!doc) return error_response(doc.error());
    Response resp{200, "text/calendar; charset=utf-8", std::move(*doc), {}};
    resp.headers.emplace_back("Cache-Control", "private, no-cache");
    return resp;
}

Response ics_download(Result<std::string> doc, const std::string& stem) {
    auto resp = calendar(std::move(doc));
    if (resp.status == 200) resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + stem + ".ics\"");
    return resp;
}

}  // namespace

void add_calendar_feed_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    const std::string feeds = rc.options.public_url + "/api/v1/calendar-feeds/";
    r.add({.method = "GET",
           .pattern = "/api/v1/me/calendar",
           .handler = [ctx, feeds](const Call& c) {
               auto feed = app::my_calendar_feed(ctx, *c.actor);
               if (!feed) return error_response(feed.error());
               return json_response(200, json::object{{"url", feeds + feed->token},
                                                      {"created_at", format_instant(feed->created_at)}});
           },
           .slow = true});  // made at the first request: a write
    r.add({.method = "DELETE",
           .pattern = "/api/v1/me/calendar",
           .handler = [ctx](const Call& c) {
               auto done = app::revoke_my_calendar_feed(ctx, *c.actor);
               return done ? no_content() : error_response(done.error());
           },
           .slow = true});
    r.add({.method = "GET",
           .pattern = "/api/v1/calendar-feeds/{token}",
           .requires_login = false,
           .handler = [ctx](const Call& c) { return calendar(app::calendar_feed_document(ctx, c.params.at(0))); }});
    // a collective space's door screen
    const std::string space_feeds = rc.options.public_url + "/api/v1/space-calendar-feeds/";
    r.add({.method = "GET",
           .pattern = "/api/v1/spaces/{id}/calendar",
           .handler = [ctx, space_feeds](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto feed = app::space_calendar_feed(ctx, *c.actor, *id);
               if (!feed) return error_response(feed.error());
               return json_response(200, json::object{{"url", space_feeds + feed->token},
                                                      {"created_at", format_instant(feed->created_at)}});
           },
           .slow = true});  // made at the first request: a write
    r.add({.method = "DELETE",
           .pattern = "/api/v1/spaces/{id}/calendar",
           .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto done = app::revoke_space_calendar_feed(ctx, *c.actor, *id);
               return done ? no_content() : error_response(done.error());
           }});
    r.add({.method = "GET",
           .pattern = "/api/v1/space-calendar-feeds/{token}",
           .requires_login = false,
           .handler = [ctx](const Call& c) { return calendar(app::space_calendar_feed_document(ctx, c.params.at(0))); }});
    // one booking, to add to one's calendar from its confirmation
    r.add({.method = "GET",
           .pattern = "/api/v1/desk-bookings/{id}/calendar.ics",
           .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return ics_download(app::desk_booking_icalendar(ctx, *c.actor, *id), "reservation-poste-" + std::to_string(*id));
           }});
    r.add({.method = "GET",
           .pattern = "/api/v1/space-bookings/{id}/calendar.ics",
           .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return ics_download(app::space_booking_icalendar(ctx, *c.actor, *id), "reservation-espace-" + std::to_string(*id));
           }});
}

}  // namespace escale::http
