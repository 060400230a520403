// SPDX-License-Identifier: EUPL-1.2
// The small request and response types the handlers see, so that only server.cpp
// compiles Beast. Plain values; nothing here is shared between threads.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace escale::http {

struct Request {
    std::string method;  // upper case, e.g. "GET"
    std::string path;    // percent-decoded, without the query
    std::vector<std::pair<std::string, std::string>> query;  // decoded
    std::string body;
    std::string content_type;
    std::string authorization;
    std::string cookie;
    std::string csrf_token;      // the X-CSRF-Token header
    std::string remote_address;  // the client's IP address, as the server's socket sees it
    std::string forwarded_for;   // the X-Forwarded-For header (trusted only from --trusted-proxy)
    std::string accept;          // the Accept header (the web app's pages: text/html)
    std::string accept_encoding; // the Accept-Encoding header (the web app's pre-compressed files)
    std::string last_event_id;   // live updates (issue 11): the Last-Event-ID header of a reconnecting EventSource
    std::string request_id{};    // hardening (issue 14): http/request_id.hpp

    std::optional<std::string_view> query_param(std::string_view name) const {
        for (auto& [k, v] : query)
            if (k == name) return std::string_view(v);
        return std::nullopt;
    }
};

// live updates (issue 11): a response that goes on (Server-Sent Events). The server writes the
// response's status and headers, then calls next() every `tick` on the connection's strand
// and sends what it returns (nothing when empty) until it returns nullopt, the client leaves
// or the server stops. Shared with nothing else; its destructor runs when the stream ends.
class EventStream {
public:
    virtual ~EventStream() = default;
    virtual std::optional<std::string> next() = 0;
    std::chrono::milliseconds tick{250};
};

struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::shared_ptr<EventStream> stream = nullptr;  // set: the body is this stream's events, not `body`
    // Hardening (issue 14): when not empty, sent instead of `body`, without a copy. For
    // buffers that outlive the server (the embedded OpenAPI document, the web app's files
    // loaded at start): a client that never reads its answer then holds no memory of its own.
    std::string_view body_view{};
};

}  // namespace escale::http
