// SPDX-License-Identifier: EUPL-1.2
// Request ids (issue 14, finding 7): each request gets a random id, sent back in the
// X-Request-Id header and in error bodies, and written in the log lines about it (the cause
// of an internal error, the access log), so that what a person reports can be found in the
// log. The id of the request a thread is serving is kept per thread while a handler runs:
// error_response reads it without every handler passing it along.
#pragma once

#include <string>
#include <string_view>

namespace escale::http {

// 16 lower-case hexadecimal digits, random. Safe from any thread.
std::string new_request_id();

// The id of the request this thread is serving, or empty outside one.
std::string_view current_request_id();

// Makes `id` the current request id of this thread until destroyed. Not to be held across a
// coroutine's suspension (the coroutine may resume on another thread).
class RequestIdScope {
public:
    explicit RequestIdScope(std::string_view id);
    ~RequestIdScope();
    RequestIdScope(const RequestIdScope&) = delete;
    RequestIdScope& operator=(const RequestIdScope&) = delete;

private:
    std::string_view previous_;
};

}  // namespace escale::http
