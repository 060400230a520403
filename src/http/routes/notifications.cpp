// SPDX-License-Identifier: EUPL-1.2
// Routes of notifications (issue 10, item 7): one's notifications newest first with the unread
// count (?limit=1..100, ?before=ID for the next page), mark one or all read.
#include "http/routes/routes.hpp"

#include <charconv>

#include "app/notifications.hpp"
#include "core/errors.hpp"
#include "core/try.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {
namespace {

Result<int> limit_param(const Request& r) {
    auto v = r.query_param("limit");
    if (!v) return 20;
    int n = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc{} || p != v->data() + v->size() || n < 1 || n > app::notifications_page_max)
        return fail(errors::invalid_field("limit", "un nombre entier de 1 à 100"));
    return n;
}

Result<std::optional<NotificationId>> before_param(const Request& r) {
    auto v = r.query_param("before");
    if (!v) return std::optional<NotificationId>{};
    ESCALE_TRY(auto id, parse_id(*v, "before"));
    return std::optional<NotificationId>{id};
}

}  // namespace

void add_notification_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    r.add({.method = "GET", .pattern = "/api/v1/me/notifications", .handler = [ctx](const Call& c) {
               auto limit = limit_param(c.request);
               if (!limit) return error_response(limit.error());
               auto before = before_param(c.request);
               if (!before) return error_response(before.error());
               return reply(app::my_notifications(ctx, *c.actor, *before, *limit));
           }});
    r.add({.method = "POST", .pattern = "/api/v1/me/notifications/{id}/read", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto done = app::mark_notification_read(ctx, *c.actor, *id);
               if (!done) return error_response(done.error());
               return no_content();
           }});
    r.add({.method = "POST", .pattern = "/api/v1/me/notifications/read-all", .handler = [ctx](const Call& c) {
               auto done = app::mark_all_notifications_read(ctx, *c.actor);
               if (!done) return error_response(done.error());
               return json_response(200, json::object{{"marked", *done}});
           }});
}

}  // namespace escale::http
