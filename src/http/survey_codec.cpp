// SPDX-License-Identifier: EUPL-1.2
#include "http/survey_codec.hpp"

#include <boost/describe/enum_to_string.hpp>

#include "core/instant_text.hpp"

namespace escale::http {
namespace json = boost::json;
namespace {

template <class E>
json::string name_of(E e) {
    return json::string(boost::describe::enum_to_string(e, "?"));
}

json::value question_json(const SurveyQuestion& q) {
    json::object o{{"position", q.position}, {"kind", name_of(q.kind)}, {"prompt", q.prompt}, {"required", q.required}};
    if (q.id > 0) o["id"] = q.id;  // a built-in questionnaire's questions have none yet
    json::array choices;
    for (auto& c : q.choices) choices.push_back(json::string(c));
    o["choices"] = std::move(choices);
    if (q.kind == QuestionKind::scale) {
        o["scale_min"] = q.scale_min;
        o["scale_max"] = q.scale_max;
        o["min_label"] = q.min_label;
        o["max_label"] = q.max_label;
    }
    return o;
}

json::value group_json(const AnswerGroup& g) {
    if (g.hidden) return json::object{{"hidden", true}};
    json::object o{{"hidden", false}, {"answers", g.answers}};
    json::array counts;
    for (int n : g.counts) counts.push_back(n);
    o["counts"] = std::move(counts);
    if (g.mean) o["mean"] = *g.mean;
    if (!g.texts.empty()) {
        json::array texts;
        for (auto& t : g.texts) texts.push_back(json::string(t));
        o["texts"] = std::move(texts);
    }
    return o;
}

json::value optional_id(const std::optional<Id>& id) { return id ? json::value(*id) : json::value(nullptr); }

}  // namespace

json::value to_json(const Survey& s) {
    json::array services, questions;
    for (auto id : s.service_ids) services.push_back(id);
    for (auto& q : s.questions) questions.push_back(question_json(q));
    return json::object{{"id", s.id},
                        {"site_id", s.site_id},
                        {"title", s.title},
                        {"description", s.description},
                        {"opens_on", format_date(s.opens_on)},
                        {"closes_on", format_date(s.closes_on)},
                        {"service_ids", std::move(services)},
                        {"questions", std::move(questions)},
                        {"template", s.template_key.empty() ? json::value(nullptr) : json::value(s.template_key)},
                        {"created_at", format_instant(s.created_at)}};
}

json::value to_json(const app::SurveySummary& s) {
    auto o = to_json(s.survey).as_object();
    o["participants"] = s.participants ? json::value(*s.participants) : json::value(nullptr);
    o["open"] = s.open;
    o["closed"] = s.closed;
    return o;
}

json::value to_json(const app::MySurvey& s) {
    auto o = to_json(s.survey).as_object();
    o["answered"] = s.answered;
    return o;
}

json::value to_json(const app::SurveyResultsView& v) {
    json::array questions;
    for (auto& q : v.results.questions) {
        json::array services;
        std::size_t named = 0;
        for (auto& s : q.services) {
            json::object so{{"service_id", optional_id(s.service_id)}, {"group", group_json(s.group)}};
            if (s.service_id) {
                so["service_name"] = named < v.service_names.size() ? v.service_names[named] : std::string();
                ++named;
            } else {
                so["service_name"] = "Autres services (regroupés)";
            }
            services.push_back(std::move(so));
        }
        questions.push_back(json::object{{"question", question_json(q.question)},
                                         {"overall", group_json(q.overall)},
                                         {"services", std::move(services)}});
    }
    return json::object{{"survey", to_json(v.survey)},
                        {"participants", v.results.participants ? json::value(*v.results.participants) : json::value(nullptr)},
                        {"pending", v.pending},
                        {"questions", std::move(questions)}};
}

json::value to_json(const app::SurveyComparison& c) {
    json::array questions;
    for (auto& q : c.questions)
        questions.push_back(json::object{{"question", question_json(q.question)},
                                         {"before", group_json(q.before)},
                                         {"after", group_json(q.after)}});
    return json::object{{"before", to_json(c.before)}, {"after", to_json(c.after)}, {"questions", std::move(questions)}};
}

json::value to_json(const SurveyTemplate& t) {
    json::array questions;
    for (auto& q : t.questions) questions.push_back(question_json(q));
    return json::object{{"key", t.key}, {"title", t.title}, {"description", t.description},
                        {"questions", std::move(questions)}};
}

json::value to_json(const Remontee& r) {
    return json::object{{"id", r.id},
                        {"site_id", r.site_id},
                        {"kind", name_of(r.kind)},
                        {"theme", name_of(r.theme)},
                        {"title", r.title},
                        {"body", r.body},
                        {"anonymous", !r.author_id.has_value()},
                        {"status", name_of(r.status)},
                        {"answer", r.answer},
                        {"answered_at", r.answered_at ? json::value(format_instant(*r.answered_at)) : json::value(nullptr)},
                        {"created_at", format_instant(r.created_at)}};
}

json::value to_json(const app::RemonteeView& v) {
    auto o = to_json(v.remontee).as_object();
    o["supports"] = v.supports;
    o["supported"] = v.supported;
    o["mine"] = v.mine;
    o["author_name"] = v.author_name.empty() ? json::value(nullptr) : json::value(v.author_name);
    o["service_name"] = v.service_name.empty() ? json::value(nullptr) : json::value(v.service_name);
    return o;
}

json::value to_json(const app::RemonteeCountsView& c) {
    json::array themes, services;
    for (auto& g : c.counts.themes)
        themes.push_back(json::object{{"theme", name_of(static_cast<RemonteeTheme>(*g.key))},
                                      {"label", theme_label(static_cast<RemonteeTheme>(*g.key))},
                                      {"hidden", g.hidden},
                                      {"count", g.hidden ? json::value(nullptr) : json::value(g.count)}});
    for (std::size_t i = 0; i < c.counts.services.size(); ++i) {
        auto& g = c.counts.services[i];
        services.push_back(json::object{
            {"service_id", optional_id(g.key)},
            {"service_name", g.key ? json::value(i < c.service_names.size() ? c.service_names[i] : std::string())
                                   : json::value("Services non précisés")},
            {"hidden", g.hidden},
            {"count", g.hidden ? json::value(nullptr) : json::value(g.count)}});
    }
    return json::object{{"total", c.counts.total ? json::value(*c.counts.total) : json::value(nullptr)},
                        {"themes", std::move(themes)},
                        {"services", std::move(services)}};
}

}  // namespace escale::http
