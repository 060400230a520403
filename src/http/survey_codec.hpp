// SPDX-License-Identifier: EUPL-1.2
// JSON of surveys and remontées (issue 13, items 5 and 6): questionnaires, results with
// their hidden groups, comparisons, remontées as their readers see them, and the counts.
// Stateless functions, safe from any thread.
#pragma once

#include <boost/json.hpp>

#include "app/remontees.hpp"
#include "app/surveys.hpp"

namespace escale::http {

boost::json::value to_json(const Survey& s);
boost::json::value to_json(const app::SurveySummary& s);
boost::json::value to_json(const app::MySurvey& s);
boost::json::value to_json(const app::SurveyResultsView& v);
boost::json::value to_json(const app::SurveyComparison& c);
boost::json::value to_json(const SurveyTemplate& t);
// A remontée as stored (personal data download): no supports.
boost::json::value to_json(const Remontee& r);
boost::json::value to_json(const app::RemonteeView& v);
boost::json::value to_json(const app::RemonteeCountsView& c);

}  // namespace escale::http
