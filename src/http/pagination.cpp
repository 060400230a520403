// SPDX-License-Identifier: EUPL-1.2
#include "http/pagination.hpp"

#include <algorithm>
#include <string>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/pchars.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "core/errors.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"

namespace escale::http {

Result<PageRequest> page_request(const Request& r) {
    PageRequest page;
    if (auto v = r.query_param("limit")) {
        auto n = parse_id(*v, "limit");
        if (!n || *n > static_cast<Id>(max_page_size))
            return fail(errors::invalid_field("limit", "un nombre d'éléments par page de 1 à 1000"));
        page.limit = static_cast<std::size_t>(*n);
    }
    if (auto v = r.query_param("cursor")) {
        auto n = parse_id(*v, "cursor");
        if (!n) return fail(errors::invalid_cursor());
        page.cursor = *n;
    }
    return page;
}

std::string next_page_link(const Request& r, std::size_t limit, std::int64_t cursor) {
    // Written by hand (found by fuzz/query_string.cpp): Boost.URL 1.81 writes the path "/" as
    // "/./", and a "+" of a value as it is, which the server then reads as a space. A path
    // that starts with "//" takes "/." before it, so that the link never reads as another
    // server's address; names and values keep only unreserved characters unencoded.
    auto path = boost::urls::encode(r.path, boost::urls::pchars + '/');
    if (path.starts_with("//")) path.insert(0, "/.");
    auto param = [](std::string_view k, std::string_view v) {
        return boost::urls::encode(k, boost::urls::unreserved_chars) + "=" +
               boost::urls::encode(v, boost::urls::unreserved_chars);
    };
    std::string query;
    for (auto& [k, v] : r.query)
        if (k != "limit" && k != "cursor") query += param(k, v) + "&";
    query += param("limit", std::to_string(limit)) + "&" + param("cursor", std::to_string(cursor));
    return "<" + path + "?" + query + ">; rel=\"next\"";
}

Response paged_json(const boost::json::array& all, const PageRequest& page, CursorKind kind, const Request& r) {
    std::size_t first = 0;
    if (page.cursor) {
        if (kind == CursorKind::position) {
            first = std::min<std::size_t>(static_cast<std::size_t>(*page.cursor), all.size());
        } else {
            auto it = std::find_if(all.begin(), all.end(), [&](const boost::json::value& v) {
                return v.as_object().at("id").to_number<std::int64_t>() > *page.cursor;
            });
            first = static_cast<std::size_t>(it - all.begin());
        }
    }
    std::size_t last = std::min(all.size(), first + page.limit);
    boost::json::array out(all.begin() + static_cast<std::ptrdiff_t>(first), all.begin() + static_cast<std::ptrdiff_t>(last));
    auto resp = json_response(200, out);
    if (last < all.size()) {
        std::int64_t cursor = kind == CursorKind::position
                                  ? static_cast<std::int64_t>(last)
                                  : all[last - 1].as_object().at("id").to_number<std::int64_t>();
        resp.headers.emplace_back("Link", next_page_link(r, page.limit, cursor));
    }
    return resp;
}

}  // namespace escale::http
