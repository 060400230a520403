// SPDX-License-Identifier: EUPL-1.2
// Routes of statistics: a site's desk occupancy over a date range, aggregated before it
// leaves the server (indicators/occupancy.hpp); the State's real-estate indicators of a site
// and of every site one may read (indicators/real_estate.hpp); each as JSON, CSV and XLSX.
#include "http/routes/routes.hpp"

#include <fmt/format.h>

#include "app/real_estate_indicators.hpp"
#include "app/statistics.hpp"
#include "core/try.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"
#include "indicators/occupancy_table.hpp"
#include "indicators/real_estate_table.hpp"

namespace escale::http {
namespace {

Result<indicators::Occupancy> occupancy_of(const app::Context& ctx, const Call& c) {
    ESCALE_TRY(auto id, path_id(c));
    ESCALE_TRY(auto from, optional_date_param(c.request, "from"));
    ESCALE_TRY(auto to, optional_date_param(c.request, "to"));
    return app::site_occupancy(ctx, *c.actor, id, from, to);
}

Result<indicators::SiteIndicators> site_indicators_of(const app::Context& ctx, const Call& c) {
    ESCALE_TRY(auto id, path_id(c));
    return app::site_real_estate_indicators(ctx, *c.actor, id);
}

// A route answering `make(ctx, call)`'s result as a downloaded file, or its error. XLSX
// writes a scratch file: off the I/O threads.
template <class Make, class Write>
Route download_route(std::string pattern, app::Context ctx, bool slow, Make make, Write write) {
    return {.method = "GET",
            .pattern = std::move(pattern),
            .handler = [ctx, make, write](const Call& c) {
                auto found = make(ctx, c);
                if (!found) return error_response(found.error());
                return write(*found, c);
            },
            .slow = slow};
}

// "<what>-site-<id>", for a call whose site id was read already.
std::string site_stem(const char* what, const Call& c) { return fmt::format("{}-site-{}", what, path_id(c).value_or(0)); }

}  // namespace

void add_statistics_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/occupancy", .handler = [ctx](const Call& c) {
               return reply(occupancy_of(ctx, c));
           }});
    // exports (issue 13, item 3)
    using indicators::Occupancy;
    r.add(download_route("/api/v1/sites/{id}/occupancy.csv", ctx, false, occupancy_of, [](const Occupancy& o, const Call& c) {
        return csv_download(indicators::occupancy_days_table(o), site_stem("occupation", c));
    }));
    r.add(download_route("/api/v1/sites/{id}/occupancy-services.csv", ctx, false, occupancy_of,
                         [](const Occupancy& o, const Call& c) {
                             return csv_download(indicators::occupancy_services_table(o), site_stem("occupation-services", c));
                         }));
    r.add(download_route("/api/v1/sites/{id}/occupancy.xlsx", ctx, true, occupancy_of, [](const Occupancy& o, const Call& c) {
        return xlsx_download({indicators::occupancy_days_table(o), indicators::occupancy_services_table(o)},
                             site_stem("occupation", c));
    }));

    // The State's indicators (issue 13, item 2), and their exports (item 3).
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/indicators", .handler = [ctx](const Call& c) {
               return reply(site_indicators_of(ctx, c));
           }});
    auto portfolio = [](const app::Context& ctx, const Call& c) { return app::portfolio_real_estate_indicators(ctx, *c.actor); };
    r.add({.method = "GET", .pattern = "/api/v1/indicators", .handler = [ctx, portfolio](const Call& c) {
               return reply(portfolio(ctx, c));
           }});
    using indicators::SiteIndicators, indicators::PortfolioIndicators;
    r.add(download_route("/api/v1/sites/{id}/indicators.csv", ctx, false, site_indicators_of,
                         [](const SiteIndicators& i, const Call& c) {
                             return csv_download(indicators::real_estate_table(i), site_stem("indicateurs", c));
                         }));
    r.add(download_route("/api/v1/sites/{id}/indicators.xlsx", ctx, true, site_indicators_of,
                         [](const SiteIndicators& i, const Call& c) {
                             return xlsx_download({indicators::real_estate_table(i)}, site_stem("indicateurs", c));
                         }));
    r.add(download_route("/api/v1/indicators.csv", ctx, false, portfolio, [](const PortfolioIndicators& p, const Call&) {
        return csv_download(indicators::real_estate_table(p), "indicateurs-parc");
    }));
    r.add(download_route("/api/v1/indicators.xlsx", ctx, true, portfolio, [](const PortfolioIndicators& p, const Call&) {
        return xlsx_download({indicators::real_estate_table(p)}, "indicateurs-parc");
    }));
}

}  // namespace escale::http
