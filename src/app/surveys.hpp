// SPDX-License-Identifier: EUPL-1.2
// Use cases of agents' surveys (issue 13, item 5): write one for services of a site (from
// scratch or from a built-in questionnaire), list them, answer one once and anonymously, read
// its results per question and per service, compare two surveys that ask the same
// questions, delete one. How answers are kept apart from who answered: store/survey_store.hpp
// and docs/donnees-personnelles.md. No audit line is ever written about answering.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/error.hpp"
#include "core/survey.hpp"
#include "core/survey_results.hpp"

namespace escale::app {

// How many sheets the ballot box keeps after a mix, and how many leave it at once: answers
// move to the kept answers 5 sheets at a time, chosen at random among at least 10.
inline constexpr int ballot_box_keep = 5;
inline constexpr int ballot_box_batch = 5;

struct CreateSurvey {
    Survey survey;             // title, description, dates, services, questions (site and ids are set here)
    std::string template_key;  // when set: the built-in questionnaire's questions (and title, if none given)
};

// Writes a survey. Needs manage_surveys on every one of its services (all of one site).
// Errors: invalid_field / missing_field (validate_survey), unknown_survey_template,
// unknown_reference (a service), forbidden.
Result<Survey> create_survey(Context ctx, const Actor& actor, const CreateSurvey& request);

struct SurveySummary {
    Survey survey;
    std::optional<int> participants;  // none below 5
    bool open = false;                // takes answers today
    bool closed = false;              // closed before today
};

// The surveys of site `site` the actor may manage (every service of theirs within reach).
Result<std::vector<SurveySummary>> list_surveys(Context ctx, const Actor& actor, SiteId site);

struct MySurvey {
    Survey survey;
    bool answered = false;
};

// The surveys open today to the actor's service, each saying whether they answered it.
Result<std::vector<MySurvey>> my_surveys(Context ctx, const Actor& actor);

// One survey, to answer or to manage: for a resident of one of its services (on its site)
// or someone who may manage it; not_found for anyone else.
Result<MySurvey> get_survey(Context ctx, const Actor& actor, SurveyId id);

// Answers survey `id` once (take_part on its site; the actor's service must be one of its
// services: survey_not_for_you; open today: survey_not_open; already_answered on a second
// try, whatever races). Records the participation, puts the sheet in the ballot box and mixes
// a batch out of it when the box holds 10 sheets. Nothing about it goes in the audit log.
Result<void> answer_survey(Context ctx, const Actor& actor, SurveyId id, const std::vector<GivenAnswer>& answers);

struct SurveyResultsView {
    Survey survey;
    SurveyResults results;
    std::vector<std::string> service_names;  // aligned with survey.service_ids
    int pending = 0;                         // sheets still in the ballot box (counted at closing), 0 below 5
};

// The results (manage_surveys on every service of the survey). A closed survey's ballot box
// is emptied into its kept answers first.
Result<SurveyResultsView> read_survey_results(Context ctx, const Actor& actor, SurveyId id);

struct SurveyComparison {
    Survey before;
    Survey after;
    std::vector<QuestionComparison> questions;
};

// Compares survey `before` with survey `after` (manage_surveys on both); surveys_not_comparable
// when their questions differ.
Result<SurveyComparison> compare_two_surveys(Context ctx, const Actor& actor, SurveyId before, SurveyId after);

// Within write transaction `tx` (the retention job): empties into their kept answers the
// ballot boxes of site `site`'s surveys closed before `today`.
Result<void> empty_closed_ballot_boxes(Transaction& tx, SiteId site, Date today);

// Deletes a survey with its answers (manage_surveys on its services); recorded in the audit log.
Result<void> delete_survey(Context ctx, const Actor& actor, SurveyId id);

}  // namespace escale::app
