// SPDX-License-Identifier: EUPL-1.2
// A planning scenario saved on a site (issue 12, item 4): the question asked (the future
// composition, as the JSON the API received) and the answer computed then (the JSON it gave),
// with its name, author and date, so that scenarios can be listed, compared and exported
// without running them again.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace escale {

using ScenarioId = Id;

struct SavedScenario {
    ScenarioId id = 0;
    SiteId site_id = 0;
    std::string name;
    std::string input;   // JSON text of the scenario's question
    std::string result;  // JSON text of its answer
    std::optional<ResidentId> author_id;  // none once the author is forgotten (personal data)
    Instant created_at;
};

}  // namespace escale
