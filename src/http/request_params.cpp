// SPDX-License-Identifier: EUPL-1.2
// Reading path and query parameters (http/request_params.hpp).
#include "http/request_params.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/errors.hpp"
#include "core/try.hpp"

namespace escale::http {

Result<Id> parse_id(std::string_view text, std::string_view field) {
    Id id = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || p != text.data() + text.size() || id <= 0)
        return fail(errors::invalid_field(field, "un identifiant numérique positif"));
    return id;
}

Result<Id> path_id(const Call& c, std::size_t i) { return parse_id(c.params.at(i), "id"); }

Result<std::optional<SiteId>> site_filter(const Request& r) {
    auto v = r.query_param("site_id");
    if (!v) return std::optional<SiteId>{};
    ESCALE_TRY(Id id, parse_id(*v, "site_id"));
    return std::optional<SiteId>{id};
}

Result<std::optional<Date>> optional_date_param(const Request& r, std::string_view name) {
    auto v = r.query_param(name);
    if (!v) return std::optional<Date>{};
    auto d = parse_date(*v);
    if (!d) return fail(errors::invalid_date(name));
    return std::optional<Date>{*d};
}

Result<Date> date_param(const Request& r, std::string_view name) {
    ESCALE_TRY(auto d, optional_date_param(r, name));
    if (!d) return fail(errors::missing_field(name));
    return *d;
}

bool is_json_media_type(std::string_view content_type) {
    auto type = content_type.substr(0, content_type.find(';'));
    auto first = type.find_first_not_of(" \t");
    if (first == std::string_view::npos) return false;
    type = type.substr(first, type.find_last_not_of(" \t") - first + 1);
    constexpr std::string_view json = "application/json";
    return type.size() == json.size() &&
           std::equal(type.begin(), type.end(), json.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

}  // namespace escale::http
