// SPDX-License-Identifier: EUPL-1.2
#include "core/survey_results.hpp"

#include <algorithm>
#include <charconv>

#include "core/small_groups.hpp"

namespace escale {
namespace {

std::optional<int> number(std::string_view s) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// The group of `values` answering question q; hidden when told.
AnswerGroup group_of(const SurveyQuestion& q, const std::vector<const std::string*>& values, bool hidden,
                     bool with_texts) {
    AnswerGroup g;
    if (hidden) {
        g.hidden = true;
        return g;
    }
    g.answers = static_cast<int>(values.size());
    switch (q.kind) {
        case QuestionKind::scale: {
            g.counts.assign(static_cast<std::size_t>(q.scale_max - q.scale_min + 1), 0);
            long sum = 0;
            int n = 0;
            for (auto* v : values)
                if (auto x = number(*v); x && *x >= q.scale_min && *x <= q.scale_max) {
                    ++g.counts[static_cast<std::size_t>(*x - q.scale_min)];
                    sum += *x;
                    ++n;
                }
            if (n > 0) g.mean = static_cast<double>(sum) / n;
            break;
        }
        case QuestionKind::single_choice:
        case QuestionKind::multiple_choice:
            g.counts.assign(q.choices.size(), 0);
            for (auto* v : values) {
                std::string_view rest = *v;
                while (!rest.empty()) {
                    auto comma = rest.find(',');
                    auto x = number(rest.substr(0, comma));
                    if (x && *x >= 0 && *x < static_cast<int>(q.choices.size())) ++g.counts[static_cast<std::size_t>(*x)];
                    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
                }
            }
            break;
        case QuestionKind::free_text:
            if (with_texts) {
                for (auto* v : values) g.texts.push_back(*v);
                std::sort(g.texts.begin(), g.texts.end());
            }
            break;
    }
    return g;
}

std::vector<const std::string*> values_of(QuestionId q, const std::vector<AnswerRow>& rows) {
    std::vector<const std::string*> out;
    for (auto& r : rows)
        if (r.question_id == q) out.push_back(&r.value);
    return out;
}

}  // namespace

SurveyResults survey_results(const std::vector<SurveyQuestion>& questions, const std::vector<AnswerRow>& rows,
                             const std::vector<ServiceId>& services, int participants) {
    SurveyResults out;
    if (participants >= minimum_group_size) out.participants = participants;
    for (const auto& q : questions) {
        QuestionResults qr;
        qr.question = q;
        auto all = values_of(q.id, rows);
        qr.overall = group_of(q, all, static_cast<int>(all.size()) < minimum_group_size, true);
        // The groups: each service of the survey, then the answers whose service was not kept.
        std::vector<std::optional<ServiceId>> keys(services.begin(), services.end());
        keys.push_back(std::nullopt);
        std::vector<std::vector<const std::string*>> values(keys.size());
        for (auto& r : rows) {
            if (r.question_id != q.id) continue;
            auto k = std::find(keys.begin(), keys.end(), r.service_id);
            if (k == keys.end()) k = keys.end() - 1;  // a service no longer the survey's: with the unkept
            values[static_cast<std::size_t>(k - keys.begin())].push_back(&r.value);
        }
        std::vector<int> counts;
        for (auto& v : values) counts.push_back(static_cast<int>(v.size()));
        auto hidden = hidden_groups(counts);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            // The unkept group is listed only when it holds answers.
            if (!keys[i] && counts[i] == 0) continue;
            qr.services.push_back(ServiceAnswers{keys[i], group_of(q, values[i], hidden[i] || qr.overall.hidden, false)});
        }
        out.questions.push_back(std::move(qr));
    }
    return out;
}

std::vector<QuestionComparison> compare_surveys(const std::vector<SurveyQuestion>& before_questions,
                                                const std::vector<AnswerRow>& before_rows,
                                                const std::vector<SurveyQuestion>& after_questions,
                                                const std::vector<AnswerRow>& after_rows) {
    std::vector<QuestionComparison> out;
    if (!same_questions(before_questions, after_questions)) return out;
    for (std::size_t i = 0; i < after_questions.size(); ++i) {
        const auto& qb = before_questions[i];
        const auto& qa = after_questions[i];
        auto vb = values_of(qb.id, before_rows);
        auto va = values_of(qa.id, after_rows);
        out.push_back(QuestionComparison{qa, group_of(qb, vb, static_cast<int>(vb.size()) < minimum_group_size, false),
                                         group_of(qa, va, static_cast<int>(va.size()) < minimum_group_size, false)});
    }
    return out;
}

namespace {

using Row = std::vector<TableCell>;

void add_group(Table& t, const QuestionResults& qr, const std::string& group_name, const AnswerGroup& g) {
    const auto& q = qr.question;
    const std::string question = std::to_string(q.position) + ". " + q.prompt;
    if (g.hidden) {
        t.rows.push_back(Row{question, group_name, std::string("moins de 5 réponses"), std::monostate{}, std::monostate{}});
        return;
    }
    t.rows.push_back(Row{question, group_name, std::string("Réponses"), std::int64_t{g.answers}, std::monostate{}});
    auto share = [&](int n) -> TableCell {
        if (g.answers == 0) return std::monostate{};
        return 100.0 * n / g.answers;
    };
    for (std::size_t i = 0; i < g.counts.size(); ++i) {
        std::string label = q.kind == QuestionKind::scale ? std::to_string(q.scale_min + static_cast<int>(i))
                                                          : q.choices[i];
        t.rows.push_back(Row{question, group_name, label, std::int64_t{g.counts[i]}, share(g.counts[i])});
    }
    if (g.mean) t.rows.push_back(Row{question, group_name, std::string("Moyenne"), *g.mean, std::monostate{}});
}

}  // namespace

Table survey_results_table(const SurveyResults& r, const std::vector<std::string>& service_names) {
    Table t;
    t.title = "Résultats";
    t.columns = {{"Question", 0}, {"Groupe", 0}, {"Réponse", 0}, {"Nombre", 2}, {"Part (%)", 1}};
    for (const auto& qr : r.questions) {
        add_group(t, qr, "Ensemble", qr.overall);
        std::size_t named = 0;
        for (const auto& s : qr.services) {
            std::string name = "Autres services (regroupés)";
            if (s.service_id) name = named < service_names.size() ? service_names[named] : std::to_string(*s.service_id);
            if (s.service_id) ++named;
            add_group(t, qr, name, s.group);
        }
    }
    return t;
}

}  // namespace escale
