// SPDX-License-Identifier: EUPL-1.2
// Reading what a request names in its path and query: identifiers, the site filter of a
// listing, dates. Each failure is the API's French error for the parameter (invalid_field,
// invalid_date, missing_field). Stateless; safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/local_date.hpp"
#include "http/router.hpp"

namespace escale::http {

// A positive decimal integer, digits only (invalid_field named `field` otherwise).
Result<Id> parse_id(std::string_view text, std::string_view field);

// The i-th captured path segment as an id, reported as field "id".
Result<Id> path_id(const Call& c, std::size_t i = 0);

// ?site_id=N when given; nullopt when absent.
Result<std::optional<SiteId>> site_filter(const Request& r);

// ?name=YYYY-MM-DD when given; nullopt when absent.
Result<std::optional<Date>> optional_date_param(const Request& r, std::string_view name);
// ?name=YYYY-MM-DD, which must be given.
Result<Date> date_param(const Request& r, std::string_view name);

// Hardening (issue 14, finding 9): whether a Content-Type header names exactly the media type
// application/json (letter case aside), with or without parameters (charset=utf-8).
bool is_json_media_type(std::string_view content_type);

}  // namespace escale::http
