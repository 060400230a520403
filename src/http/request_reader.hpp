// SPDX-License-Identifier: EUPL-1.2
// Reading one request off the wire: the limits the server puts on Beast's parser (header and
// body sizes), and the parsed message turned into the handlers' Request (target split into a
// decoded path and query, the headers Escale reads). Apart from server.cpp so that the fuzz
// target of the request reader (fuzz/http_request.cpp) drives the very same code. Pure;
// safe from any thread.
#pragma once

#include <cstddef>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/message.hpp"

namespace escale::http {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// The largest request head (request line and headers) the server reads.
inline constexpr std::size_t request_header_limit = 16 * 1024;

// Puts the server's limits on a fresh parser: the head (request_header_limit) and the body
// (body_limit, ServerOptions::body_limit; beyond it Beast stops with error::body_limit).
void limit_request(RequestParser& parser, std::size_t body_limit);

// The handlers' view of a parsed request, remote address left empty. `bad_target` is set
// (and the rest left empty) when the target is not an origin form ("/path?query") or
// encodes a slash in its path (issue 14, finding 9: "/a%2Fb" must not reach "/a/b").
Request to_request(const boost::beast::http::request<boost::beast::http::string_body>& in, bool& bad_target);

// HTTP/1.1 requires exactly one Host header (RFC 9112, 3.2; issue 14, finding 9).
bool lacks_single_host(const boost::beast::http::request<boost::beast::http::string_body>& in);

}  // namespace escale::http
