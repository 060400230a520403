// SPDX-License-Identifier: EUPL-1.2
#include "app/surveys.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <sodium.h>

#include "app/audit.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/small_groups.hpp"

namespace escale::app {
namespace {

Noun survey_label() { return feminine("enquête"); }

// Shuffles `items` with libsodium's random numbers (Fisher–Yates).
template <class T>
void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) {
        auto j = static_cast<std::size_t>(randombytes_uniform(static_cast<std::uint32_t>(i)));
        std::swap(items[i - 1], items[j]);
    }
}

Result<Date> today_at(Transaction& tx, Context ctx, SiteId site_id) {
    ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, site_id));
    if (!site) return fail(errors::not_found(entity_label<Site>()));
    ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
    return cal.today(ctx.clock.now());
}

bool may_manage(const Actor& actor, const Survey& s) {
    if (s.service_ids.empty()) return actor.may(Permission::manage_surveys, Scope{s.site_id, std::nullopt});
    return std::all_of(s.service_ids.begin(), s.service_ids.end(), [&](ServiceId service) {
        return actor.may(Permission::manage_surveys, Scope{s.site_id, service});
    });
}

bool addressed_to(const Actor& actor, const Survey& s) {
    return !actor.is_system && actor.resident.site_id == s.site_id && actor.resident.service_id &&
           std::find(s.service_ids.begin(), s.service_ids.end(), *actor.resident.service_id) != s.service_ids.end();
}

// A survey the actor manages (forbidden for anyone else).
Result<Survey> managed_survey(Transaction& tx, const Actor& actor, SurveyId id) {
    ESCALE_TRY(auto s, tx.surveys().find(id));
    if (!s) return fail(errors::not_found(survey_label()));
    if (!may_manage(actor, *s)) return fail(errors::forbidden());
    return *s;
}

// Sheets of the ballot box, grouped by their random numbers.
std::vector<std::vector<BoxedAnswer>> sheets_of(std::vector<BoxedAnswer> box) {
    std::map<Id, std::vector<BoxedAnswer>> by_ballot;
    for (auto& a : box) by_ballot[a.ballot].push_back(std::move(a));
    std::vector<std::vector<BoxedAnswer>> out;
    for (auto& [_, sheet] : by_ballot) out.push_back(std::move(sheet));
    return out;
}

// Moves every sheet of `sheets` to the kept answers of survey s, in a random order. A sheet
// keeps its service only when at least 5 residents of that service have answered by then.
Result<void> keep_sheets(Transaction& tx, SurveyId s, const std::vector<std::vector<BoxedAnswer>>& sheets) {
    std::vector<AnswerRow> rows;
    std::map<ServiceId, bool> large_enough;
    for (auto& sheet : sheets)
        for (auto& a : sheet) {
            std::optional<ServiceId> service = a.service_id;
            if (service) {
                auto known = large_enough.find(*service);
                if (known == large_enough.end()) {
                    ESCALE_TRY(int n, tx.surveys().participant_count(s, *service));
                    known = large_enough.emplace(*service, n >= minimum_group_size).first;
                }
                if (!known->second) service.reset();
            }
            rows.push_back(AnswerRow{a.question_id, service, a.value});
        }
    shuffle(rows);
    return tx.surveys().keep_answers(s, rows);
}

// Writes `sheets` back into the box of survey s, in a random order, under new numbers.
Result<void> refill(Transaction& tx, SurveyId s, std::vector<std::vector<BoxedAnswer>> sheets) {
    shuffle(sheets);
    std::vector<BoxedAnswer> flat;
    for (auto& sheet : sheets) {
        shuffle(sheet);
        for (auto& a : sheet) flat.push_back(std::move(a));
    }
    return tx.surveys().refill_box(s, flat);
}

// A closed survey's box goes whole into its kept answers.
Result<void> empty_box(Transaction& tx, SurveyId s) {
    ESCALE_TRY(auto box, tx.surveys().box(s));
    if (box.empty()) return {};
    ESCALE_TRY_VOID(keep_sheets(tx, s, sheets_of(std::move(box))));
    return tx.surveys().refill_box(s, {});
}

}  // namespace

Result<Survey> create_survey(Context ctx, const Actor& actor, const CreateSurvey& request) {
    Survey s = request.survey;
    if (!request.template_key.empty()) {
        const SurveyTemplate* t = find_survey_template(request.template_key);
        if (!t) return fail(errors::unknown_survey_template(request.template_key));
        if (s.questions.empty()) s.questions = t->questions;
        if (s.title.empty()) s.title = t->title;
        if (s.description.empty()) s.description = t->description;
        s.template_key = t->key;
    }
    for (std::size_t i = 0; i < s.questions.size(); ++i) {
        s.questions[i].position = static_cast<int>(i) + 1;
        s.questions[i].id = 0;
    }
    ESCALE_TRY_VOID(validate_survey(s));
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<Survey> {
        Survey made = s;
        made.site_id = 0;
        for (ServiceId id : made.service_ids) {
            ESCALE_TRY(auto service, tx.referential().find(Of<Service>{}, id));
            if (!service || (made.site_id != 0 && service->site_id != made.site_id))
                return fail(errors::unknown_reference(entity_label<Service>(), made.site_id != 0));
            made.site_id = service->site_id;
        }
        if (!may_manage(actor, made)) return fail(errors::forbidden());
        made.created_by = actor.is_system ? std::nullopt : std::optional<ResidentId>{actor.resident.id};
        made.created_at = ctx.clock.now();
        ESCALE_TRY(made.id, tx.surveys().insert(made));
        ESCALE_TRY_VOID(record(tx, ctx, actor,
                               AuditEvent{0, {}, made.site_id, {}, {}, "create", "surveys", made.id,
                                          fmt::format("{} question(s), {} service(s), du {} au {}", made.questions.size(),
                                                      made.service_ids.size(), format_date(made.opens_on),
                                                      format_date(made.closes_on))}));
        ESCALE_TRY(auto stored, tx.surveys().find(made.id));
        return *stored;
    });
}

Result<std::vector<SurveySummary>> list_surveys(Context ctx, const Actor& actor, SiteId site) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::vector<SurveySummary>> {
        if (!allowed_within(actor.roles, Permission::manage_surveys, site)) return fail(errors::forbidden());
        ESCALE_TRY(Date today, today_at(tx, ctx, site));
        ESCALE_TRY(auto all, tx.surveys().of_site(site));
        std::vector<SurveySummary> out;
        for (auto& s : all) {
            if (!may_manage(actor, s)) continue;
            ESCALE_TRY(int n, tx.surveys().participant_count(s.id));
            SurveySummary sum{s, std::nullopt, survey_open_on(s, today), survey_closed_on(s, today)};
            if (n >= minimum_group_size) sum.participants = n;
            out.push_back(std::move(sum));
        }
        return out;
    });
}

Result<std::vector<MySurvey>> my_surveys(Context ctx, const Actor& actor) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::vector<MySurvey>> {
        std::vector<MySurvey> out;
        if (actor.is_system || !actor.resident.service_id) return out;
        ESCALE_TRY(Date today, today_at(tx, ctx, actor.resident.site_id));
        ESCALE_TRY(auto open, tx.surveys().open_to(*actor.resident.service_id, today));
        for (auto& s : open) {
            if (s.site_id != actor.resident.site_id) continue;
            ESCALE_TRY(bool answered, tx.surveys().participated(s.id, actor.resident.id));
            out.push_back(MySurvey{std::move(s), answered});
        }
        return out;
    });
}

Result<MySurvey> get_survey(Context ctx, const Actor& actor, SurveyId id) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<MySurvey> {
        ESCALE_TRY(auto s, tx.surveys().find(id));
        if (!s || !(addressed_to(actor, *s) || may_manage(actor, *s))) return fail(errors::not_found(survey_label()));
        bool answered = false;
        if (!actor.is_system) {
            ESCALE_TRY(answered, tx.surveys().participated(id, actor.resident.id));
        }
        return MySurvey{std::move(*s), answered};
    });
}

Result<void> answer_survey(Context ctx, const Actor& actor, SurveyId id, const std::vector<GivenAnswer>& answers) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        ESCALE_TRY(auto s, tx.surveys().find(id));
        if (!s) return fail(errors::not_found(survey_label()));
        ESCALE_TRY_VOID(actor.require(Permission::take_part, Scope{s->site_id, std::nullopt}));
        if (!addressed_to(actor, *s)) return fail(errors::survey_not_for_you());
        ESCALE_TRY(Date today, today_at(tx, ctx, s->site_id));
        if (!survey_open_on(*s, today)) return fail(errors::survey_not_open(s->opens_on, s->closes_on));
        ESCALE_TRY(auto kept, validate_answers(s->questions, answers));

        ESCALE_TRY_VOID(tx.surveys().hold(id));
        ESCALE_TRY_VOID(tx.surveys().add_participation(id, actor.resident.id));
        // The service goes into the box with the sheet only when it has at least 5 active
        // residents (a smaller one could never show results, and would point at its few);
        // it stays with the answers only if 5 of them have answered when the sheet leaves.
        const ServiceId service = *actor.resident.service_id;
        ESCALE_TRY(auto residents, tx.referential().list(Of<Resident>{}, s->site_id));
        auto members = std::count_if(residents.begin(), residents.end(),
                                     [&](const Resident& x) { return x.active && x.service_id == service; });
        std::optional<ServiceId> counted_in;
        if (members >= minimum_group_size) counted_in = service;

        ESCALE_TRY(auto box, tx.surveys().box(id));
        auto sheets = sheets_of(std::move(box));
        std::vector<BoxedAnswer> sheet;
        for (auto& a : kept) sheet.push_back(BoxedAnswer{0, counted_in, a.question_id, a.value});
        sheets.push_back(std::move(sheet));
        if (static_cast<int>(sheets.size()) >= ballot_box_keep + ballot_box_batch) {
            shuffle(sheets);
            std::vector<std::vector<BoxedAnswer>> leaving(sheets.begin(), sheets.begin() + ballot_box_batch);
            sheets.erase(sheets.begin(), sheets.begin() + ballot_box_batch);
            ESCALE_TRY_VOID(keep_sheets(tx, id, leaving));
        }
        return refill(tx, id, std::move(sheets));
    });
}

Result<SurveyResultsView> read_survey_results(Context ctx, const Actor& actor, SurveyId id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<SurveyResultsView> {
        ESCALE_TRY(auto s, managed_survey(tx, actor, id));
        ESCALE_TRY(Date today, today_at(tx, ctx, s.site_id));
        if (survey_closed_on(s, today)) {
            ESCALE_TRY_VOID(tx.surveys().hold(id));
            ESCALE_TRY_VOID(empty_box(tx, id));
        }
        ESCALE_TRY(auto rows, tx.surveys().answers(id));
        ESCALE_TRY(int participants, tx.surveys().participant_count(id));
        SurveyResultsView view;
        view.results = survey_results(s.questions, rows, s.service_ids, participants);
        for (ServiceId service : s.service_ids) {
            ESCALE_TRY(auto found, tx.referential().find(Of<Service>{}, service));
            view.service_names.push_back(found ? found->name : std::to_string(service));
        }
        ESCALE_TRY(auto box, tx.surveys().box(id));
        const int pending = static_cast<int>(sheets_of(std::move(box)).size());
        view.pending = pending >= minimum_group_size ? pending : 0;
        view.survey = std::move(s);
        return view;
    });
}

Result<SurveyComparison> compare_two_surveys(Context ctx, const Actor& actor, SurveyId before, SurveyId after) {
    // Closed surveys' boxes are emptied first, as for their results.
    ESCALE_TRY_VOID(read_survey_results(ctx, actor, before));
    ESCALE_TRY_VOID(read_survey_results(ctx, actor, after));
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<SurveyComparison> {
        ESCALE_TRY(auto b, managed_survey(tx, actor, before));
        ESCALE_TRY(auto a, managed_survey(tx, actor, after));
        if (!same_questions(b.questions, a.questions)) return fail(errors::surveys_not_comparable());
        ESCALE_TRY(auto rb, tx.surveys().answers(before));
        ESCALE_TRY(auto ra, tx.surveys().answers(after));
        auto questions = compare_surveys(b.questions, rb, a.questions, ra);
        return SurveyComparison{std::move(b), std::move(a), std::move(questions)};
    });
}

Result<void> empty_closed_ballot_boxes(Transaction& tx, SiteId site, Date today) {
    ESCALE_TRY(auto closed, tx.surveys().closed_with_box(site, today));
    for (SurveyId id : closed) {
        ESCALE_TRY_VOID(tx.surveys().hold(id));
        ESCALE_TRY_VOID(empty_box(tx, id));
    }
    return {};
}

Result<void> delete_survey(Context ctx, const Actor& actor, SurveyId id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        ESCALE_TRY(auto s, managed_survey(tx, actor, id));
        ESCALE_TRY_VOID(tx.surveys().hold(id));
        ESCALE_TRY_VOID(tx.surveys().remove(id));
        return record(tx, ctx, actor, AuditEvent{0, {}, s.site_id, {}, {}, "delete", "surveys", id, {}});
    });
}

}  // namespace escale::app
