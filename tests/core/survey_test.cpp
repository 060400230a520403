// SPDX-License-Identifier: EUPL-1.2
// Surveys' pure rules (issue 13, item 5): the checks of a questionnaire and of a resident's
// answers, the minimum group size (also by difference), results and the before/after
// comparison, and remontées' counts.
#include <gtest/gtest.h>

#include "core/remontee.hpp"
#include "core/small_groups.hpp"
#include "core/survey.hpp"
#include "core/survey_results.hpp"

namespace escale {
namespace {

Survey flex_survey() {
    Survey s;
    s.title = "Avant";
    s.opens_on = Date{date::year{2026} / 3 / 2};
    s.closes_on = Date{date::year{2026} / 3 / 13};
    s.service_ids = {1, 2};
    s.questions = find_survey_template("flex_office")->questions;
    for (std::size_t i = 0; i < s.questions.size(); ++i) s.questions[i].id = static_cast<QuestionId>(10 + i);
    return s;
}

const SurveyQuestion& of_kind(const Survey& s, QuestionKind k) {
    for (auto& q : s.questions)
        if (q.kind == k) return q;
    throw std::logic_error("no such question");
}

std::vector<GivenAnswer> required_answers(const Survey& s) {
    std::vector<GivenAnswer> out;
    for (auto& q : s.questions)
        if (q.required) out.push_back(GivenAnswer{q.id, 3, {}, {}, {}});
    return out;
}

TEST(SurveyTest, TheBuiltInQuestionnaireIsValid) {
    EXPECT_TRUE(validate_survey(flex_survey()));
    EXPECT_EQ(find_survey_template("inconnu"), nullptr);
}

TEST(SurveyTest, AQuestionnaireIsChecked) {
    auto s = flex_survey();
    s.closes_on = Date{date::year{2026} / 3 / 1};
    EXPECT_EQ(validate_survey(s).error().code, "invalid_field");
    s = flex_survey();
    s.service_ids = {1, 1};
    EXPECT_EQ(validate_survey(s).error().code, "invalid_field");
    s = flex_survey();
    s.questions[4].choices = {"seul"};
    EXPECT_NE(validate_survey(s).error().message.find("questions[4].choices"), std::string::npos);
    s = flex_survey();
    s.questions[0].scale_min = 5;
    EXPECT_FALSE(validate_survey(s));
    s = flex_survey();
    s.questions.clear();
    EXPECT_FALSE(validate_survey(s));
}

TEST(SurveyTest, AnswersAreKeptAsTextInTheQuestionsOrder) {
    auto s = flex_survey();
    auto given = required_answers(s);
    given.push_back(GivenAnswer{of_kind(s, QuestionKind::multiple_choice).id, {}, {}, std::vector<int>{3, 0}, {}});
    given.push_back(GivenAnswer{of_kind(s, QuestionKind::free_text).id, {}, {}, {}, std::string("  Bien.\n ")});
    auto kept = validate_answers(s.questions, given);
    ASSERT_TRUE(kept) << kept.error().message;
    EXPECT_EQ(kept->front().value, "3");
    bool saw_multiple = false, saw_text = false;
    for (auto& k : *kept) {
        if (k.question_id == of_kind(s, QuestionKind::multiple_choice).id) saw_multiple = k.value == "0,3";
        if (k.question_id == of_kind(s, QuestionKind::free_text).id) saw_text = k.value == "Bien.";
    }
    EXPECT_TRUE(saw_multiple && saw_text);
}

TEST(SurveyTest, WrongAnswersAreRefused) {
    auto s = flex_survey();
    auto scale = of_kind(s, QuestionKind::scale).id;
    auto single = of_kind(s, QuestionKind::single_choice).id;
    auto with = [&](GivenAnswer extra) {
        auto g = required_answers(s);
        std::erase_if(g, [&](auto& a) { return a.question_id == extra.question_id; });
        g.push_back(extra);
        return validate_answers(s.questions, g);
    };
    EXPECT_EQ(with(GivenAnswer{scale, 6, {}, {}, {}}).error().code, "invalid_field");
    EXPECT_EQ(with(GivenAnswer{scale, {}, 1, {}, {}}).error().code, "invalid_field");
    EXPECT_EQ(with(GivenAnswer{single, {}, 4, {}, {}}).error().code, "invalid_field");
    EXPECT_EQ(with(GivenAnswer{single, {}, -1, {}, {}}).error().code, "invalid_field");
    EXPECT_EQ(with(GivenAnswer{of_kind(s, QuestionKind::multiple_choice).id, {}, {}, std::vector<int>{1, 1}, {}}).error().code,
              "invalid_field");
    EXPECT_EQ(with(GivenAnswer{999, 1, {}, {}, {}}).error().code, "invalid_field");
    EXPECT_EQ(with(GivenAnswer{of_kind(s, QuestionKind::free_text).id, {}, {}, {}, std::string(2001, 'a')}).error().code,
              "invalid_field");
    auto twice = required_answers(s);
    twice.push_back(twice.front());
    EXPECT_EQ(validate_answers(s.questions, twice).error().code, "invalid_field");
    EXPECT_EQ(validate_answers(s.questions, {}).error().code, "answer_missing");
    auto optional_only = s.questions;
    for (auto& q : optional_only) q.required = false;
    EXPECT_EQ(validate_answers(optional_only, {}).error().code, "no_answer");
}

TEST(SmallGroupsTest, NoGroupUnderFiveNorByDifference) {
    EXPECT_EQ(hidden_groups({7, 6}), (std::vector<bool>{false, false}));
    EXPECT_EQ(hidden_groups({7, 4}), (std::vector<bool>{true, true}));            // 4 alone, or 11 - 7
    EXPECT_EQ(hidden_groups({9, 6, 2}), (std::vector<bool>{false, true, true}));  // 2 + 6 hidden together
    EXPECT_EQ(hidden_groups({9, 0, 6}), (std::vector<bool>{false, true, false})); // nobody in a hidden 0
    EXPECT_EQ(hidden_groups({2, 2, 3}), (std::vector<bool>{true, true, true}));
}

TEST(SurveyResultsTest, CountsMeansAndHiddenServices) {
    auto s = flex_survey();
    const auto& q = s.questions[0];  // scale 1..5
    std::vector<AnswerRow> rows;
    // Service 1: 6 answers of 4; service 2: 2 answers of 1; not kept: 3 answers of 5.
    for (int i = 0; i < 6; ++i) rows.push_back({q.id, ServiceId{1}, "4"});
    for (int i = 0; i < 2; ++i) rows.push_back({q.id, ServiceId{2}, "1"});
    for (int i = 0; i < 3; ++i) rows.push_back({q.id, std::nullopt, "5"});
    auto r = survey_results(s.questions, rows, s.service_ids, 11);
    ASSERT_EQ(r.participants, 11);
    const auto& first = r.questions[0];
    EXPECT_EQ(first.overall.answers, 11);
    EXPECT_EQ(first.overall.counts, (std::vector<int>{2, 0, 0, 6, 3}));
    EXPECT_DOUBLE_EQ(*first.overall.mean, (2 + 24 + 15) / 11.0);
    ASSERT_EQ(first.services.size(), 3u);
    // 2 + 3 hidden = 5: service 1 can stay shown.
    EXPECT_FALSE(first.services[0].group.hidden);
    EXPECT_EQ(first.services[0].group.answers, 6);
    EXPECT_TRUE(first.services[1].group.hidden);
    EXPECT_TRUE(first.services[2].group.hidden);
    // A question nobody answered: hidden.
    EXPECT_TRUE(r.questions[1].overall.hidden);
    EXPECT_FALSE(survey_results(s.questions, rows, s.service_ids, 4).participants);
    auto table = survey_results_table(r, {"SGAR", "DREETS"});
    EXPECT_EQ(table.columns.size(), 5u);
    EXPECT_EQ(std::get<std::string>(table.rows[0][1]), "Ensemble");
}

TEST(SurveyResultsTest, BeforeAndAfterNeedTheSameQuestions) {
    auto before = flex_survey();
    auto after = flex_survey();
    for (auto& q : after.questions) q.id += 100;
    std::vector<AnswerRow> rb, ra;
    for (int i = 0; i < 5; ++i) {
        rb.push_back({before.questions[0].id, std::nullopt, "2"});
        ra.push_back({after.questions[0].id, std::nullopt, "4"});
    }
    auto c = compare_surveys(before.questions, rb, after.questions, ra);
    ASSERT_EQ(c.size(), before.questions.size());
    EXPECT_DOUBLE_EQ(*c[0].before.mean, 2);
    EXPECT_DOUBLE_EQ(*c[0].after.mean, 4);
    after.questions[2].prompt = "Autre chose ?";
    EXPECT_FALSE(same_questions(before.questions, after.questions));
    EXPECT_TRUE(compare_surveys(before.questions, rb, after.questions, ra).empty());
}

TEST(RemonteeTest, AnonymousOnesKeepOnlyTheirDayAndCountsKeepTheMinimum) {
    Instant at{std::chrono::seconds{1772445600}};  // 2026-03-02T10:00:00Z
    EXPECT_EQ(kept_post_instant(at, false), at);
    EXPECT_EQ(kept_post_instant(at, true).time_since_epoch().count() % 86400, 0);
    std::vector<RemonteeFact> facts;
    for (int i = 0; i < 6; ++i) facts.push_back({RemonteeTheme::bruit, ServiceId{1}});
    for (int i = 0; i < 5; ++i) facts.push_back({RemonteeTheme::rangement, ServiceId{2}});
    facts.push_back({RemonteeTheme::autre, std::nullopt});
    auto c = remontee_counts(facts, {1, 2});
    EXPECT_EQ(c.total, 12);
    EXPECT_EQ(c.themes[0].count, 6);    // bruit
    EXPECT_TRUE(c.themes[1].hidden);    // rangement: hidden with « autre » (1), else 12 - 6 - 5
    EXPECT_TRUE(c.themes[5].hidden);
    Remontee r;
    r.title = " ";
    EXPECT_EQ(validate_remontee(r).error().code, "missing_field");
}

}  // namespace
}  // namespace escale
