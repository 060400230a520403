// SPDX-License-Identifier: EUPL-1.2
// Routes of lockers: a resident's own locker (the free ones nearest first, take, see,
// release), and a gestionnaire's assignments (assign, release anyone's, who holds which as
// JSON and CSV). The lockers themselves are referential (/api/v1/lockers, routes/referential.cpp).
#include "http/routes/routes.hpp"

#include <optional>

#include "app/locker_assignment.hpp"
#include "http/json_body.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"
#include "http/routes/locker_bodies.hpp"

namespace escale::http {
namespace {

Response take(app::Context ctx, const Call& c) {
    // No body at all means "the nearest free one", as {} does.
    auto body = decode<TakeLockerBody>(c.request.body.empty() ? std::string_view("{}") : std::string_view(c.request.body));
    if (!body) return error_response(body.error());
    std::optional<LockerId> wanted;
    if (body->locker_id) wanted = body->locker_id->value;
    return reply(app::take_locker(ctx, *c.actor, wanted), 201);
}

Response assign(app::Context ctx, const Call& c) {
    auto body = decode<AssignLockerBody>(c.request.body);
    if (!body) return error_response(body.error());
    return reply(app::assign_locker(ctx, *c.actor, body->resident_id->value, body->locker_id->value), 201);
}

}  // namespace

void add_locker_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    r.add({.method = "GET", .pattern = "/api/v1/me/free-lockers", .handler = [ctx](const Call& c) {
               return reply(app::free_lockers_for_me(ctx, *c.actor));
           }});
    r.add({.method = "GET", .pattern = "/api/v1/me/locker", .handler = [ctx](const Call& c) {
               return reply(app::my_locker(ctx, *c.actor));
           }});
    r.add({.method = "POST", .pattern = "/api/v1/me/locker", .handler = [ctx](const Call& c) { return take(ctx, c); }});
    r.add({.method = "DELETE", .pattern = "/api/v1/me/locker", .handler = [ctx](const Call& c) {
               auto done = app::release_my_locker(ctx, *c.actor);
               if (!done) return error_response(done.error());
               return no_content();
           }});
    r.add({.method = "POST", .pattern = "/api/v1/locker-assignments",
           .handler = [ctx](const Call& c) { return assign(ctx, c); }});
    r.add({.method = "DELETE", .pattern = "/api/v1/locker-assignments/{id}", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto done = app::release_locker_assignment(ctx, *c.actor, *id);
               if (!done) return error_response(done.error());
               return no_content();
           }});
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/locker-assignments", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return paged_reply(c.request, app::site_locker_assignments(ctx, *c.actor, *id), CursorKind::position);
           }});
    for (bool xlsx : {false, true})
        r.add({.method = "GET",
               .pattern = xlsx ? "/api/v1/sites/{id}/locker-assignments.xlsx" : "/api/v1/sites/{id}/locker-assignments.csv",
               .handler = [ctx, xlsx](const Call& c) {
                   auto id = path_id(c);
                   if (!id) return error_response(id.error());
                   auto table = app::site_locker_assignments_table(ctx, *c.actor, *id, xlsx ? "XLSX" : "CSV");
                   if (!table) return error_response(table.error());
                   return xlsx ? xlsx_download({*table}, "casiers") : csv_download(*table, "casiers");
               },
               .slow = true});
}

}  // namespace escale::http
