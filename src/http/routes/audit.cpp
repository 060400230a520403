// SPDX-License-Identifier: EUPL-1.2
// Routes of the audit log: its events filtered by site, period and page, as JSON or as a
// CSV download.
#include "http/routes/routes.hpp"

#include <algorithm>
#include <utility>

#include "app/audit.hpp"
#include "core/errors.hpp"
#include "core/instant_text.hpp"
#include "core/try.hpp"
#include "http/replies.hpp"
#include "http/pagination.hpp"
#include "http/request_params.hpp"

namespace escale::http {
namespace {

// ?site_id=, ?from= and ?until= (instants), ?before_id= and ?limit= (at most 1000).
Result<AuditQuery> audit_query(const Request& r) {
    AuditQuery q;
    ESCALE_TRY(q.site_id, site_filter(r));
    for (auto [name, field] : {std::pair{"from", &q.from}, {"until", &q.until}}) {
        if (auto v = r.query_param(name)) {
            auto t = parse_instant(*v);
            if (!t) return fail(errors::invalid_field(name, instant_text_expected));
            *field = *t;
        }
    }
    if (auto v = r.query_param("before_id")) {
        ESCALE_TRY(Id id, parse_id(*v, "before_id"));
        q.before_id = id;
    }
    // Hardening (issue 14, finding 9): ?cursor= from the Link header of the previous page
    // (the log is read newest first: the cursor is the last id given, like before_id).
    if (auto v = r.query_param("cursor")) {
        auto id = parse_id(*v, "cursor");
        if (!id) return fail(errors::invalid_cursor());
        q.before_id = *id;
    }
    if (auto v = r.query_param("limit")) {
        ESCALE_TRY(Id n, parse_id(*v, "limit"));
        q.limit = static_cast<int>(std::min<Id>(n, 1000));
    }
    return q;
}

}  // namespace

void add_audit_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    r.add({.method = "GET", .pattern = "/api/v1/audit-events", .handler = [ctx](const Call& c) {
               auto q = audit_query(c.request);
               if (!q) return error_response(q.error());
               auto events = app::list_audit_events(ctx, *c.actor, *q);
               auto resp = reply(events);
               // A full page may have more after it: say where it goes on.
               if (events && !events->empty() && static_cast<int>(events->size()) >= std::clamp(q->limit, 1, 1000))
                   resp.headers.emplace_back("Link", next_page_link(c.request, events->size(), events->back().id));
               return resp;
           }});
    for (bool xlsx : {false, true})
        r.add({.method = "GET", .pattern = xlsx ? "/api/v1/audit-events.xlsx" : "/api/v1/audit-events.csv",
               .handler = [ctx, xlsx](const Call& c) {
                   auto q = audit_query(c.request);
                   if (!q) return error_response(q.error());
                   auto table = app::export_audit_events(ctx, *c.actor, *q, xlsx ? "XLSX" : "CSV");
                   if (!table) return error_response(table.error());
                   return xlsx ? xlsx_download({*table}, "journal-audit") : csv_download(*table, "journal-audit");
               },
               .slow = true});
}

}  // namespace escale::http
