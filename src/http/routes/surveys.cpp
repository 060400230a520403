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
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {
namespace {

struct QuestionBody {
    Required<QuestionKind> kind;
    Required<std::string> prompt;
    std::optional<std::vector<std::string>> choices;
    std::optional<int> scale_min;
    std::optional<int> scale_max;
    std::optional<std::string> min_label;
    std::optional<std::string> max_label;
    std::optional<bool> required;
};
BOOST_DESCRIBE_STRUCT(QuestionBody, (), (kind, prompt, choices, scale_min, scale_max, min_label, max_label, required))

// POST /api/v1/surveys: questions, or a built-in questionnaire (template_key), or both.
struct CreateSurveyBody {
    std::optional<std::string> title;
    std::optional<std::string> description;
    Required<Date> opens_on;
    Required<Date> closes_on;
    Required<std::vector<PositiveId>> service_ids;
    std::optional<std::vector<QuestionBody>> questions;
    std::optional<std::string> template_key;
};
BOOST_DESCRIBE_STRUCT(CreateSurveyBody, (), (title, description, opens_on, closes_on, service_ids, questions, template_key))

struct AnswerBody {
    Required<PositiveId> question_id;
    std::optional<int> scale;
    std::optional<int> choice;
    std::optional<std::vector<int>> choices;
    std::optional<std::string> text;
};
BOOST_DESCRIBE_STRUCT(AnswerBody, (), (question_id, scale, choice, choices, text))

struct AnswersBody {
    Required<std::vector<AnswerBody>> answers;
};
BOOST_DESCRIBE_STRUCT(AnswersBody, (), (answers))

app::CreateSurvey to_request(const CreateSurveyBody& b) {
    app::CreateSurvey r;
    r.survey.title = b.title.value_or("");
    r.survey.description = b.description.value_or("");
    r.survey.opens_on = *b.opens_on;
    r.survey.closes_on = *b.closes_on;
    for (auto& id : *b.service_ids) r.survey.service_ids.push_back(id.value);
    for (auto& q : b.questions.value_or(std::vector<QuestionBody>{})) {
        SurveyQuestion sq;
        sq.kind = *q.kind;
        sq.prompt = *q.prompt;
        sq.choices = q.choices.value_or(std::vector<std::string>{});
        sq.scale_min = q.scale_min.value_or(1);
        sq.scale_max = q.scale_max.value_or(5);
        sq.min_label = q.min_label.value_or("");
        sq.max_label = q.max_label.value_or("");
        sq.required = q.required.value_or(false);
        r.survey.questions.push_back(std::move(sq));
    }
    r.template_key = b.template_key.value_or("");
    return r;
}

}  // namespace

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
               return reply(app::create_survey(ctx, *c.actor, to_request(*body)), 201);
           }});
    r.add({.method = "GET", .pattern = "/api/v1/surveys", .handler = [ctx](const Call& c) {
               auto site = site_filter(c.request);
               if (!site) return error_response(site.error());
               return reply(app::list_surveys(ctx, *c.actor, site->value_or(c.actor->resident.site_id)));
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
               std::vector<GivenAnswer> given;
               for (auto& a : *body->answers)
                   given.push_back(GivenAnswer{a.question_id->value, a.scale, a.choice, a.choices, a.text});
               auto done = app::answer_survey(ctx, *c.actor, *id, given);
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
