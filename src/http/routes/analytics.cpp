// SPDX-License-Identifier: EUPL-1.2
// Routes of the occupancy analytics (issue 13, items 1 and 3): a site's figures by period and
// group as JSON, as CSV (one table, `table=`) and as XLSX (every table, a sheet each), the
// minimum group size applied before anything leaves (indicators/site_analytics); and flash
// counts, recorded by a gestionnaire and read against their half-day's bookings.
#include "http/routes/routes.hpp"

#include <optional>
#include <string>

#include <fmt/format.h>

#include "app/analytics.hpp"
#include "app/flash_counts.hpp"
#include "core/errors.hpp"
#include "core/try.hpp"
#include "http/analytics_json.hpp"
#include "http/json_body.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"
#include "http/routes/flash_count_bodies.hpp"
#include "indicators/analytics_table.hpp"

namespace escale::http {
namespace {

std::optional<std::string> text_param(const Call& c, std::string_view name) {
    auto v = c.request.query_param(name);
    if (!v) return std::nullopt;
    return std::string(*v);
}

Result<indicators::SiteAnalytics> analytics_of(const app::Context& ctx, const Call& c) {
    ESCALE_TRY(auto id, path_id(c));
    app::AnalyticsQuery q;
    ESCALE_TRY(q.from, optional_date_param(c.request, "from"));
    ESCALE_TRY(q.to, optional_date_param(c.request, "to"));
    q.by = text_param(c, "by");
    q.period = text_param(c, "period");
    return app::site_analytics(ctx, *c.actor, id, q);
}

std::string stem(const Call& c, const indicators::SiteAnalytics& a) {
    return fmt::format("analyse-site-{}-{}-{}", path_id(c).value_or(0), indicators::to_string(a.by),
                       indicators::to_string(a.period));
}

template <class T>
Response answer(const Result<T>& r, int status = 200) {
    if (!r) return error_response(r.error());
    return json_response(status, to_json(*r));
}

}  // namespace

void add_analytics_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    // Every analytics answer runs off the I/O threads: it reads for tens of milliseconds, may
    // first write this server's refusals counted so far, and once a day per site moves the
    // settled days' boundary (a write that waits for the counters' writers on PostgreSQL).
    r.add({.method = "GET",
           .pattern = "/api/v1/sites/{id}/analytics",
           .handler = [ctx](const Call& c) { return answer(analytics_of(ctx, c)); },
           .slow = true});
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/analytics.csv", .handler = [ctx](const Call& c) {
               auto which = indicators::parse_analytics_table(c.request.query_param("table").value_or("desks"));
               if (!which) return error_response(errors::invalid_field("table", "desks, weekdays, turned_away ou spaces"));
               auto a = analytics_of(ctx, c);
               if (!a) return error_response(a.error());
               return csv_download(indicators::analytics_table(*a, *which),
                                   fmt::format("{}-{}", stem(c, *a), c.request.query_param("table").value_or("desks")));
           },
           .slow = true});
    // XLSX also writes a scratch file.
    r.add({.method = "GET",
           .pattern = "/api/v1/sites/{id}/analytics.xlsx",
           .handler = [ctx](const Call& c) {
               auto a = analytics_of(ctx, c);
               if (!a) return error_response(a.error());
               using indicators::AnalyticsTable;
               std::vector<Table> sheets;
               for (auto t : {AnalyticsTable::desks, AnalyticsTable::weekdays, AnalyticsTable::turned_away,
                              AnalyticsTable::spaces})
                   sheets.push_back(indicators::analytics_table(*a, t));
               return xlsx_download(sheets, stem(c, *a));
           },
           .slow = true});

    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/flash-counts", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto from = optional_date_param(c.request, "from");
               if (!from) return error_response(from.error());
               auto to = optional_date_param(c.request, "to");
               if (!to) return error_response(to.error());
               return answer(app::site_flash_counts(ctx, *c.actor, *id, *from, *to));
           }});
    r.add({.method = "POST",
           .pattern = "/api/v1/sites/{id}/flash-counts",
           .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto body = decode<FlashCountBody>(c.request.body);
               if (!body) return error_response(body.error());
               app::FlashCountInput in{body->floor_id ? std::optional<FloorId>(body->floor_id->value) : std::nullopt,
                                       body->at, *body->people};
               return answer(app::record_flash_count(ctx, *c.actor, *id, in), 201);
           },
           .slow = true});
}

}  // namespace escale::http
