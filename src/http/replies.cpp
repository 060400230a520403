// SPDX-License-Identifier: EUPL-1.2
// From use-case results to responses (http/replies.hpp).
#include "http/replies.hpp"

#include <string>

#include <spdlog/spdlog.h>

#include "core/table_csv.hpp"
#include "export/xlsx.hpp"
#include "http/error_status.hpp"
#include "http/json_text.hpp"

namespace escale::http {

Response error_response(const Error& e) {
    if (e.kind == ErrorKind::internal) spdlog::error("internal error: {}", e.message);
    Response r{status_of(e.kind), "application/json; charset=utf-8", error_body(e), {}};
    if (e.retry_after.count() > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after.count()));
    return r;
}

Response json_response(int status, const json::value& v) {
    return Response{status, "application/json; charset=utf-8", json_text(v), {}};
}

Response no_content() { return Response{204, "", "", {}}; }

Response table_download(const Table& t, TableFormat format, std::string_view stem) {
    Response r;
    std::string name(stem);
    if (format == TableFormat::csv) {
        r.content_type = "text/csv; charset=utf-8";
        r.body = table_csv(t);
        name += ".csv";
    } else {
        auto bytes = export_::xlsx_workbook({t});
        if (!bytes) return error_response(bytes.error());
        r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        r.body = std::move(*bytes);
        name += ".xlsx";
    }
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return r;
}

}  // namespace escale::http
