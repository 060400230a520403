// SPDX-License-Identifier: EUPL-1.2
// The request bodies of surveys (POST /api/v1/surveys, POST /api/v1/surveys/{id}/answers) and
// the use cases' inputs made of them, apart from their routes so that fuzz/route_bodies.cpp
// decodes the very same shapes. Plain data and pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

#include "app/surveys.hpp"
#include "core/survey.hpp"
#include "http/json_body.hpp"

namespace escale::http {

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

// The use case's question: absent members take their defaults.
inline app::CreateSurvey create_survey_of(const CreateSurveyBody& b) {
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

// The answers as the use case takes them.
inline std::vector<GivenAnswer> given_answers_of(const AnswersBody& b) {
    std::vector<GivenAnswer> given;
    for (auto& a : *b.answers) given.push_back(GivenAnswer{a.question_id->value, a.scale, a.choice, a.choices, a.text});
    return given;
}

}  // namespace escale::http
