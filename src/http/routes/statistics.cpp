// SPDX-License-Identifier: EUPL-1.2
// Routes of statistics: a site's desk occupancy over a date range, aggregated before it
// leaves the server (indicators/occupancy.hpp); the State's real-estate indicators of a site
// and of every site one may read (indicators/real_estate.hpp), as JSON, CSV and XLSX.
#include "http/routes/routes.hpp"

#include <fmt/format.h>

#include "app/real_estate_indicators.hpp"
#include "app/statistics.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"
#include "indicators/real_estate_table.hpp"

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

    // The State's indicators (issue 13, item 2), and their exports (item 3).
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/indicators", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::site_real_estate_indicators(ctx, *c.actor, *id));
           }});
    r.add({.method = "GET", .pattern = "/api/v1/indicators", .handler = [ctx](const Call& c) {
               return reply(app::portfolio_real_estate_indicators(ctx, *c.actor));
           }});
    for (auto [suffix, format] : {std::pair{".csv", TableFormat::csv}, std::pair{".xlsx", TableFormat::xlsx}}) {
        r.add({.method = "GET",
               .pattern = std::string("/api/v1/sites/{id}/indicators") + suffix,
               .handler = [ctx, format](const Call& c) {
                   auto id = path_id(c);
                   if (!id) return error_response(id.error());
                   auto found = app::site_real_estate_indicators(ctx, *c.actor, *id);
                   if (!found) return error_response(found.error());
                   return table_download(indicators::real_estate_table(*found), format,
                                         fmt::format("indicateurs-site-{}", *id));
               },
               .slow = format == TableFormat::xlsx});  // writes a scratch file
        r.add({.method = "GET",
               .pattern = std::string("/api/v1/indicators") + suffix,
               .handler = [ctx, format](const Call& c) {
                   auto found = app::portfolio_real_estate_indicators(ctx, *c.actor);
                   if (!found) return error_response(found.error());
                   return table_download(indicators::real_estate_table(*found), format, "indicateurs-parc");
               },
               .slow = format == TableFormat::xlsx});
    }
}

}  // namespace escale::http
