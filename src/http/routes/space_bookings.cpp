// SPDX-License-Identifier: EUPL-1.2
// Routes of collective space booking: book a range (once or recurring), cancel, a space's
// day, my space bookings, and the spaces of a site free for a range and a number of people.
#include "http/routes/routes.hpp"

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include <boost/describe/class.hpp>
#include <boost/describe/enum_from_string.hpp>

#include "app/space_booking.hpp"
#include "core/errors.hpp"
#include "http/json_body.hpp"
#include "http/routes/space_booking_bodies.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {

namespace {

Response book(app::Context ctx, const Call& c) {
    auto body = decode<BookSpaceBody>(c.request.body);
    if (!body) return error_response(body.error());
    app::BookSpace req{.space_id = body->space_id->value, .start = *body->start, .end = *body->end,
                       .attendees = *body->attendees, .subject = *body->subject, .recurrence = std::nullopt,
                       .for_resident = std::nullopt};
    if (body->repeat || body->until || body->on_conflict) {
        if (!body->repeat) return error_response(errors::missing_field("repeat"));
        if (!body->until) return error_response(errors::missing_field("until"));
        req.recurrence = app::SpaceRecurrence{*body->repeat, *body->until, body->on_conflict.value_or(app::OnConflict::skip)};
    }
    if (body->resident_id) req.for_resident = body->resident_id->value;
    return reply(app::book_space(ctx, *c.actor, req), 201);
}

// A local time in the query: a '+' that the query's form encoding turned into a space is
// read back as '+' (clients should write it %2B).
Result<std::string> time_param(const Request& r, std::string_view name) {
    auto v = r.query_param(name);
    if (!v) return fail(errors::missing_field(name));
    std::string text(*v);
    for (auto& ch : text)
        if (ch == ' ') ch = '+';
    return text;
}

Result<int> people_param(const Request& r) {
    auto v = r.query_param("people");
    if (!v) return 1;
    int n = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc{} || p != v->data() + v->size() || n < 1)
        return fail(errors::invalid_field("people", "un nombre entier d'au moins 1"));
    return n;
}

Result<std::optional<SpaceType>> type_param(const Request& r) {
    auto v = r.query_param("type");
    if (!v) return std::optional<SpaceType>{};
    SpaceType t;
    if (!boost::describe::enum_from_string(std::string(*v).c_str(), t))
        return fail(errors::invalid_field(
            "type", "l'un des types « meeting_room », « bubble », « silence_room », « project_room », « convivial_area »"));
    return std::optional<SpaceType>{t};
}

}  // namespace

void add_space_booking_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    r.add({.method = "POST", .pattern = "/api/v1/space-bookings", .handler = [ctx](const Call& c) { return book(ctx, c); }});
    r.add({.method = "DELETE", .pattern = "/api/v1/space-bookings/{id}", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::cancel_space_booking(ctx, *c.actor, *id));
           }});
    r.add({.method = "GET", .pattern = "/api/v1/spaces/{id}/bookings", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto d = date_param(c.request, "date");
               if (!d) return error_response(d.error());
               return reply(app::space_day(ctx, *c.actor, *id, *d));
           }});
    r.add({.method = "GET", .pattern = "/api/v1/me/space-bookings", .handler = [ctx](const Call& c) {
               auto from = optional_date_param(c.request, "from");
               if (!from) return error_response(from.error());
               auto to = optional_date_param(c.request, "to");
               if (!to) return error_response(to.error());
               // Hardening (issue 14, finding 9): by pages, in the list's order (by date).
               return paged_reply(c.request, app::my_space_bookings(ctx, *c.actor, *from, *to), CursorKind::position);
           }});
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/free-spaces", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto start = time_param(c.request, "start");
               if (!start) return error_response(start.error());
               auto end = time_param(c.request, "end");
               if (!end) return error_response(end.error());
               auto people = people_param(c.request);
               if (!people) return error_response(people.error());
               auto type = type_param(c.request);
               if (!type) return error_response(type.error());
               return reply(app::free_spaces(ctx, *c.actor, *id, *start, *end, *people, *type));
           }});
}

}  // namespace escale::http
