// SPDX-License-Identifier: EUPL-1.2
// From use-case results to responses (http/replies.hpp).
#include "http/replies.hpp"

#include <string>

#include <spdlog/spdlog.h>

#include "core/table_csv.hpp"
#include "export/xlsx.hpp"
#include "http/error_status.hpp"
#include "http/json_text.hpp"
#include "http/request_id.hpp"

namespace escale::http {

Response error_response(const Error& e) {
    if (e.kind == ErrorKind::internal)
        spdlog::error("erreur interne (requête {}) : {}", current_request_id(), e.cause.empty() ? e.message : e.cause);
    Response r{status_of(e.kind), "application/json; charset=utf-8", error_body(e), {}};
    if (e.retry_after.count() > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after.count()));
    return r;
}

Response json_response(int status, const json::value& v) {
    return Response{status, "application/json; charset=utf-8", json_text(v), {}};
}

Response no_content() { return Response{204, "", "", {}}; }

namespace {
Response download(std::string content_type, std::string body, std::string_view stem, std::string_view extension) {
    Response r{200, std::move(content_type), std::move(body), {}};
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + std::string(stem) + std::string(extension) + "\"");
    return r;
}
}  // namespace

Response csv_download(const Table& t, std::string_view stem) {
    return download("text/csv; charset=utf-8", table_csv(t), stem, ".csv");
}

Response xlsx_download(const std::vector<Table>& sheets, std::string_view stem) {
    auto bytes = export_::xlsx_workbook(sheets);
    if (!bytes) return error_response(bytes.error());
    return download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(*bytes), stem, ".xlsx");
}

}  // namespace escale::http
