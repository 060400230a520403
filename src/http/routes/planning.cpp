// SPDX-License-Identifier: EUPL-1.2
// Routes of the planning engine (issue 12, item 5): the sizing, team-day, quartier and
// scenario questions (long ones as jobs with progress, app/planning_jobs: 202 and the job's id, then
// GET /api/v1/planning/jobs/{id}), a site's measured presence, and the scenarios saved on a
// site: saved from a finished scenario job, listed, read, deleted, compared side by side as
// JSON, CSV and XLSX.
#include "http/routes/routes.hpp"

#include <charconv>
#include <memory>

#include <fmt/format.h>

#include "app/planning_jobs.hpp"
#include "app/planning_scenarios.hpp"
#include "app/presence_history.hpp"
#include "core/try.hpp"
#include "http/json_text.hpp"
#include "http/planning_body.hpp"
#include "http/planning_json.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"
#include "http/scenario_body.hpp"
#include "planning/week_simulation.hpp"

namespace escale::http {
namespace {

using Jobs = std::shared_ptr<app::PlanningJobs>;

struct TeamDaysQuestion {
    std::optional<Id> site_id;
    TeamDaysBody question;
};

// The body of POST /planning/days: the team-day question and, optionally, the site.
struct DaysBody {
    std::optional<Id> site_id;
    Required<std::vector<ServiceTeamBody>> services;
    std::vector<ServicePairBody> pairs;
    double level = 0.95;
    std::optional<int> desks;
};
BOOST_DESCRIBE_STRUCT(DaysBody, (), (site_id, services, pairs, level, desks))

// The body of POST /planning/zones: the quartier allocation question and, optionally, the site.
struct ZonesRequestBody {
    std::optional<Id> site_id;
    Required<std::vector<QuartierBody>> quartiers;
    Required<std::vector<ServiceToPlaceBody>> services;
    double level = 0.95;
};
BOOST_DESCRIBE_STRUCT(ZonesRequestBody, (), (site_id, quartiers, services, level))

struct SaveScenarioBody {
    Required<std::string> name;
    Required<std::string> job_id;
};
BOOST_DESCRIBE_STRUCT(SaveScenarioBody, (), (name, job_id))

ResidentId owner_of(const Call& c) { return c.actor->resident.id; }

// 202 and where to follow the job.
Response accepted(const std::string& id) {
    return json_response(202, json::object{{"id", id}, {"state", "queued"}, {"progress", 0.0}});
}

Response submit(const Jobs& jobs, const Call& c, const char* kind, SiteId site, app::PlanningJobs::Work work) {
    auto id = jobs->submit(kind, owner_of(c), site, c.request.body, std::move(work));
    if (!id) return error_response(id.error());
    return accepted(*id);
}

json::object job_json(const app::PlanningJobView& j) {
    json::object out{{"id", j.id}, {"kind", j.kind}, {"state", app::to_string(j.state)}, {"progress", j.progress}};
    if (j.result) {
        boost::system::error_code ec;
        out["result"] = json::parse(*j.result, ec);
    }
    if (j.error) out["error"] = json::object{{"code", j.error->code}, {"message", j.error->message}};
    return out;
}

Result<std::vector<ScenarioId>> ids_param(const Request& r) {
    auto text = r.query_param("ids");
    if (!text) return fail(errors::missing_field("ids"));
    std::vector<ScenarioId> ids;
    std::string_view rest = *text;
    while (!rest.empty()) {
        auto comma = rest.find(',');
        ESCALE_TRY(auto id, parse_id(rest.substr(0, comma), "ids"));
        ids.push_back(id);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return ids;
}

Result<std::vector<SavedScenario>> compared(const app::Context& ctx, const Call& c) {
    ESCALE_TRY(auto site, path_id(c));
    ESCALE_TRY(auto ids, ids_param(c.request));
    return app::scenarios_to_compare(ctx, *c.actor, site, ids);
}

}  // namespace

void add_planning_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    auto jobs = std::make_shared<app::PlanningJobs>(ctx.clock, app::PlanningJobs::Options{});

    r.add({.method = "POST", .pattern = "/api/v1/planning/size", .handler = [ctx, jobs](const Call& c) {
               auto body = decode<SizeBody>(c.request.body);
               if (!body) return error_response(body.error());
               auto week = size_question_week(*body);
               if (!week) return error_response(week.error());
               if (auto ok = app::check_may_plan(ctx, *c.actor, body->site_id); !ok) return error_response(ok.error());
               auto run = [b = *body, w = *week](const std::function<void(double)>& progress) -> Result<std::string> {
                   std::vector<planning::ResidentWeek> residents(static_cast<std::size_t>(*b.residents), w);
                   ESCALE_TRY(auto sized, planning::size_desks(residents, *b.desks, b.epsilon, b.sub_m2));
                   std::optional<planning::WeekSimulation> simulated;
                   if (b.simulate_weeks > 0) {
                       ESCALE_TRY(simulated, planning::simulate_weeks(residents, *b.desks,
                                                                      {.weeks = b.simulate_weeks,
                                                                       .seed = static_cast<std::uint64_t>(b.seed),
                                                                       .progress = progress}));
                   }
                   return json_text(sizing_json(sized, simulated, b.seed));
               };
               if (body->simulate_weeks == 0) {
                   auto text = run({});
                   if (!text) return error_response(text.error());
                   return json_response(200, json::parse(*text));
               }
               return submit(jobs, c, "size", body->site_id.value_or(0), run);
           },
           .slow = true});

    r.add({.method = "POST", .pattern = "/api/v1/planning/days", .handler = [ctx, jobs](const Call& c) {
               auto body = decode<DaysBody>(c.request.body);
               if (!body) return error_response(body.error());
               TeamDaysBody question{body->services, body->pairs, body->level, body->desks};
               auto problem = team_day_problem(question);
               if (!problem) return error_response(problem.error());
               if (!(problem->level > 0.0 && problem->level <= 1.0))
                   return error_response(errors::invalid_field("level", "un niveau dans ]0, 1]"));
               if (auto ok = app::check_may_plan(ctx, *c.actor, body->site_id); !ok) return error_response(ok.error());
               return submit(jobs, c, "days", body->site_id.value_or(0),
                             [p = *problem, desks = body->desks](const std::function<void(double)>& progress)
                                 -> Result<std::string> {
                                 progress(0.05);
                                 // A region (hundreds of services): the heuristic, its gap to the bound reported.
                                 ESCALE_TRY(auto plan, planning::at_region_scale(p) ? planning::plan_team_days_heuristic(p)
                                                                                    : planning::plan_team_days_exact(p, 2'000'000));
                                 return json_text(team_days_json(p, plan, desks));
                             });
           },
           .slow = true});

    r.add({.method = "POST", .pattern = "/api/v1/planning/zones", .handler = [ctx, jobs](const Call& c) {
               auto body = decode<ZonesRequestBody>(c.request.body);
               if (!body) return error_response(body.error());
               auto problem = quartier_problem(ZonesBody{body->quartiers, body->services, body->level});
               if (!problem) return error_response(problem.error());
               if (!(problem->level > 0.0 && problem->level <= 1.0))
                   return error_response(errors::invalid_field("level", "un niveau dans ]0, 1]"));
               if (problem->quartiers.empty()) return error_response(errors::invalid_field("quartiers", "au moins un quartier"));
               if (auto ok = app::check_may_plan(ctx, *c.actor, body->site_id); !ok) return error_response(ok.error());
               return submit(jobs, c, "zones", body->site_id.value_or(0),
                             [p = *problem](const std::function<void(double)>& progress) -> Result<std::string> {
                                 progress(0.05);
                                 ESCALE_TRY(auto a, planning::allocate_quartiers(p));
                                 return json_text(quartier_allocation_json(p, a));
                             });
           },
           .slow = true});

    r.add({.method = "POST", .pattern = "/api/v1/planning/scenario", .handler = [ctx, jobs](const Call& c) {
               auto body = decode<ScenarioBody>(c.request.body);
               if (!body) return error_response(body.error());
               auto scenario = scenario_of(*body);
               if (!scenario) return error_response(scenario.error());
               // What the engine refuses is refused now, before any job: a 400, nothing queued.
               if (auto ok = planning::validate_scenario(*scenario); !ok) return error_response(ok.error());
               if (auto ok = app::check_may_plan(ctx, *c.actor, *body->site_id); !ok) return error_response(ok.error());
               return submit(jobs, c, "scenario", *body->site_id,
                             [s = *scenario](const std::function<void(double)>& progress) -> Result<std::string> {
                                 ESCALE_TRY(auto result, planning::run_scenario(s, progress));
                                 return json_text(scenario_json(s, result));
                             });
           },
           .slow = true});

    r.add({.method = "GET", .pattern = "/api/v1/planning/jobs/{id}", .handler = [jobs](const Call& c) {
               auto job = jobs->find(c.params[0], owner_of(c));
               if (!job) return error_response(errors::not_found(feminine("tâche de calcul")));
               return json_response(200, job_json(*job));
           }});

    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/presence-history", .handler = [ctx](const Call& c) {
               auto site = path_id(c);
               if (!site) return error_response(site.error());
               auto from = optional_date_param(c.request, "from");
               if (!from) return error_response(from.error());
               auto to = optional_date_param(c.request, "to");
               if (!to) return error_response(to.error());
               double weight = planning::default_prior_weight;
               if (auto w = c.request.query_param("prior_weight")) {
                   auto [end, ec] = std::from_chars(w->data(), w->data() + w->size(), weight);
                   if (ec != std::errc{} || end != w->data() + w->size())
                       return error_response(errors::invalid_field("prior_weight", "un poids entre 0 et 1 000 jours"));
               }
               auto m = app::measured_site_presence(ctx, *c.actor, *site, *from, *to, weight);
               if (!m) return error_response(m.error());
               return json_response(200, measured_presence_json(*m));
           },
           .slow = true});

    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/scenarios", .handler = [ctx](const Call& c) {
               auto site = path_id(c);
               if (!site) return error_response(site.error());
               return paged_reply(c.request, app::list_scenarios(ctx, *c.actor, *site), CursorKind::position,
                                  [](const SavedScenario& s) { return saved_scenario_json(s, false); });
           }});

    r.add({.method = "POST", .pattern = "/api/v1/sites/{id}/scenarios", .handler = [ctx, jobs](const Call& c) {
               auto site = path_id(c);
               if (!site) return error_response(site.error());
               auto body = decode<SaveScenarioBody>(c.request.body);
               if (!body) return error_response(body.error());
               if (auto ok = app::check_may_plan(ctx, *c.actor, *site); !ok) return error_response(ok.error());
               auto job = jobs->find(*body->job_id, owner_of(c));
               if (!job) return error_response(errors::not_found(feminine("tâche de calcul")));
               if (job->kind != "scenario") return error_response(errors::planning_job_not_a_scenario());
               if (job->state != app::PlanningJobState::done) return error_response(errors::planning_job_unfinished());
               if (job->site_id != *site)
                   return error_response(errors::invalid_field("job_id", "le calcul d'un scénario de ce site"));
               auto saved = app::save_scenario(ctx, *c.actor, *site, *body->name, job->input.value_or("{}"),
                                               job->result.value_or("{}"));
               if (!saved) return error_response(saved.error());
               return json_response(201, saved_scenario_json(*saved, true));
           },
           .slow = true});

    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/scenarios/{scenario_id}", .handler = [ctx](const Call& c) {
               auto site = path_id(c);
               if (!site) return error_response(site.error());
               auto id = path_id(c, 1);
               if (!id) return error_response(id.error());
               auto s = app::get_scenario(ctx, *c.actor, *site, *id);
               if (!s) return error_response(s.error());
               return json_response(200, saved_scenario_json(*s, true));
           }});

    r.add({.method = "DELETE", .pattern = "/api/v1/sites/{id}/scenarios/{scenario_id}", .handler = [ctx](const Call& c) {
               auto site = path_id(c);
               if (!site) return error_response(site.error());
               auto id = path_id(c, 1);
               if (!id) return error_response(id.error());
               auto done = app::delete_scenario(ctx, *c.actor, *site, *id);
               if (!done) return error_response(done.error());
               return no_content();
           },
           .slow = true});

    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/scenario-comparison", .handler = [ctx](const Call& c) {
               auto list = compared(ctx, c);
               if (!list) return error_response(list.error());
               return json_response(200, comparison_json({*list}));
           }});
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/scenario-comparison.csv", .handler = [ctx](const Call& c) {
               auto list = compared(ctx, c);
               if (!list) return error_response(list.error());
               return csv_download(comparison_table({*list}), fmt::format("scenarios-site-{}", path_id(c).value_or(0)));
           }});
    r.add({.method = "GET", .pattern = "/api/v1/sites/{id}/scenario-comparison.xlsx", .handler = [ctx](const Call& c) {
               auto list = compared(ctx, c);
               if (!list) return error_response(list.error());
               return xlsx_download({comparison_table({*list})}, fmt::format("scenarios-site-{}", path_id(c).value_or(0)));
           },
           .slow = true});
}

}  // namespace escale::http
