// SPDX-License-Identifier: EUPL-1.2
#include "http/client_address.hpp"

#include <algorithm>

namespace escale::http {
namespace {
std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// An IPv4 client seen through a dual-stack socket ("::ffff:10.0.0.2") as plain IPv4.
std::string_view unmapped(std::string_view a) {
    constexpr std::string_view prefix = "::ffff:";
    if (a.size() > prefix.size() && a.substr(0, prefix.size()) == prefix && a.find('.') != std::string_view::npos)
        return a.substr(prefix.size());
    return a;
}
}  // namespace

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
    auto trusted = [&](std::string_view a) {
        return std::find(trusted_proxies.begin(), trusted_proxies.end(), unmapped(a)) != trusted_proxies.end();
    };
    std::string_view client = unmapped(peer);
    while (trusted(client) && !forwarded_for.empty()) {
        auto comma = forwarded_for.rfind(',');
        auto last = trimmed(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
        forwarded_for = comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
        if (last.empty() || last.size() > 64) break;  // malformed: keep the last trusted hop
        client = unmapped(last);
    }
    return std::string(client);
}

}  // namespace escale::http
