// SPDX-License-Identifier: EUPL-1.2
#include "core/survey.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/long_text.hpp"
#include "core/validation.hpp"

namespace escale {
namespace {

constexpr int max_questions = 40;
constexpr int max_choices = 12;
constexpr int max_services = 50;

#define ESCALE_CHECK(expr)  \
    do {                    \
        auto r_ = (expr);   \
        if (!r_) return r_; \
    } while (0)

Result<void> validate_question(const SurveyQuestion& q, const std::string& at) {
    ESCALE_CHECK(check_long_text(at + ".prompt", q.prompt, 500, true));
    const bool choice = q.kind == QuestionKind::single_choice || q.kind == QuestionKind::multiple_choice;
    if (choice) {
        if (q.choices.size() < 2 || q.choices.size() > max_choices)
            return fail(errors::invalid_field(at + ".choices", fmt::format("de 2 à {} choix", max_choices)));
        std::set<std::string> seen;
        for (std::size_t i = 0; i < q.choices.size(); ++i) {
            ESCALE_CHECK(check_text(fmt::format("{}.choices[{}]", at, i), q.choices[i]));
            if (!seen.insert(q.choices[i]).second)
                return fail(errors::invalid_field(fmt::format("{}.choices[{}]", at, i), "un choix différent des autres"));
        }
    } else if (!q.choices.empty()) {
        return fail(errors::invalid_field(at + ".choices", "aucun choix pour une question de ce type"));
    }
    if (q.kind == QuestionKind::scale) {
        if (q.scale_min < 0 || q.scale_max > 10 || q.scale_min >= q.scale_max)
            return fail(errors::invalid_field(at + ".scale_min", "une échelle comprise entre 0 et 10, le minimum sous le maximum"));
    }
    ESCALE_CHECK(check_text(at + ".min_label", q.min_label, false));
    ESCALE_CHECK(check_text(at + ".max_label", q.max_label, false));
    return {};
}

}  // namespace

bool survey_open_on(const Survey& s, Date today) { return s.opens_on <= today && today <= s.closes_on; }
bool survey_closed_on(const Survey& s, Date today) { return s.closes_on < today; }

Result<void> validate_survey(const Survey& s) {
    ESCALE_CHECK(check_text("title", s.title));
    ESCALE_CHECK(check_long_text("description", s.description, 2000, false));
    if (!s.opens_on.ok()) return fail(errors::invalid_date("opens_on"));
    if (!s.closes_on.ok()) return fail(errors::invalid_date("closes_on"));
    if (s.closes_on < s.opens_on)
        return fail(errors::invalid_field("closes_on", "un jour égal ou postérieur à « opens_on »"));
    if (s.service_ids.empty() || s.service_ids.size() > max_services)
        return fail(errors::invalid_field("service_ids", fmt::format("de 1 à {} services", max_services)));
    std::set<ServiceId> services(s.service_ids.begin(), s.service_ids.end());
    if (services.size() != s.service_ids.size())
        return fail(errors::invalid_field("service_ids", "des services tous différents"));
    if (s.questions.empty() || s.questions.size() > max_questions)
        return fail(errors::invalid_field("questions", fmt::format("de 1 à {} questions", max_questions)));
    for (std::size_t i = 0; i < s.questions.size(); ++i)
        ESCALE_CHECK(validate_question(s.questions[i], fmt::format("questions[{}]", i)));
    return {};
}

Result<std::vector<KeptAnswer>> validate_answers(const std::vector<SurveyQuestion>& questions,
                                                 const std::vector<GivenAnswer>& given) {
    std::vector<std::optional<std::string>> values(questions.size());
    for (std::size_t i = 0; i < given.size(); ++i) {
        const GivenAnswer& g = given[i];
        const std::string at = fmt::format("answers[{}]", i);
        auto q = std::find_if(questions.begin(), questions.end(),
                              [&](const SurveyQuestion& q) { return q.id == g.question_id; });
        if (q == questions.end())
            return fail(errors::invalid_field(at + ".question_id", "une question de cette enquête"));
        auto& slot = values[static_cast<std::size_t>(q - questions.begin())];
        if (slot) return fail(errors::invalid_field(at + ".question_id", "une question répondue une seule fois"));
        const int members = (g.scale ? 1 : 0) + (g.choice ? 1 : 0) + (g.choices ? 1 : 0) + (g.text ? 1 : 0);
        switch (q->kind) {
            case QuestionKind::scale:
                if (members != 1 || !g.scale)
                    return fail(errors::invalid_field(at, "une réponse « scale » pour cette question"));
                if (*g.scale < q->scale_min || *g.scale > q->scale_max)
                    return fail(errors::invalid_field(at + ".scale",
                                                      fmt::format("un nombre de {} à {}", q->scale_min, q->scale_max)));
                slot = std::to_string(*g.scale);
                break;
            case QuestionKind::single_choice:
                if (members != 1 || !g.choice)
                    return fail(errors::invalid_field(at, "une réponse « choice » pour cette question"));
                if (*g.choice < 0 || *g.choice >= static_cast<int>(q->choices.size()))
                    return fail(errors::invalid_field(at + ".choice", "le numéro d'un des choix proposés"));
                slot = std::to_string(*g.choice);
                break;
            case QuestionKind::multiple_choice: {
                if (members != 1 || !g.choices)
                    return fail(errors::invalid_field(at, "une réponse « choices » pour cette question"));
                std::set<int> picked;
                for (int c : *g.choices) {
                    if (c < 0 || c >= static_cast<int>(q->choices.size()) || !picked.insert(c).second)
                        return fail(errors::invalid_field(at + ".choices", "des numéros de choix proposés, sans doublon"));
                }
                if (picked.empty()) break;  // nothing ticked: no answer
                std::string v;
                for (int c : picked) v += (v.empty() ? "" : ",") + std::to_string(c);
                slot = std::move(v);
                break;
            }
            case QuestionKind::free_text: {
                if (members != 1 || !g.text)
                    return fail(errors::invalid_field(at, "une réponse « text » pour cette question"));
                if (auto ok = check_long_text(at + ".text", *g.text, max_free_text, false); !ok)
                    return fail(std::move(ok.error()));
                auto t = trimmed(*g.text);
                if (!t.empty()) slot = std::move(t);
                break;
            }
        }
    }
    std::vector<KeptAnswer> kept;
    for (std::size_t i = 0; i < questions.size(); ++i) {
        if (values[i]) kept.push_back(KeptAnswer{questions[i].id, std::move(*values[i])});
        else if (questions[i].required) return fail(errors::answer_missing(questions[i].position));
    }
    if (kept.empty()) return fail(errors::no_answer());
    return kept;
}

bool same_questions(const std::vector<SurveyQuestion>& a, const std::vector<SurveyQuestion>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto& x = a[i];
        const auto& y = b[i];
        if (x.kind != y.kind || x.prompt != y.prompt || x.choices != y.choices) return false;
        if (x.kind == QuestionKind::scale && (x.scale_min != y.scale_min || x.scale_max != y.scale_max)) return false;
    }
    return true;
}

namespace {

SurveyQuestion scale(std::string prompt, std::string low, std::string high) {
    SurveyQuestion q;
    q.kind = QuestionKind::scale;
    q.prompt = std::move(prompt);
    q.scale_min = 1;
    q.scale_max = 5;
    q.min_label = std::move(low);
    q.max_label = std::move(high);
    q.required = true;
    return q;
}

SurveyQuestion choice(QuestionKind kind, std::string prompt, std::vector<std::string> choices) {
    SurveyQuestion q;
    q.kind = kind;
    q.prompt = std::move(prompt);
    q.choices = std::move(choices);
    return q;
}

std::vector<SurveyTemplate> make_templates() {
    SurveyTemplate flex;
    flex.key = "flex_office";
    flex.title = "Avant / après flex office";
    flex.description =
        "Ce questionnaire est posé une fois avant l'installation en flex office et une fois quelques mois après, "
        "avec les mêmes questions, pour mesurer ce qui a changé. Les réponses sont anonymes.";
    flex.questions = {
        scale("Dans l'ensemble, êtes-vous satisfait(e) de votre environnement de travail ?", "Pas du tout", "Tout à fait"),
        scale("Parvenez-vous à vous concentrer quand vous en avez besoin ?", "Jamais", "Toujours"),
        scale("Trouvez-vous facilement un lieu adapté à vos réunions et à vos appels ?", "Jamais", "Toujours"),
        scale("Vous sentez-vous proche de votre équipe ?", "Pas du tout", "Tout à fait"),
        choice(QuestionKind::single_choice, "À quelle fréquence travaillez-vous sur site avec votre équipe ?",
               {"Chaque jour de présence", "Plusieurs fois par semaine", "Une fois par semaine", "Moins souvent"}),
        choice(QuestionKind::multiple_choice, "Qu'est-ce qui vous inquiète ou vous gêne le plus ?",
               {"Le bruit", "Le rangement de mes affaires", "La réservation d'un poste",
                "La confidentialité des échanges", "Les équipements (écrans, stations d'accueil)",
                "L'éloignement de mon équipe"}),
        scale("Recommanderiez-vous cette organisation à un collègue ?", "Certainement pas", "Certainement"),
        choice(QuestionKind::free_text, "Une remarque, une crainte, une idée ?", {}),
    };
    for (std::size_t i = 0; i < flex.questions.size(); ++i) flex.questions[i].position = static_cast<int>(i) + 1;
    return {flex};
}

}  // namespace

const std::vector<SurveyTemplate>& survey_templates() {
    static const std::vector<SurveyTemplate> all = make_templates();
    return all;
}

const SurveyTemplate* find_survey_template(std::string_view key) {
    for (auto& t : survey_templates())
        if (t.key == key) return &t;
    return nullptr;
}

}  // namespace escale
