// SPDX-License-Identifier: EUPL-1.2
// From use-case results to responses: JSON bodies, errors with their HTTP status and French
// message, empty answers. Every route file answers through these. Stateless; safe from any
// thread.
#pragma once

#include <vector>

#include <boost/describe/members.hpp>

#include "core/error.hpp"
#include "core/table.hpp"
#include "http/json_codec.hpp"
#include "http/message.hpp"
#include "http/pagination.hpp"

namespace escale::http {

// The error's status (http/error_status.hpp) and JSON body; internal errors are logged, and
// a throttled one says when to come back (Retry-After).
Response error_response(const Error& e);

Response json_response(int status, const json::value& v);

// 204, no body.
Response no_content();

// A use-case result as JSON: described structs member for member, the rest by their to_json.
template <class T>
json::value encode(const T& v) {
    if constexpr (boost::describe::has_describe_members<T>::value) return json::value_from(v);
    else return to_json(v);
}
template <class T>
json::value encode(const std::vector<T>& items) {
    json::array a;
    a.reserve(items.size());
    for (auto& i : items) a.push_back(encode(i));
    return a;
}

// Exports (issue 13): a table as a file to download, `<stem>.csv` for French spreadsheets,
// or tables as the sheets of `<stem>.xlsx`.
Response csv_download(const Table& t, std::string_view stem);
Response xlsx_download(const std::vector<Table>& sheets, std::string_view stem);

// The encoded value with `ok_status`, or the error's response.
template <class T>
Response reply(const Result<T>& r, int ok_status = 200) {
    if (!r) return error_response(r.error());
    return json_response(ok_status, encode(*r));
}

// A list use case's result by pages (http/pagination.hpp): the page the request asks for
// (?limit=, ?cursor=), or the error's response. `kind`: how the cursor points into the list;
// `encode_item`: each item's JSON, when not its encode().
template <class T, class EncodeItem>
Response paged_reply(const Request& request, const Result<std::vector<T>>& list, CursorKind kind,
                     EncodeItem encode_item) {
    auto page = page_request(request);
    if (!page) return error_response(page.error());
    if (!list) return error_response(list.error());
    json::array items;
    items.reserve(list->size());
    for (auto& i : *list) items.push_back(encode_item(i));
    return paged_json(items, *page, kind, request);
}
template <class T>
Response paged_reply(const Request& request, const Result<std::vector<T>>& list, CursorKind kind) {
    return paged_reply(request, list, kind, [](const T& i) { return encode(i); });
}

}  // namespace escale::http
