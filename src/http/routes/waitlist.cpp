// SPDX-License-Identifier: EUPL-1.2
// Routes of the desk waitlist (issue 10, item 5): join the waitlist of a slot, list mine,
// leave. Promotions happen inside the cancellations and releases that free a desk.
#include "http/routes/routes.hpp"

#include <optional>
#include <string_view>

#include <boost/describe/class.hpp>

#include "app/waitlist.hpp"
#include "core/errors.hpp"
#include "http/json_body.hpp"
#include "http/routes/waitlist_bodies.hpp"
#include "http/json_codec.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {

namespace {

std::optional<Id> id_of(const std::optional<PositiveId>& p) {
    if (!p) return std::nullopt;
    return p->value;
}

}  // namespace

void add_waitlist_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    r.add({.method = "POST", .pattern = "/api/v1/waitlist", .handler = [ctx](const Call& c) {
               auto body = decode<JoinWaitlistBody>(c.request.body);
               if (!body) return error_response(body.error());
               app::JoinWaitlist req{id_of(body->site_id), id_of(body->floor_id), id_of(body->zone_id), *body->date,
                                     *body->half};
               return reply(app::join_waitlist(ctx, *c.actor, req), 201);
           }});
    r.add({.method = "GET", .pattern = "/api/v1/me/waitlist",
           .handler = [ctx](const Call& c) { return reply(app::my_waitlist(ctx, *c.actor)); }});
    r.add({.method = "DELETE", .pattern = "/api/v1/waitlist/{id}", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::leave_waitlist(ctx, *c.actor, *id));
           }});
}

}  // namespace escale::http
