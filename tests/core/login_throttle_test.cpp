// SPDX-License-Identifier: EUPL-1.2
// The login throttling policy: free failures, doubling locks, the cap, the quiet period.
#include <gtest/gtest.h>

#include "core/login_throttle.hpp"

namespace escale {
namespace {

Instant at(long s) { return Instant{std::chrono::seconds{s}}; }

TEST(LoginThrottle, FreeFailuresThenDoublingLocksUpToFifteenMinutes) {
    LoginThrottle t{"compte:a"};
    long now = 1'000'000;
    for (int i = 1; i < account_free_failures; ++i) {
        t = after_failure(t, at(now), account_free_failures);
        EXPECT_EQ(throttle_wait(t, at(now)).count(), 0) << i;
    }
    std::vector<long> waits;
    for (int i = 0; i < 14; ++i) {
        t = after_failure(t, at(now), account_free_failures);
        waits.push_back(throttle_wait(t, at(now)).count());
        now += waits.back();  // the next failure comes when the lock ends
        EXPECT_EQ(throttle_wait(t, at(now)).count(), 0);
    }
    EXPECT_EQ(waits, (std::vector<long>{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900}));
}

TEST(LoginThrottle, AQuietHourStartsTheCountAgain) {
    LoginThrottle t{"compte:a"};
    for (int i = 0; i < account_free_failures + 3; ++i) t = after_failure(t, at(100), account_free_failures);
    EXPECT_GT(throttle_wait(t, at(100)).count(), 0);
    t = after_failure(t, at(100) + throttle_quiet_period, account_free_failures);
    EXPECT_EQ(t.failures, 1);
    EXPECT_EQ(throttle_wait(t, at(100) + throttle_quiet_period).count(), 0);
}

TEST(LoginThrottle, WaitIsRoundedUpAndNeverNegative) {
    LoginThrottle t{"k", 9, at(50), at(40)};
    EXPECT_EQ(throttle_wait(t, at(49)).count(), 1);
    EXPECT_EQ(throttle_wait(t, at(50)).count(), 0);
    EXPECT_EQ(throttle_wait(t, at(500)).count(), 0);
}

}  // namespace
}  // namespace escale

namespace escale {
namespace {

TEST(LoginThrottle, AddressKeysGroupIpv6By64) {
    EXPECT_EQ(address_key("192.0.2.7"), "adresse:192.0.2.7");
    EXPECT_EQ(address_key("2001:db8:1:2:aaaa::1"), "adresse:2001:db8:1:2::/64");
    EXPECT_EQ(address_key("2001:db8:1:2:bbbb:cccc:dddd:eeee"), "adresse:2001:db8:1:2::/64");
    EXPECT_EQ(address_key("::1"), "adresse:::/64");
    EXPECT_EQ(address_key("::ffff:192.0.2.7"), "adresse:192.0.2.7") << "IPv4 through a dual-stack socket";
    EXPECT_EQ(address_key("::ffff:192.0.2.8"), "adresse:192.0.2.8");
    EXPECT_EQ(address_key("pas une adresse"), "adresse:pas une adresse");
}

// Hardening (issue 14, finding 4): an account is counted per address.
TEST(LoginThrottle, AccountKeysNameTheAddress) {
    EXPECT_EQ(account_key("a@x.fr", ""), "compte:a@x.fr");
    EXPECT_EQ(account_key("a@x.fr", "192.0.2.1"), "compte:a@x.fr 192.0.2.1");
    EXPECT_EQ(account_key("a@x.fr", "2001:db8::1"), "compte:a@x.fr 2001:db8::/64");
}

// Hardening (issue 14, finding 3): an attempt counted before the hash and then successful
// is forgiven, and leaves no lock below the free failures.
TEST(LoginThrottle, ASuccessIsForgiven) {
    Instant now{std::chrono::seconds{1000}};
    LoginThrottle t{"adresse:a"};
    for (int i = 0; i < 3; ++i) t = after_failure(t, now, 3);
    EXPECT_GT(throttle_wait(t, now).count(), 0);
    t = forgiven(t, 3);
    EXPECT_EQ(t.failures, 2);
    EXPECT_EQ(throttle_wait(t, now).count(), 0);
    t = forgiven(forgiven(forgiven(t, 3), 3), 3);
    EXPECT_EQ(t.failures, 0);
}

}  // namespace
}  // namespace escale
