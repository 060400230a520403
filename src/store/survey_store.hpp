// SPDX-License-Identifier: EUPL-1.2
// Surveys inside a transaction (issue 13, item 5). Part of a Transaction (store/store.hpp):
// it belongs to the transaction's thread and shares its error rules.
//
// Anonymity is built into the tables (docs/donnees-personnelles.md, « Enquêtes »): who
// answered (survey_participations: survey and resident, nothing else) is kept apart from
// what was answered. A resident's answers first go into the survey's ballot box
// (survey_ballot_box), whose rows are all rewritten, with new random numbers, by each
// answering transaction; answers leave the box for survey_answers in mixed batches. Kept
// answers carry a random id, their question, their service (or none) and their value: no
// resident, no time, no sequence. On SQLite these tables are WITHOUT ROWID, so rows are
// stored in the order of their random keys, not of their arrival.
#pragma once

#include <optional>
#include <vector>

#include "core/error.hpp"
#include "core/survey.hpp"

namespace escale {

// An answer in the ballot box: the sheet it belongs to (a random number, new at each
// rewrite), the service it may be counted in, the question and the value.
struct BoxedAnswer {
    Id ballot = 0;
    std::optional<ServiceId> service_id;
    QuestionId question_id = 0;
    std::string value;
};

class SurveyStore {
public:
    virtual ~SurveyStore() = default;

    // Writes the survey, its services and its questions; returns the survey's id (its
    // questions' ids are read back with find).
    virtual Result<SurveyId> insert(const Survey& s) = 0;
    virtual Result<std::optional<Survey>> find(SurveyId id) = 0;
    // Every survey of site `site`, newest first (by opening day, then id).
    virtual Result<std::vector<Survey>> of_site(SiteId site) = 0;
    // The surveys open to service `service` on day `today`.
    virtual Result<std::vector<Survey>> open_to(ServiceId service, Date today) = 0;
    // Deletes a survey and everything of it (participations, box, answers); how many surveys.
    virtual Result<int> remove(SurveyId id) = 0;

    // Makes the other write transactions that answer survey `id` wait until this one ends
    // (the ballot box is rewritten whole). PostgreSQL: an advisory lock, across servers.
    virtual Result<void> hold(SurveyId id) = 0;
    // Records that resident r answered survey s; fails with already_answered (conflict) when
    // they had, whatever races (the primary key).
    virtual Result<void> add_participation(SurveyId s, ResidentId r) = 0;
    virtual Result<bool> participated(SurveyId s, ResidentId r) = 0;
    // How many residents answered survey s.
    virtual Result<int> participant_count(SurveyId s) = 0;
    // How many residents of service `service` answered survey s (their current service).
    virtual Result<int> participant_count(SurveyId s, ServiceId service) = 0;
    // The surveys resident r answered (personal data: that they took part, not what they said).
    virtual Result<std::vector<SurveyId>> participations_of(ResidentId r) = 0;
    // Personal data: forgets resident r's participations (removal); how many.
    virtual Result<int> forget_participations_of(ResidentId r) = 0;
    // Retention: forgets the participations in surveys of site `site` closed before `before`.
    virtual Result<int> forget_participations_before(SiteId site, Date before) = 0;

    // The ballot box of survey s.
    virtual Result<std::vector<BoxedAnswer>> box(SurveyId s) = 0;
    // Empties the ballot box of survey s and fills it with `answers`, in that order, each
    // sheet under a new random number.
    virtual Result<void> refill_box(SurveyId s, const std::vector<BoxedAnswer>& answers) = 0;
    // Adds answers to survey s's kept answers, in that order, each under a random id.
    virtual Result<void> keep_answers(SurveyId s, const std::vector<AnswerRow>& answers) = 0;
    // The kept answers of survey s, by random id.
    virtual Result<std::vector<AnswerRow>> answers(SurveyId s) = 0;
    // The surveys of site `site` closed before `today` whose ballot box is not empty.
    virtual Result<std::vector<SurveyId>> closed_with_box(SiteId site, Date today) = 0;
};

}  // namespace escale
