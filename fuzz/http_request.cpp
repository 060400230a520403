// SPDX-License-Identifier: EUPL-1.2
// Requests as they come off the wire: Beast's request parser with the server's own limits
// (http/request_reader's limit_request, ServerOptions' body limit), then the handlers'
// Request (to_request) and the Host rule, as server.cpp runs them. Asserts that a request
// read whole keeps within the limits, that its path is absolute and carries its body
// unchanged, and that a target with an encoded slash never reaches a route.
#include <boost/asio/buffer.hpp>

#include "check.hpp"
#include "http/request_reader.hpp"
#include "http/server.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    using namespace escale::http;
    const std::size_t body_limit = ServerOptions{}.body_limit;
    RequestParser parser;
    limit_request(parser, body_limit);
    parser.eager(true);
    boost::beast::error_code ec;
    std::size_t used = 0;
    while (!parser.is_done() && used < size) {
        auto n = parser.put(boost::asio::buffer(data + used, size - used), ec);
        used += n;
        if (ec || n == 0) break;
    }
    if (!parser.is_done() || ec) return 0;
    const auto& msg = parser.get();
    FUZZ_CHECK(msg.body().size() <= body_limit, "a body beyond the server's limit was read");
    (void)lacks_single_host(msg);
    bool bad_target = false;
    auto r = to_request(msg, bad_target);
    if (bad_target) return 0;
    FUZZ_CHECK(r.path.starts_with("/"), "a request path that is not absolute");
    FUZZ_CHECK(r.body == msg.body(), "the body changed on its way to the handlers");
    auto target = std::string_view(msg.target());
    auto path = target.substr(0, target.find('?'));
    FUZZ_CHECK(path.find("%2F") == std::string_view::npos && path.find("%2f") == std::string_view::npos,
               "a path with an encoded slash reached the routes");
    return 0;
}
