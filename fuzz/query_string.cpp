// SPDX-License-Identifier: EUPL-1.2
// Request targets and their query strings: the target split and decoded as the server does
// (http/request_reader's to_request, Boost.URL), then the parameters the routes read
// (http/request_params: ?site_id=, ?date=, ?from=, ?to=; http/pagination: ?limit=, ?cursor=
// and the page of a list with its Link to the next page). The bytes are the whole target.
// Asserts that an accepted date parameter formats back to its text, that a page holds at most
// `limit` items, and that the Link to the next page reads back as the same path with the same
// other parameters, on the same server (an origin-form target, never "//host").
#include <boost/json/parse.hpp>

#include "check.hpp"
#include "http/pagination.hpp"
#include "http/request_params.hpp"
#include "http/request_reader.hpp"

namespace {

using namespace escale;
using namespace escale::http;
namespace bhttp = boost::beast::http;

// A list of five items with ids 2, 4, 6, 8, 10.
const boost::json::array& items() {
    static const boost::json::array a = [] {
        boost::json::array out;
        for (int id = 2; id <= 10; id += 2) out.push_back(boost::json::object{{"id", id}});
        return out;
    }();
    return a;
}

void check_date(const Request& r, std::string_view name) {
    auto d = optional_date_param(r, name);
    if (d && *d) FUZZ_CHECK(format_date(**d) == *r.query_param(name), "a date parameter did not format back");
}

void check_next_link(const Request& r, const std::string& link) {
    FUZZ_CHECK(link.starts_with("</") && link.ends_with(">; rel=\"next\""), "a Link header of another shape");
    auto target = std::string_view(link).substr(1, link.size() - 1 - std::string_view(">; rel=\"next\"").size());
    FUZZ_CHECK(!target.starts_with("//"), "a Link to another server");
    bhttp::request<bhttp::string_body> next;
    next.target(target);
    bool bad_target = false;
    auto again = to_request(next, bad_target);
    FUZZ_CHECK(!bad_target, "a Link the server would refuse");
    // "//x" is written "/.//x" (no route has either), so as not to name the server "x".
    FUZZ_CHECK(again.path == (r.path.starts_with("//") ? "/." + r.path : r.path), "a Link to another path");
    std::vector<std::pair<std::string, std::string>> kept;
    for (auto& p : r.query)
        if (p.first != "limit" && p.first != "cursor") kept.push_back(p);
    FUZZ_CHECK(again.query.size() == kept.size() + 2, "a Link with other parameters");
    FUZZ_CHECK(std::equal(kept.begin(), kept.end(), again.query.begin()), "a Link that changed a parameter");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    bhttp::request<bhttp::string_body> in{bhttp::verb::get, fuzz::text_of(data, size), 11};
    bool bad_target = false;
    auto r = to_request(in, bad_target);
    if (bad_target) return 0;
    (void)site_filter(r);
    for (auto name : {"date", "from", "to"}) check_date(r, name);
    auto page = page_request(r);
    if (!page) return 0;
    FUZZ_CHECK(page->limit >= 1 && page->limit <= max_page_size, "a page size out of range");
    for (auto kind : {CursorKind::after_id, CursorKind::position}) {
        auto answer = paged_json(items(), *page, kind, r);
        auto body = boost::json::parse(answer.body);
        FUZZ_CHECK(body.as_array().size() <= page->limit, "a page longer than its limit");
        for (auto& [name, value] : answer.headers)
            if (name == "Link") check_next_link(r, value);
    }
    return 0;
}
