// SPDX-License-Identifier: EUPL-1.2
// Errors as values: every failure a use case can report, with a stable code and a
// French message for the person who caused it. No exception crosses a layer boundary.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace escale {

// What went wrong, in terms the caller can act on; the HTTP layer maps each to one status.
enum class ErrorKind {
    invalid_input,    // malformed or ill-typed input (400)
    unauthenticated,  // no valid session (401)
    forbidden,        // authenticated but not allowed (403)
    not_found,        // the named thing does not exist (404)
    conflict,         // the state of the data forbids it, e.g. slot already taken (409)
    too_large,        // request or file too big (413)
    throttled,        // too many attempts; retry after Error::retry_after (429)
    rule_violation,   // well-formed but against a business rule (422)
    unavailable,      // dependency down, e.g. database unreachable (503)
    contention,       // the database gave a transaction up to keep concurrent ones consistent
                      // (serialisation failure, deadlock); running it again should succeed (503)
    internal,         // a bug or an unexpected failure (500)
};

// One problem inside a larger input, e.g. a line of an imported CSV file.
struct ErrorDetail {
    int line = 0;           // 1-based line number, 0 when not applicable
    std::string field;      // field or column name, may be empty
    std::string message;    // French sentence
    std::string code{};     // the item's own stable code when it has one (e.g. one refused occurrence)
};

// A time range another thing holds, when a request is refused because of it (range_taken):
// local times with their offset, as the request wrote its own.
struct ErrorRange {
    std::string start;
    std::string end;
};

struct Error {
    ErrorKind kind = ErrorKind::internal;
    std::string code;     // stable, machine-readable, snake_case (e.g. "slot_taken")
    std::string message;  // French sentence for people
    std::vector<ErrorDetail> details;
    std::chrono::seconds retry_after{0};  // for throttled: when the same request may succeed
    std::optional<ErrorRange> range{};    // for range_taken: the range that is held
    // Hardening (issue 14): for internal errors, what went wrong, for the log only (never
    // sent to the client).
    std::string cause{};
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorKind kind, std::string code, std::string message) {
    return tl::unexpected(Error{kind, std::move(code), std::move(message), {}});
}

inline tl::unexpected<Error> fail(Error e) { return tl::unexpected(std::move(e)); }

}  // namespace escale
