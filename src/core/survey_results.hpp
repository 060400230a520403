// SPDX-License-Identifier: EUPL-1.2
// What a survey's answers say, question by question, for the whole survey and for each
// service (issue 13 item 5): counts per value or choice, the mean of a scale, the free texts
// in alphabetical order; every group of fewer than 5 answers hidden, and none derivable by
// difference (core/small_groups.hpp). Also the before/after comparison of two surveys that
// ask the same questions, and the results as a table for the CSV export. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/survey.hpp"
#include "core/table.hpp"

namespace escale {

// The answers of one group to one question.
struct AnswerGroup {
    bool hidden = false;  // fewer than 5 answers, or hidden so that none is derived by difference
    int answers = 0;      // 0 when hidden
    // scale: answers per value from scale_min to scale_max; choices: per choice (a multiple
    // choice counts every ticked box); empty for free text and when hidden.
    std::vector<int> counts;
    std::optional<double> mean;      // scale, when shown
    std::vector<std::string> texts;  // free text, alphabetical (the whole survey only)
};

struct ServiceAnswers {
    std::optional<ServiceId> service_id;  // none: the answers whose service was not kept
    AnswerGroup group;
};

struct QuestionResults {
    SurveyQuestion question;
    AnswerGroup overall;
    std::vector<ServiceAnswers> services;  // the survey's services in its order, then the unkept
};

struct SurveyResults {
    std::optional<int> participants;  // residents who answered; none when fewer than 5
    std::vector<QuestionResults> questions;
};

// The results of `questions` from `rows`, per service of `services`.
SurveyResults survey_results(const std::vector<SurveyQuestion>& questions, const std::vector<AnswerRow>& rows,
                             const std::vector<ServiceId>& services, int participants);

struct QuestionComparison {
    SurveyQuestion question;  // as the "after" survey asks it
    AnswerGroup before;
    AnswerGroup after;
};

// Question by question (by position), the whole of each survey. The questionnaires must be
// the same (same_questions); otherwise the comparison is empty.
std::vector<QuestionComparison> compare_surveys(const std::vector<SurveyQuestion>& before_questions,
                                                const std::vector<AnswerRow>& before_rows,
                                                const std::vector<SurveyQuestion>& after_questions,
                                                const std::vector<AnswerRow>& after_rows);

// The results as a table for French spreadsheets: question, group (« Ensemble » or the
// service's name from `service_names`, aligned with the survey's services), answer (a value,
// a choice, « Moyenne », « Réponses »), count, share of the group's answers in %. Hidden
// groups say « moins de 5 réponses ». Free texts are not in it.
Table survey_results_table(const SurveyResults& r, const std::vector<std::string>& service_names);

}  // namespace escale
