// SPDX-License-Identifier: EUPL-1.2
#include "http/access_log.hpp"

#include <memory>

#include <boost/json.hpp>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace escale::http {
namespace {
// Its own logger: its lines are the record themselves, without the log's prefix.
spdlog::logger& access_logger() {
    static std::shared_ptr<spdlog::logger> logger = [] {
        auto l = std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stderr_sink_mt>());
        l->set_pattern("%v");
        return l;
    }();
    return *logger;
}

std::string utc_now() {
    auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", now);
}
}  // namespace

void log_access(AccessLogFormat format, const AccessEntry& e) {
    if (format == AccessLogFormat::off) return;
    double ms = static_cast<double>(e.duration.count()) / 1000.0;
    if (format == AccessLogFormat::json) {
        boost::json::object line{{"time", utc_now()},
                                 {"request_id", e.request_id},
                                 {"method", e.method},
                                 {"route", e.route},
                                 {"status", e.status},
                                 {"duration_ms", ms},
                                 {"bytes", e.bytes}};
        access_logger().info(boost::json::serialize(line));
    } else {
        access_logger().info("{} {} {} {} {} {:.3f} ms {} octets", utc_now(), e.request_id, e.method, e.route, e.status,
                             ms, e.bytes);
    }
}

}  // namespace escale::http
