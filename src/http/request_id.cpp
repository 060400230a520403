// SPDX-License-Identifier: EUPL-1.2
#include "http/request_id.hpp"

#include <random>

#include <fmt/format.h>

namespace escale::http {
namespace {
thread_local std::string_view current;
}  // namespace

std::string new_request_id() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    return fmt::format("{:016x}", random());
}

std::string_view current_request_id() { return current; }

RequestIdScope::RequestIdScope(std::string_view id) : previous_(current) { current = id; }
RequestIdScope::~RequestIdScope() { current = previous_; }

}  // namespace escale::http
