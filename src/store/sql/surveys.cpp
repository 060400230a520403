// SPDX-License-Identifier: EUPL-1.2
// Surveys' SQL (issue 13, item 5). Answers and the ballot box get random ids (libsodium), so
// that no number tells the order they came in; see store/survey_store.hpp.
#include <fmt/format.h>
#include <sodium.h>

#include "core/errors.hpp"
#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

// A random positive 63-bit number.
Id random_id() {
    std::uint64_t v = 0;
    randombytes_buf(&v, sizeof v);
    return static_cast<Id>(v >> 1) | 1;
}

std::string join_lines(const std::vector<std::string>& items) {
    std::string out;
    for (auto& i : items) out += (out.empty() ? "" : "\n") + i;
    return out;
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        auto nl = text.find('\n');
        out.emplace_back(text.substr(0, nl));
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    }
    return out;
}

constexpr const char* survey_columns =
    "id, site_id, title, description, opens_on, closes_on, created_by, created_at, template_key";

Survey read_survey(const Row& r) {
    Survey s;
    read_columns(r, 0, s.id, s.site_id, s.title, s.description, s.opens_on, s.closes_on, s.created_by, s.created_at,
                 s.template_key);
    return s;
}

SurveyQuestion read_question(const Row& r) {
    SurveyQuestion q;
    std::string choices;
    read_columns(r, 0, q.id, q.position, q.kind, q.prompt, choices, q.scale_min, q.scale_max, q.min_label, q.max_label,
                 q.required);
    q.choices = split_lines(choices);
    return q;
}

AnswerRow read_answer(const Row& r) {
    AnswerRow a;
    read_columns(r, 0, a.question_id, a.service_id, a.value);
    return a;
}

Error participation_unique(std::string_view) { return errors::already_answered(); }

const Meaning survey_meaning{.label = feminine("enquête")};
const Meaning participation_meaning{.label = feminine("participation"), .unique_error = participation_unique};

class SqlSurveys final : public SurveyStore {
public:
    explicit SqlSurveys(Connection& c) : c_(c) {}

    Result<SurveyId> insert(const Survey& s) override {
        ESCALE_TRY(SurveyId id, c_.insert("INSERT INTO surveys (site_id, title, description, opens_on, closes_on, "
                                          "created_by, created_at, template_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                                          params(s.site_id, s.title, s.description, s.opens_on, s.closes_on, s.created_by,
                                                 s.created_at, s.template_key),
                                          survey_meaning));
        for (std::size_t i = 0; i < s.service_ids.size(); ++i)
            ESCALE_TRY_VOID(execute(c_, "INSERT INTO survey_services (survey_id, service_id, position) VALUES ($1, $2, $3)",
                                    params(id, s.service_ids[i], static_cast<int>(i)), survey_meaning));
        for (const auto& q : s.questions)
            ESCALE_TRY_VOID(execute(c_,
                                    "INSERT INTO survey_questions (survey_id, position, kind, prompt, choices, scale_min, "
                                    "scale_max, min_label, max_label, required) "
                                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                                    params(id, q.position, q.kind, q.prompt, join_lines(q.choices), q.scale_min,
                                           q.scale_max, q.min_label, q.max_label, q.required),
                                    survey_meaning));
        return id;
    }

    Result<std::optional<Survey>> find(SurveyId id) override {
        static const std::string sql = fmt::format("SELECT {} FROM surveys WHERE id = $1", survey_columns);
        ESCALE_TRY(auto s, first_row(c_, sql, params(id), read_survey));
        if (!s) return s;
        ESCALE_TRY_VOID(complete(*s));
        return s;
    }

    Result<std::vector<Survey>> of_site(SiteId site) override {
        static const std::string sql =
            fmt::format("SELECT {} FROM surveys WHERE site_id = $1 ORDER BY opens_on DESC, id DESC", survey_columns);
        ESCALE_TRY(auto all, rows(c_, sql, params(site), read_survey));
        for (auto& s : all) ESCALE_TRY_VOID(complete(s));
        return all;
    }

    Result<std::vector<Survey>> open_to(ServiceId service, Date today) override {
        static const std::string sql = fmt::format(
            "SELECT {} FROM surveys WHERE opens_on <= $2 AND closes_on >= $2 AND id IN "
            "(SELECT survey_id FROM survey_services WHERE service_id = $1) ORDER BY closes_on, id",
            survey_columns);
        ESCALE_TRY(auto all, rows(c_, sql, params(service, today), read_survey));
        for (auto& s : all) ESCALE_TRY_VOID(complete(s));
        return all;
    }

    Result<int> remove(SurveyId id) override {
        for (const char* table : {"survey_answers", "survey_ballot_box", "survey_participations", "survey_questions",
                                  "survey_services"})
            ESCALE_TRY_VOID(execute(c_, fmt::format("DELETE FROM {} WHERE survey_id = $1", table), params(id)));
        return execute(c_, "DELETE FROM surveys WHERE id = $1", params(id));
    }

    Result<void> hold(SurveyId id) override { return c_.lock(fmt::format("escale-survey:{}", id)); }

    Result<void> add_participation(SurveyId s, ResidentId r) override {
        ESCALE_TRY_VOID(execute(c_, "INSERT INTO survey_participations (survey_id, resident_id) VALUES ($1, $2)",
                                params(s, r), participation_meaning));
        return {};
    }

    Result<bool> participated(SurveyId s, ResidentId r) override {
        ESCALE_TRY(auto one, first_row(c_, "SELECT 1 FROM survey_participations WHERE survey_id = $1 AND resident_id = $2",
                                       params(s, r), [](const Row&) { return true; }));
        return one.has_value();
    }

    Result<int> participant_count(SurveyId s) override {
        ESCALE_TRY(auto n, first_row(c_, "SELECT COUNT(*) FROM survey_participations WHERE survey_id = $1", params(s),
                                     [](const Row& r) { return static_cast<int>(r.integer(0)); }));
        return n.value_or(0);
    }

    Result<int> participant_count(SurveyId s, ServiceId service) override {
        ESCALE_TRY(auto n, first_row(c_,
                                     "SELECT COUNT(*) FROM survey_participations p JOIN residents r ON r.id = p.resident_id "
                                     "WHERE p.survey_id = $1 AND r.service_id = $2",
                                     params(s, service), [](const Row& r) { return static_cast<int>(r.integer(0)); }));
        return n.value_or(0);
    }

    Result<std::vector<SurveyId>> participations_of(ResidentId r) override {
        return rows(c_, "SELECT survey_id FROM survey_participations WHERE resident_id = $1 ORDER BY survey_id",
                    params(r), [](const Row& row) { return Id{row.integer(0)}; });
    }

    Result<int> forget_participations_of(ResidentId r) override {
        return execute(c_, "DELETE FROM survey_participations WHERE resident_id = $1", params(r));
    }

    Result<int> forget_participations_before(SiteId site, Date before) override {
        return execute(c_,
                       "DELETE FROM survey_participations WHERE survey_id IN "
                       "(SELECT id FROM surveys WHERE site_id = $1 AND closes_on < $2)",
                       params(site, before));
    }

    Result<std::vector<BoxedAnswer>> box(SurveyId s) override {
        return rows(c_, "SELECT ballot, service_id, question_id, value FROM survey_ballot_box WHERE survey_id = $1",
                    params(s), [](const Row& r) {
                        BoxedAnswer a;
                        read_columns(r, 0, a.ballot, a.service_id, a.question_id, a.value);
                        return a;
                    });
    }

    Result<void> refill_box(SurveyId s, const std::vector<BoxedAnswer>& answers) override {
        ESCALE_TRY_VOID(execute(c_, "DELETE FROM survey_ballot_box WHERE survey_id = $1", params(s)));
        std::vector<std::pair<Id, Id>> renamed;  // old sheet number → new one
        for (const auto& a : answers) {
            auto it = std::find_if(renamed.begin(), renamed.end(), [&](auto& p) { return p.first == a.ballot; });
            if (it == renamed.end()) it = renamed.insert(renamed.end(), {a.ballot, random_id()});
            ESCALE_TRY_VOID(execute(c_,
                                    "INSERT INTO survey_ballot_box (ballot, question_id, survey_id, service_id, value) "
                                    "VALUES ($1, $2, $3, $4, $5)",
                                    params(it->second, a.question_id, s, a.service_id, a.value)));
        }
        return {};
    }

    Result<void> keep_answers(SurveyId s, const std::vector<AnswerRow>& answers) override {
        for (const auto& a : answers)
            ESCALE_TRY_VOID(execute(c_,
                                    "INSERT INTO survey_answers (id, survey_id, question_id, service_id, value) "
                                    "VALUES ($1, $2, $3, $4, $5)",
                                    params(random_id(), s, a.question_id, a.service_id, a.value)));
        return {};
    }

    Result<std::vector<AnswerRow>> answers(SurveyId s) override {
        return rows(c_, "SELECT question_id, service_id, value FROM survey_answers WHERE survey_id = $1 ORDER BY id",
                    params(s), read_answer);
    }

    Result<std::vector<SurveyId>> closed_with_box(SiteId site, Date today) override {
        return rows(c_,
                    "SELECT id FROM surveys WHERE site_id = $1 AND closes_on < $2 AND EXISTS "
                    "(SELECT 1 FROM survey_ballot_box b WHERE b.survey_id = surveys.id) ORDER BY id",
                    params(site, today), [](const Row& row) { return Id{row.integer(0)}; });
    }

private:
    // Reads a survey's services and questions.
    Result<void> complete(Survey& s) {
        ESCALE_TRY(s.service_ids, rows(c_, "SELECT service_id FROM survey_services WHERE survey_id = $1 ORDER BY position",
                                       params(s.id), [](const Row& r) { return Id{r.integer(0)}; }));
        ESCALE_TRY(s.questions, rows(c_,
                                     "SELECT id, position, kind, prompt, choices, scale_min, scale_max, min_label, "
                                     "max_label, required FROM survey_questions WHERE survey_id = $1 ORDER BY position",
                                     params(s.id), read_question));
        return {};
    }

    Connection& c_;
};

}  // namespace

std::unique_ptr<SurveyStore> survey_room(Connection& c) { return std::make_unique<SqlSurveys>(c); }

}  // namespace escale::sql
