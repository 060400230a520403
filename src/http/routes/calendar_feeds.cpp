// SPDX-License-Identifier: EUPL-1.2
// Routes of calendar feeds (issue 13, item 4): one's secret subscription address, its
// revocation, and the public iCalendar document at that address (the token is the key).
#include "http/routes/routes.hpp"

#include "app/calendar_feed.hpp"
#include "http/api.hpp"
#include "core/instant_text.hpp"
#include "http/replies.hpp"

namespace escale::http {

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
           .handler = [ctx](const Call& c) {
               auto doc = app::calendar_feed_document(ctx, c.params.at(0));
               if (!doc) return error_response(doc.error());
               Response resp{200, "text/calendar; charset=utf-8", std::move(*doc), {}};
               resp.headers.emplace_back("Cache-Control", "private, no-cache");
               return resp;
           }});
}

}  // namespace escale::http
