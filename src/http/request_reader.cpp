// SPDX-License-Identifier: EUPL-1.2
#include "http/request_reader.hpp"

#include <boost/url/parse.hpp>

namespace escale::http {

namespace bhttp = boost::beast::http;

void limit_request(RequestParser& parser, std::size_t body_limit) {
    parser.body_limit(body_limit);
    parser.header_limit(request_header_limit);
}

Request to_request(const bhttp::request<bhttp::string_body>& in, bool& bad_target) {
    Request r;
    r.method = std::string(in.method_string());
    auto url = boost::urls::parse_origin_form(in.target());
    if (!url) {
        bad_target = true;
        return r;
    }
    // Hardening (issue 14, finding 9): an encoded slash would become a separator once the
    // path is decoded, so that "/a%2Fb" reached the route of "/a/b". No route takes one.
    for (auto at = url->encoded_path().find('%'); at != std::string_view::npos;
         at = url->encoded_path().find('%', at + 1)) {
        auto code = url->encoded_path().substr(at + 1, 2);
        if (code == "2F" || code == "2f") {
            bad_target = true;
            return r;
        }
    }
    r.path = url->path();
    for (auto param : url->params()) r.query.emplace_back(param.key, param.value);
    r.body = in.body();
    if (auto it = in.find(bhttp::field::content_type); it != in.end()) r.content_type = it->value();
    if (auto it = in.find(bhttp::field::authorization); it != in.end()) r.authorization = it->value();
    if (auto it = in.find(bhttp::field::cookie); it != in.end()) r.cookie = it->value();
    if (auto it = in.find("X-CSRF-Token"); it != in.end()) r.csrf_token = it->value();
    if (auto it = in.find("X-Forwarded-For"); it != in.end()) r.forwarded_for = it->value();
    if (auto it = in.find(bhttp::field::accept); it != in.end()) r.accept = it->value();
    if (auto it = in.find(bhttp::field::accept_encoding); it != in.end()) r.accept_encoding = it->value();
    if (auto it = in.find("Last-Event-ID"); it != in.end()) r.last_event_id = it->value();
    return r;
}

bool lacks_single_host(const bhttp::request<bhttp::string_body>& in) {
    return in.version() == 11 && in.count(bhttp::field::host) != 1;
}

}  // namespace escale::http
