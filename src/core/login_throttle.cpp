// SPDX-License-Identifier: EUPL-1.2
#include "core/login_throttle.hpp"

#include <algorithm>

#include <arpa/inet.h>

namespace escale {

std::string address_key(std::string_view ip) {
    unsigned char bytes[16];
    std::string text(ip);
    if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) {
        constexpr unsigned char v4_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (std::equal(bytes, bytes + 12, v4_mapped)) {  // ::ffff:a.b.c.d is the IPv4 client a.b.c.d
            char out[INET_ADDRSTRLEN];
            if (inet_ntop(AF_INET, bytes + 12, out, sizeof out)) return "adresse:" + std::string(out);
        }
        std::fill(bytes + 8, bytes + 16, 0);
        char out[INET6_ADDRSTRLEN];
        if (inet_ntop(AF_INET6, bytes, out, sizeof out)) return "adresse:" + std::string(out) + "/64";
    }
    return "adresse:" + text;
}

std::string account_key(std::string_view email, std::string_view ip) {
    std::string key = "compte:" + std::string(email);
    if (ip.empty()) return key;
    constexpr std::string_view prefix = "adresse:";
    return key + " " + address_key(ip).substr(prefix.size());
}

LoginThrottle forgiven(LoginThrottle t, int free_failures) {
    if (t.failures > 0) --t.failures;
    if (t.failures < free_failures) t.locked_until = Instant{};
    return t;
}

std::chrono::seconds throttle_wait(const LoginThrottle& t, Instant now) {
    if (t.locked_until <= now) return std::chrono::seconds{0};
    return std::chrono::ceil<std::chrono::seconds>(t.locked_until - now);
}

LoginThrottle after_failure(LoginThrottle t, Instant now, int free_failures) {
    if (now - t.last_failure >= throttle_quiet_period) t.failures = 0;
    ++t.failures;
    t.last_failure = now;
    int over = t.failures - free_failures;
    if (over >= 0) {
        auto lock = over >= 10 ? throttle_longest_lock
                               : std::min(throttle_longest_lock, std::chrono::seconds{1LL << over});
        t.locked_until = now + lock;
    }
    return t;
}

}  // namespace escale
