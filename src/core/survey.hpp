// SPDX-License-Identifier: EUPL-1.2
// Agents' surveys (enquêtes, issue 13 item 5): a questionnaire written by a gestionnaire or a
// référent for one or more services of a site, open between two days, answered once and
// anonymously by the residents of those services. This header holds the survey as written,
// one answer as a resident gives it and as it is kept, and the pure checks of both; the
// results live in core/survey_results.hpp. Plain values, no I/O: safe to share.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/describe/enum.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/local_date.hpp"

namespace escale {

using SurveyId = Id;
using QuestionId = Id;

enum class QuestionKind {
    scale,            // a whole number from scale_min to scale_max
    single_choice,    // one of `choices`
    multiple_choice,  // any number (at least one) of `choices`
    free_text,        // a sentence or two
};
BOOST_DESCRIBE_ENUM(QuestionKind, scale, single_choice, multiple_choice, free_text)

struct SurveyQuestion {
    QuestionId id = 0;  // 0 until stored
    int position = 0;   // 1, 2, ... in the questionnaire
    QuestionKind kind = QuestionKind::scale;
    std::string prompt;
    std::vector<std::string> choices;  // choice questions only
    int scale_min = 1;                 // scale questions only
    int scale_max = 5;
    std::string min_label;  // scale: what the lowest value means (« Pas du tout »), may be empty
    std::string max_label;
    bool required = false;
};

struct Survey {
    SurveyId id = 0;
    SiteId site_id = 0;
    std::string title;
    std::string description;
    Date opens_on;   // first day answers are taken, the site's calendar
    Date closes_on;  // last day (inclusive)
    std::vector<ServiceId> service_ids;  // whose residents may answer
    std::vector<SurveyQuestion> questions;  // by position
    std::optional<ResidentId> created_by;
    Instant created_at{};
    std::string template_key;  // the built-in questionnaire it was made from, or empty
};

// Whether answers are taken on `today` (opens_on <= today <= closes_on).
bool survey_open_on(const Survey& s, Date today);
// Whether the survey has closed before `today`.
bool survey_closed_on(const Survey& s, Date today);

// The checks of a survey being written (title, dates, services, questions), before anything
// is stored: invalid_field naming the field at fault ("questions[2].choices"), else nothing.
// Questions are renumbered 1, 2, ... by the caller beforehand.
Result<void> validate_survey(const Survey& s);

// One answer as a resident gives it: the question, and the one member its kind uses.
struct GivenAnswer {
    QuestionId question_id = 0;
    std::optional<int> scale;              // scale
    std::optional<int> choice;             // single_choice: index in choices, from 0
    std::optional<std::vector<int>> choices;  // multiple_choice: indexes, from 0
    std::optional<std::string> text;       // free_text
};

// One answer as it is kept: the question and its value as text ("4" on a scale, "2" for the
// third choice, "0,3" for several, the words of a free text). No resident, no time.
struct KeptAnswer {
    QuestionId question_id = 0;
    std::string value;
};

// One kept answer as the store reads it back: its question, the service it is counted in
// (none when the service was not kept: fewer than 5 of its residents had answered), its value.
struct AnswerRow {
    QuestionId question_id = 0;
    std::optional<ServiceId> service_id;
    std::string value;
};

// The longest free text kept, in characters (UTF-8 code points).
inline constexpr int max_free_text = 2000;

// Checks a resident's answers against the survey's questions and returns them as kept, in the
// questions' order: each question at most once, values of the question's kind and range,
// every required question answered, at least one answer; a free text is trimmed and an empty
// one counts as no answer. Errors: invalid_field naming "answers[i]…", answer_missing for a
// required question left out, no_answer when nothing is answered.
Result<std::vector<KeptAnswer>> validate_answers(const std::vector<SurveyQuestion>& questions,
                                                 const std::vector<GivenAnswer>& given);

// Whether two questionnaires ask the same questions (same number, and at each position the
// same kind, prompt, choices and scale), so that their results can be compared.
bool same_questions(const std::vector<SurveyQuestion>& a, const std::vector<SurveyQuestion>& b);

// A questionnaire built into Escale, for a gestionnaire to start from.
struct SurveyTemplate {
    std::string key;  // "flex_office"
    std::string title;
    std::string description;
    std::vector<SurveyQuestion> questions;
};

// The built-in questionnaires: « Avant / après flex office », asked once before the move and
// once after it, so that the two can be compared question by question.
const std::vector<SurveyTemplate>& survey_templates();
const SurveyTemplate* find_survey_template(std::string_view key);

}  // namespace escale
