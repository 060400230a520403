// SPDX-License-Identifier: EUPL-1.2
// The surveys' and remontées' use cases (issue 13, items 5 and 6) against the in-memory store
// of fake_store.hpp: a survey written from the built-in questionnaire, answered once by each
// resident of its service and by nobody else, its ballot box mixed out by batches, its
// results once closed (the box emptied, groups under 5 hidden), and nothing of it in the
// audit log; remontées signed and anonymous, supported once, listed with their supports.
// No database, no socket.
#include <gtest/gtest.h>

#include "app/remontees.hpp"
#include "app/surveys.hpp"
#include "fake_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

// Thursday 15 October 2026, 09:00 in Paris.
const Instant thursday_9am = date::sys_days{2026_y / 10 / 15} + std::chrono::hours{7};

class VoiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto tx = *store.begin(TxMode::write);
        auto& ref = tx->referential();
        Site s;
        s.name = "Préfecture";
        site = *ref.insert(s);
        sgar = *ref.insert(Service{0, site, "SGAR", "Secrétariat général pour les affaires régionales"});
        dreets = *ref.insert(Service{0, site, "DREETS", "Économie, emploi, travail et solidarités"});
        for (int i = 0; i < 12; ++i)
            agents.push_back(fake::add_resident(ref, site, sgar, "agent" + std::to_string(i), Role::agent));
        bob = fake::add_resident(ref, site, dreets, "bob", Role::agent);
        gestionnaire = fake::add_resident(ref, site, sgar, "gestion", Role::gestionnaire);
        ASSERT_TRUE(tx->commit());
    }

    app::Context ctx() { return {store, clock}; }
    static app::Actor actor(const Resident& r) { return app::Actor::of(r, {}); }

    Survey flex_office_survey() {
        app::CreateSurvey request;
        request.template_key = "flex_office";
        request.survey.opens_on = Date{2026_y / 10 / 12};
        request.survey.closes_on = Date{2026_y / 10 / 23};
        request.survey.service_ids = {sgar};
        auto made = app::create_survey(ctx(), actor(gestionnaire), request);
        EXPECT_TRUE(made) << made.error().message;
        return *made;
    }

    // Every question answered: the lowest scale value, the first choice, free text `text`.
    static std::vector<GivenAnswer> sheet(const Survey& s, const std::string& text) {
        std::vector<GivenAnswer> out;
        for (auto& q : s.questions) {
            GivenAnswer a{q.id, {}, {}, {}, {}};
            switch (q.kind) {
                case QuestionKind::scale: a.scale = q.scale_min; break;
                case QuestionKind::single_choice: a.choice = 0; break;
                case QuestionKind::multiple_choice: a.choices = std::vector<int>{0}; break;
                case QuestionKind::free_text: a.text = text; break;
            }
            out.push_back(a);
        }
        return out;
    }

    std::size_t sheets_in_box(SurveyId id) {
        std::set<Id> ballots;
        for (auto& a : store.state.ballot_boxes[id]) ballots.insert(a.ballot);
        return ballots.size();
    }

    fake::Store store;
    ManualClock clock{thursday_9am};
    SiteId site = 0;
    ServiceId sgar = 0, dreets = 0;
    std::vector<Resident> agents;
    Resident bob, gestionnaire;
};

TEST_F(VoiceTest, EachResidentOfItsServiceAnswersOnceAndTheBoxMixesByBatches) {
    auto survey = flex_office_survey();
    ASSERT_FALSE(survey.questions.empty());
    auto audit_before = store.state.audit.size();
    for (std::size_t i = 0; i < agents.size(); ++i) {
        auto done = app::answer_survey(ctx(), actor(agents[i]), survey.id, sheet(survey, "réponse " + std::to_string(i)));
        ASSERT_TRUE(done) << i << ": " << done.error().message;
        if (i + 1 == 10) {  // the 10th sheet: 5 leave the box for the kept answers
            EXPECT_EQ(sheets_in_box(survey.id), static_cast<std::size_t>(app::ballot_box_keep));
        }
    }
    auto again = app::answer_survey(ctx(), actor(agents[0]), survey.id, sheet(survey, "encore"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "already_answered");
    auto foreign = app::answer_survey(ctx(), actor(bob), survey.id, sheet(survey, "pas mon service"));
    ASSERT_FALSE(foreign);
    EXPECT_EQ(foreign.error().code, "survey_not_for_you");

    EXPECT_EQ(store.state.participations.size(), agents.size());
    EXPECT_EQ(sheets_in_box(survey.id), 7u);  // 12 sheets, 5 of which left at the 10th
    std::set<std::string> kept_texts;
    for (auto& row : store.state.kept_answers[survey.id])
        if (row.value.rfind("réponse ", 0) == 0) kept_texts.insert(row.value);
    EXPECT_EQ(kept_texts.size(), 5u);
    EXPECT_EQ(store.state.audit.size(), audit_before) << "answering writes nothing in the audit log";

    auto mine = app::my_surveys(ctx(), actor(agents[3]));
    ASSERT_TRUE(mine);
    ASSERT_EQ(mine->size(), 1u);
    EXPECT_TRUE((*mine)[0].answered);
}

TEST_F(VoiceTest, ClosedResultsEmptyTheBoxAndCountEverySheet) {
    auto survey = flex_office_survey();
    for (std::size_t i = 0; i < 7; ++i)
        ASSERT_TRUE(app::answer_survey(ctx(), actor(agents[i]), survey.id, sheet(survey, "texte " + std::to_string(i))));
    // open: the 7 sheets wait in the box, none counted yet
    auto open = app::read_survey_results(ctx(), actor(gestionnaire), survey.id);
    ASSERT_TRUE(open) << open.error().message;
    EXPECT_EQ(sheets_in_box(survey.id), 7u);
    clock.set(date::sys_days{2026_y / 10 / 26} + std::chrono::hours{8});  // closed on the 23rd
    auto closed = app::read_survey_results(ctx(), actor(gestionnaire), survey.id);
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(sheets_in_box(survey.id), 0u);
    EXPECT_EQ(closed->results.participants, std::optional(7));
    auto free = std::find_if(closed->results.questions.begin(), closed->results.questions.end(),
                             [](auto& q) { return q.question.kind == QuestionKind::free_text; });
    ASSERT_NE(free, closed->results.questions.end());
    EXPECT_EQ(free->overall.texts.size(), 7u);
    auto agent = app::read_survey_results(ctx(), actor(agents[0]), survey.id);
    EXPECT_FALSE(agent);  // results are for who manages the survey
}

TEST_F(VoiceTest, RemonteesSignedOrAnonymousAndSupportedOnce) {
    auto signed_one = app::post_remontee(ctx(), actor(agents[0]),
                                         {RemonteeKind::irritant, RemonteeTheme::bruit, "Bruit des visios", "", false});
    ASSERT_TRUE(signed_one) << signed_one.error().message;
    EXPECT_TRUE(signed_one->mine);
    EXPECT_EQ(signed_one->remontee.author_id, std::optional(agents[0].id));
    auto anonymous = app::post_remontee(ctx(), actor(agents[1]),
                                        {RemonteeKind::idee, RemonteeTheme::rangement, "Plus de casiers", "", true});
    ASSERT_TRUE(anonymous);
    EXPECT_FALSE(store.state.remontees.back().author_id) << "an anonymous remontée keeps no author";
    EXPECT_EQ(store.state.remontees.back().created_at, Instant{date::sys_days{2026_y / 10 / 15}});

    for (int i = 2; i < 8; ++i) ASSERT_TRUE(app::support_remontee(ctx(), actor(agents[i]), signed_one->remontee.id));
    auto twice = app::support_remontee(ctx(), actor(agents[2]), signed_one->remontee.id);
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, "already_supported");
    auto withdrawn = app::withdraw_support(ctx(), actor(agents[7]), signed_one->remontee.id);
    ASSERT_TRUE(withdrawn);
    EXPECT_EQ(withdrawn->supports, 5);
    EXPECT_FALSE(withdrawn->supported);

    auto listed = app::list_remontees(ctx(), actor(bob), std::nullopt, std::nullopt);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_EQ((*listed)[1].supports, 5);
    EXPECT_TRUE((*listed)[0].author_name.empty());
    EXPECT_EQ((*listed)[1].author_name, agents[0].display_name);
}

}  // namespace
