// SPDX-License-Identifier: EUPL-1.2
// Content codings (issue 11, weight of the web app): whether a request's Accept-Encoding
// takes a coding, and JSON answers compressed with gzip (zlib) when the client takes it
// and the body is large enough for it to pay. No Beast here: plain Request and Response.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace escale::http {

// Whether a header listing "token;q=…" items accepts `token` (a q of 0 refuses it; "*"
// accepts what is not named). Case-insensitive.
bool accepts_coding(std::string_view header, std::string_view token);

// `text` in the gzip format (RFC 1952); nullopt if zlib fails.
std::optional<std::string> gzip_compress(std::string_view text);

// Answers smaller than this are sent as they are (the gzip header and a round trip of
// inflation cost more than the bytes saved).
inline constexpr std::size_t compress_from_bytes = 1024;

// Compresses `response`'s body with gzip in place when it is JSON of at least
// compress_from_bytes, held in `body` (not a static view or a stream), not already coded,
// and `accept_encoding` takes gzip; then sets Content-Encoding and Vary. Returns whether it did.
bool compress_answer(Response& response, std::string_view accept_encoding);

}  // namespace escale::http
