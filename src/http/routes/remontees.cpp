// SPDX-License-Identifier: EUPL-1.2
// Routes of remontées (issue 13, item 6): post, list, edit and remove one's own signed ones,
// support, the project team's answer and status, and the counts per theme and service.
#include "http/routes/routes.hpp"

#include <optional>
#include <string>

#include <boost/describe/class.hpp>
#include <boost/describe/enum_from_string.hpp>

#include "app/remontees.hpp"
#include "core/errors.hpp"
// The encoders first: replies.hpp's encode() finds them where it is defined.
#include "http/survey_codec.hpp"
#include "http/json_body.hpp"
#include "http/routes/remontee_bodies.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {

void add_remontee_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    r.add({.method = "GET", .pattern = "/api/v1/remontees", .handler = [ctx](const Call& c) {
               auto site = site_filter(c.request);
               if (!site) return error_response(site.error());
               std::optional<RemonteeTheme> theme;
               if (auto t = c.request.query_param("theme")) {
                   RemonteeTheme parsed{};
                   if (!boost::describe::enum_from_string(std::string(*t).c_str(), parsed))
                       return error_response(errors::invalid_field(
                           "theme", "bruit, rangement, reservation, confidentialite, equipements ou autre"));
                   theme = parsed;
               }
               return paged_reply(c.request, app::list_remontees(ctx, *c.actor, *site, theme), CursorKind::position);
           }});
    r.add({.method = "POST", .pattern = "/api/v1/remontees", .handler = [ctx](const Call& c) {
               auto body = decode<PostRemonteeBody>(c.request.body);
               if (!body) return error_response(body.error());
               app::PostRemontee req{*body->kind, *body->theme, *body->title, body->body.value_or(""),
                                     body->anonymous.value_or(false)};
               return reply(app::post_remontee(ctx, *c.actor, req), 201);
           }});
    r.add({.method = "PATCH", .pattern = "/api/v1/remontees/{id}", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto body = decode<EditRemonteeBody>(c.request.body);
               if (!body) return error_response(body.error());
               return reply(app::edit_remontee(ctx, *c.actor, *id, *body->title, body->body.value_or("")));
           }});
    r.add({.method = "DELETE", .pattern = "/api/v1/remontees/{id}", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto done = app::remove_remontee(ctx, *c.actor, *id);
               if (!done) return error_response(done.error());
               return no_content();
           }});
    r.add({.method = "POST", .pattern = "/api/v1/remontees/{id}/support", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::support_remontee(ctx, *c.actor, *id), 201);
           }});
    r.add({.method = "DELETE", .pattern = "/api/v1/remontees/{id}/support", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::withdraw_support(ctx, *c.actor, *id));
           }});
    r.add({.method = "PUT", .pattern = "/api/v1/remontees/{id}/answer", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto body = decode<AnswerRemonteeBody>(c.request.body);
               if (!body) return error_response(body.error());
               return reply(app::answer_remontee(ctx, *c.actor, *id, *body->status, body->answer.value_or("")));
           }});
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/remontee-counts", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::count_remontees(ctx, *c.actor, *id));
           }});
}

}  // namespace escale::http
