// SPDX-License-Identifier: EUPL-1.2
// Pages of the lists that can grow long (issue 14, finding 9): the referential's collections
// (residents, desks, lockers…), the audit log, one's desk and space bookings, the remontées,
// the surveys, the locker holders and the saved scenarios (routes answer through paged_reply,
// http/replies.hpp).
// A client asks ?limit=N (1 to 1000; 1000 when absent) and follows
// the `Link: <…>; rel="next"` header of each page, whose ?cursor= is opaque to it; the last page
// has no such header. Stateless; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include <boost/json/array.hpp>

#include "core/error.hpp"
#include "http/message.hpp"

namespace escale::http {

inline constexpr std::size_t max_page_size = 1000;

// How a list's cursor points into it.
enum class CursorKind {
    after_id,  // items in ascending order of their "id": the cursor is the last id given
    position,  // any fixed order (bookings by date): the cursor is how many were given
};

struct PageRequest {
    std::size_t limit = max_page_size;
    std::optional<std::int64_t> cursor;
};

// ?limit= and ?cursor= of the request (invalid_field when out of range or not a number).
Result<PageRequest> page_request(const Request& r);

// The page of `all` (the whole list, in its order) that `page` asks for, as a 200 JSON array,
// with the Link header to the next page when more items follow.
Response paged_json(const boost::json::array& all, const PageRequest& page, CursorKind kind, const Request& r);

// The Link header value to the next page after `cursor` (the request's other parameters kept).
std::string next_page_link(const Request& r, std::size_t limit, std::int64_t cursor);

}  // namespace escale::http
