// SPDX-License-Identifier: EUPL-1.2
// Routes of statistics: a site's desk occupancy over a date range, aggregated before it
// leaves the server (indicators/occupancy.hpp).
#include "http/routes/routes.hpp"

#include "app/statistics.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {

void add_statistics_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/occupancy", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto from = optional_date_param(c.request, "from");
               if (!from) return error_response(from.error());
               auto to = optional_date_param(c.request, "to");
               if (!to) return error_response(to.error());
               return reply(app::site_occupancy(ctx, *c.actor, *id, *from, *to));
           }});
}

}  // namespace escale::http
