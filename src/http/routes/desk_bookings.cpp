// SPDX-License-Identifier: EUPL-1.2
// Routes of desk booking: book a desk for a half-day or a day (for oneself, or on someone's
// behalf), cancel a booking, a floor's availability on a date, and my bookings.
#include "http/routes/routes.hpp"

#include <optional>
#include <string_view>

#include <boost/describe/class.hpp>

#include "app/desk_booking.hpp"
#include "core/errors.hpp"
#include "http/availability_encoder.hpp"
#include "http/routes/desk_booking_bodies.hpp"
#include "http/json_body.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {

namespace {

Response book(app::Context ctx, const Call& c) {
    auto body = decode<BookDeskBody>(c.request.body);
    if (!body) return error_response(body.error());
    std::optional<ResidentId> for_resident;
    if (body->resident_id) for_resident = body->resident_id->value;
    app::BookDesk req{.desk_id = body->desk_id->value, .date = *body->date, .period = body->period,
                      .for_resident = for_resident};
    if (body->repeat || body->until || body->on_conflict) {
        if (!body->repeat) return error_response(errors::missing_field("repeat"));
        if (!body->until) return error_response(errors::missing_field("until"));
        app::DeskRecurrence rec{*body->repeat, *body->until, body->on_conflict.value_or(app::OnConflict::skip)};
        return reply(app::book_desk_series(ctx, *c.actor, req, rec), 201);
    }
    auto made = app::book_desk(ctx, *c.actor, req);
    if (!made) return error_response(made.error());
    return json_response(201, json::object{{"bookings", encode(*made)}});
}

}  // namespace

void add_desk_booking_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    const AvailabilityEncoder* encoder = &rc.availability_encoder;
    r.add({.method = "GET", .pattern = "/api/v1/floors/{id}/availability", .handler = [ctx, encoder](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto d = optional_date_param(c.request, "date");
               if (!d) return error_response(d.error());
               auto availability = app::floor_availability(ctx, *c.actor, *id, *d);
               if (!availability) return error_response(availability.error());
               return Response{200, "application/json; charset=utf-8", encoder->encode(*availability), {}};
           }});
    r.add({.method = "POST", .pattern = "/api/v1/desk-bookings", .handler = [ctx](const Call& c) { return book(ctx, c); }});
    r.add({.method = "DELETE", .pattern = "/api/v1/desk-bookings/{id}", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::cancel_desk_booking(ctx, *c.actor, *id));
           }});
    r.add({.method = "GET", .pattern = "/api/v1/me/desk-bookings", .handler = [ctx](const Call& c) {
               auto from = optional_date_param(c.request, "from");
               if (!from) return error_response(from.error());
               auto to = optional_date_param(c.request, "to");
               if (!to) return error_response(to.error());
               // Hardening (issue 14, finding 9): by pages, in the list's order (by date).
               return paged_reply(c.request, app::my_desk_bookings(ctx, *c.actor, *from, *to), CursorKind::position);
           }});
}

}  // namespace escale::http
