// SPDX-License-Identifier: EUPL-1.2
// Routes of agents' surveys (issue 13, item 5): the built-in questionnaires, writing a
// survey, the surveys of a site and one's own, answering once, the results (JSON and French
// CSV), the before/after comparison, deleting one.
#include "http/routes/routes.hpp"

#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>
#include <fmt/format.h>

#include "app/surveys.hpp"
#include "core/errors.hpp"
#include "core/survey_results.hpp"
// The encoders first: replies.hpp's encode() finds them where it is defined.
#include "http/survey_codec.hpp"
#include "http/json_body.hpp"
#include "http/routes/survey_bodies.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {

void add_survey_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    r.add({.method = "GET", .pattern = "/api/v1/survey-templates", .handler = [](const Call&) {
               boost::json::array all;
               for (auto& t : survey_templates()) all.push_back(to_json(t));
               return json_response(200, all);
           }});
    r.add({.method = "POST", .pattern = "/api/v1/surveys", .handler = [ctx](const Call& c) {
               auto body = decode<CreateSurveyBody>(c.request.body);
               if (!body) return error_response(body.error());
               return reply(app::create_survey(ctx, *c.actor, create_survey_of(*body)), 201);
           }});
    r.add({.method = "GET", .pattern = "/api/v1/surveys", .handler = [ctx](const Call& c) {
               auto site = site_filter(c.request);
               if (!site) return error_response(site.error());
               return paged_reply(c.request, app::list_surveys(ctx, *c.actor, site->value_or(c.actor->resident.site_id)),
                                  CursorKind::position);
           }});
    r.add({.method = "GET", .pattern = "/api/v1/me/surveys",
           .handler = [ctx](const Call& c) { return reply(app::my_surveys(ctx, *c.actor)); }});
    r.add({.method = "GET", .pattern = "/api/v1/surveys/{id}", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::get_survey(ctx, *c.actor, *id));
           }});
    r.add({.method = "DELETE", .pattern = "/api/v1/surveys/{id}", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto done = app::delete_survey(ctx, *c.actor, *id);
               if (!done) return error_response(done.error());
               return no_content();
           }});
    r.add({.method = "POST", .pattern = "/api/v1/surveys/{id}/answers", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto body = decode<AnswersBody>(c.request.body);
               if (!body) return error_response(body.error());
               auto done = app::answer_survey(ctx, *c.actor, *id, given_answers_of(*body));
               if (!done) return error_response(done.error());
               return json_response(201, boost::json::object{{"survey_id", *id}, {"answered", true}});
           }});
    // Reading the results of a closed survey first empties its ballot box: a write.
    r.add({.method = "GET", .pattern = "/api/v1/surveys/{id}/results", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::read_survey_results(ctx, *c.actor, *id));
           },
           .slow = true});
    r.add({.method = "GET", .pattern = "/api/v1/surveys/{id}/results.csv", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto v = app::read_survey_results(ctx, *c.actor, *id);
               if (!v) return error_response(v.error());
               return csv_download(survey_results_table(v->results, v->service_names), fmt::format("enquete-{}", *id));
           },
           .slow = true});
    r.add({.method = "GET", .pattern = "/api/v1/surveys/{id}/comparison", .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto before_text = c.request.query_param("before");
               if (!before_text) return error_response(errors::missing_field("before"));
               auto before = parse_id(*before_text, "before");
               if (!before) return error_response(before.error());
               return reply(app::compare_two_surveys(ctx, *c.actor, *before, *id));
           },
           .slow = true});
}

}  // namespace escale::http
