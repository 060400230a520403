// SPDX-License-Identifier: EUPL-1.2
// Routes of check-in (issue 10, item 3): signal one's arrival at a desk (check in one's
// booking or walk in), check a booking in (one's own, or for someone), "libérer le reste de
// ma journée", and a desk's QR code as SVG.
#include "http/routes/routes.hpp"

#include <string>

#include "app/check_in.hpp"
#include "app/desk_qr.hpp"
#include "http/api.hpp"
#include "http/json_codec.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {

void add_check_in_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    r.add({.method = "POST", .pattern = "/api/v1/desks/{id}/check-in", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto done = app::check_in_at_desk(ctx, *c.actor, *id);
               if (!done) return error_response(done.error());
               return json_response(done->walk_in ? 201 : 200,
                                    json::object{{"booking", encode(done->booking)}, {"walk_in", done->walk_in}});
           }});
    r.add({.method = "POST", .pattern = "/api/v1/desk-bookings/{id}/check-in", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::check_in_booking(ctx, *c.actor, *id));
           }});
    r.add({.method = "POST", .pattern = "/api/v1/me/desk-bookings/release-rest-of-day", .handler = [ctx](const Call& c) {
               auto changed = app::release_rest_of_day(ctx, *c.actor);
               if (!changed) return error_response(changed.error());
               return json_response(200, json::object{{"bookings", encode(*changed)}});
           }});
    r.add({.method = "GET", .pattern = "/api/v1/desks/{id}/qr.svg",
           .handler = [ctx, public_url = rc.options.public_url](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto svg = app::desk_qr_svg(ctx, *c.actor, *id, public_url);
               if (!svg) return error_response(svg.error());
               return Response{200, "image/svg+xml", std::move(*svg), {}};
           }});
}

}  // namespace escale::http
