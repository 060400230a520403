// SPDX-License-Identifier: EUPL-1.2
// Login throttling: how many failed logins an account (or an address) may have before it is
// locked, and for how long. Pure functions over a small record the store keeps per key, so
// every server behind a load balancer shares the same count.
//
// Policy: failures counted since the last quiet hour; from the `free_failures`-th on, each
// failure locks the key for 1 s × 2^(failures − free_failures), at most 15 minutes. While
// locked, attempts are refused without checking the password (and are not counted). Every
// attempt is counted before the password is checked, so that parallel attempts cannot slip
// past a limit; a successful login clears the record of its account at its address and
// forgives the attempt on its address.
//
// Keys (issue 14, finding 4): an account is counted per client address ("compte:<email>
// <ip>"), so that a stranger guessing from somewhere locks the account there only, and
// cannot lock the owner (the break-glass administrator included) out from elsewhere; the
// address is counted on its own too, across accounts. Guessing from many addresses is
// bounded by the address limit and by the server's password-hashing pool.
#pragma once

#include <chrono>
#include <string>

#include "core/clock.hpp"

namespace escale {

struct LoginThrottle {
    std::string key;  // "compte:<email> <ip>", "compte:<email>" (no address known) or "adresse:<ip>"
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

// The throttle key of an account (its normalised email) tried from a client address:
// "compte:<email> <ip>" with the address reduced as address_key does, or "compte:<email>"
// when the address is not known (e.g. the command line).
std::string account_key(std::string_view email, std::string_view ip);

// Seconds until `t` allows an attempt again; 0 when it allows one now.
std::chrono::seconds throttle_wait(const LoginThrottle& t, Instant now);
// The record after one more failure at `now`.
LoginThrottle after_failure(LoginThrottle t, Instant now, int free_failures);
// The record once an attempt counted by after_failure turned out to be a success: one
// failure fewer, and no lock below the free failures.
LoginThrottle forgiven(LoginThrottle t, int free_failures);

}  // namespace escale
