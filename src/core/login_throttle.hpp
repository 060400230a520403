// SPDX-License-Identifier: EUPL-1.2
// Login throttling: how many failed logins an account (or an address) may have before it is
// locked, and for how long. Pure functions over a small record the store keeps per key, so
// every server behind a load balancer shares the same count.
//
// Policy: failures counted since the last quiet hour; from the `free_failures`-th on, each
// failure locks the key for 1 s × 2^(failures − free_failures), at most 15 minutes. While
// locked, attempts are refused without checking the password (and are not counted). A
// successful login clears the account's record.
#pragma once

#include <chrono>
#include <string>

#include "core/clock.hpp"

namespace escale {

struct LoginThrottle {
    std::string key;  // "compte:<email>" or "adresse:<ip>"
    int failures = 0;
    Instant locked_until{};
    Instant last_failure{};
};

inline constexpr std::chrono::seconds throttle_quiet_period{3600};
inline constexpr std::chrono::seconds throttle_longest_lock{900};
inline constexpr int account_free_failures = 5;
// Offices reach the server through few addresses: an address has more room than an account.
inline constexpr int address_free_failures = 100;

// The throttle key of a client address: "adresse:<ip>", an IPv6 address reduced to its /64
// (one site or home gets a whole /64, so its addresses count together).
std::string address_key(std::string_view ip);

// Seconds until `t` allows an attempt again; 0 when it allows one now.
std::chrono::seconds throttle_wait(const LoginThrottle& t, Instant now);
// The record after one more failure at `now`.
LoginThrottle after_failure(LoginThrottle t, Instant now, int free_failures);

}  // namespace escale
