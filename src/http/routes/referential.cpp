// SPDX-License-Identifier: EUPL-1.2
// Routes of the referential: sites (with their detail and the CSV import of residents),
// floors (with their SVG plan), zones, services, residents, desks, spaces, lockers, closure
// days and role grants. Most are the same five routes per collection (add_collection).
#include "http/routes/routes.hpp"

#include <string>
#include <type_traits>

#include "app/referential.hpp"
#include "app/resident_import.hpp"
#include "app/site_calendar.hpp"
#include "http/json_codec.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {
namespace {

// A referential collection: list (?site_id=), read, create, partial update, delete.
// Bodies are read member for member through T's Boost.Describe list (decode_into).
template <class T>
void add_collection(Router& router, app::Context ctx, const std::string& base, bool with_get = true) {
    router.add({.method = "GET", .pattern = base, .handler = [ctx](const Call& c) {
                    auto site = site_filter(c.request);
                    if (!site) return error_response(site.error());
                    // Hardening (issue 14, finding 9): every collection comes by pages (ids ascending).
                    return paged_reply(c.request, app::list_entities<T>(ctx, *c.actor, *site), CursorKind::after_id);
                }});
    if (with_get)
        router.add({.method = "GET", .pattern = base + "/{id}", .handler = [ctx](const Call& c) {
                        auto id = path_id(c);
                        if (!id) return error_response(id.error());
                        return reply(app::get_entity<T>(ctx, *c.actor, *id));
                    }});
    router.add({.method = "POST", .pattern = base, .handler = [ctx](const Call& c) {
                    auto obj = parse_object(c.request.body);
                    if (!obj) return error_response(obj.error());
                    T value{};
                    if constexpr (std::is_same_v<T, Resident>) {
                        // A resident may come with the password of a local account.
                        if (auto ok = decode_into(*obj, value, {"password"}); !ok) return error_response(ok.error());
                        auto password = optional_string(*obj, "password");
                        if (!password) return error_response(password.error());
                        return reply(app::create_resident(ctx, *c.actor, value, *password), 201);
                    } else {
                        if (auto ok = decode_into(*obj, value); !ok) return error_response(ok.error());
                        return reply(app::create_entity<T>(ctx, *c.actor, value), 201);
                    }
                },
                .slow = std::is_same_v<T, Resident>});  // password hashing (every write is slow anyway)
    router.add({.method = "PATCH", .pattern = base + "/{id}", .handler = [ctx](const Call& c) {
                    auto id = path_id(c);
                    if (!id) return error_response(id.error());
                    auto obj = parse_object(c.request.body);
                    if (!obj) return error_response(obj.error());
                    auto current = app::get_entity<T>(ctx, *c.actor, *id);
                    if (!current) return error_response(current.error());
                    if (auto ok = decode_into(*obj, *current); !ok) return error_response(ok.error());
                    return reply(app::update_entity<T>(ctx, *c.actor, *current));
                }});
    router.add({.method = "DELETE", .pattern = base + "/{id}", .handler = [ctx](const Call& c) {
                    auto id = path_id(c);
                    if (!id) return error_response(id.error());
                    auto deleted = app::delete_entity<T>(ctx, *c.actor, *id);
                    if (!deleted) return error_response(deleted.error());
                    return no_content();
                }});
}

}  // namespace

void add_referential_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    // Before the sites collection, which has no GET /{id} of its own: keeps the Allow header
    // of /api/v1/sites/{id} as "GET, PATCH, DELETE".
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::get_site_detail(ctx, *c.actor, *id));
           }});
    r.add({.method = "POST", .pattern = "/api/v1/sites/{id}/residents/import", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               // web app (issue 11): ?dry_run=true checks the file and shows what it would create.
               auto dry = c.request.query_param("dry_run");
               bool dry_run = dry && (*dry == "true" || *dry == "1");
               auto report = app::import_residents_csv(ctx, *c.actor, *id, c.request.body, dry_run);
               if (!report) return error_response(report.error());
               if (!dry_run) return json_response(201, json::object{{"created", report->created}});
               json::array lines;
               for (auto& l : report->preview)
                   lines.push_back(json::object{{"line", l.line}, {"email", l.resident.email},
                                                {"display_name", l.resident.display_name},
                                                {"service_code", l.service_code},
                                                {"fte_percent", l.resident.fte_percent},
                                                {"role", std::string(to_string(l.resident.role))}});
               return json_response(200, json::object{{"created", 0}, {"dry_run", true}, {"residents", std::move(lines)}});
           }});
    r.add({.method = "GET", .pattern = "/api/v1/floors/{id}/plan", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto floor = app::get_entity<Floor>(ctx, *c.actor, *id);
               if (!floor) return error_response(floor.error());
               // Hardening (issue 14, finding 8): opened on its own (a new tab, an old plan
               // stored before uploads were cleaned), a plan runs nothing and loads nothing.
               return Response{200, "image/svg+xml", std::move(floor->plan_svg),
                               {{"Content-Security-Policy",
                                 "sandbox; default-src 'none'; object-src 'none'; frame-ancestors 'none'; "
                                 "base-uri 'none'; form-action 'none'"}}};
           }});

    add_collection<Site>(r, ctx, "/api/v1/sites", false);
    add_collection<Floor>(r, ctx, "/api/v1/floors");
    add_collection<Zone>(r, ctx, "/api/v1/zones");
    add_collection<Service>(r, ctx, "/api/v1/services");
    add_collection<Resident>(r, ctx, "/api/v1/residents");
    add_collection<Desk>(r, ctx, "/api/v1/desks");
    add_collection<Space>(r, ctx, "/api/v1/spaces");
    add_collection<Locker>(r, ctx, "/api/v1/lockers");
    add_collection<Closure>(r, ctx, "/api/v1/closures");
    add_collection<ResidentCategory>(r, ctx, "/api/v1/resident-categories");
    add_collection<RoleGrant>(r, ctx, "/api/v1/role-grants");

    // web app (issue 11): a site's open and closed days, with the reasons, for Ma semaine.
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/calendar", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto from = optional_date_param(c.request, "from");
               if (!from) return error_response(from.error());
               auto to = optional_date_param(c.request, "to");
               if (!to) return error_response(to.error());
               auto days = app::site_days(ctx, *c.actor, *id, *from, *to);
               if (!days) return error_response(days.error());
               json::array out;
               out.reserve(days->days.size());
               for (auto& d : days->days) {
                   json::value reason = nullptr;
                   if (d.closed) reason = json::string(d.reason);
                   out.push_back(json::object{{"date", format_date(d.date)}, {"closed", d.closed}, {"reason", reason}});
               }
               auto [next_date, next_half] = days->next_half_day;
               return json_response(200, json::object{{"site_id", *id}, {"today", format_date(days->today)},
                                                      {"next_half_day", json::object{{"date", format_date(next_date)},
                                                                                     {"half", to_string(next_half)}}},
                                                      {"days", std::move(out)}});
           }});
}

}  // namespace escale::http
