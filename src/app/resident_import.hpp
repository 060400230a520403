// SPDX-License-Identifier: EUPL-1.2
// Importing residents from a CSV file as French spreadsheets export it (';', UTF-8).
#pragma once

#include <string_view>

#include "app/context.hpp"
#include "core/error.hpp"

namespace escale::app {

struct ImportReport {
    int created = 0;
};

// Columns, found by their header (case and accents as usual in French spreadsheets):
//   email (or "courriel"), nom (or "nom affiché"), service (a service code of the site),
//   quotité (optional, 10..100, default 100), rôle (optional: agent, referent,
//   gestionnaire, admin; default agent).
// All or nothing: when any line is wrong, nothing is written and the error lists every
// wrong line with its number (kind invalid_input, code "invalid_csv").
Result<ImportReport> import_residents_csv(Context ctx, const Actor& actor, SiteId site, std::string_view csv);

}  // namespace escale::app
