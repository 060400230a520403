// SPDX-License-Identifier: EUPL-1.2
// Which address a request comes from, through trusted reverse proxies or not.
#include <gtest/gtest.h>

#include "http/client_address.hpp"

namespace escale::http {
namespace {

TEST(ClientAddress, TheSocketPeerUnlessItIsATrustedProxy) {
    std::vector<std::string> none;
    std::vector<std::string> proxy{"10.0.0.2"};
    EXPECT_EQ(client_address("192.0.2.7", "203.0.113.9", none), "192.0.2.7") << "a header anyone can write";
    EXPECT_EQ(client_address("192.0.2.7", "203.0.113.9", proxy), "192.0.2.7") << "not through the proxy";
    EXPECT_EQ(client_address("10.0.0.2", "203.0.113.9", proxy), "203.0.113.9");
    EXPECT_EQ(client_address("10.0.0.2", "", proxy), "10.0.0.2");
    EXPECT_EQ(client_address("::ffff:10.0.0.2", "::ffff:203.0.113.9", proxy), "203.0.113.9") << "dual-stack socket";
}

TEST(ClientAddress, TheRightMostEntryNotAddedByATrustedProxy) {
    std::vector<std::string> proxies{"10.0.0.2", "10.0.0.3"};
    // The client may prepend anything; only what the proxies appended counts.
    EXPECT_EQ(client_address("10.0.0.2", "1.2.3.4, 203.0.113.9", proxies), "203.0.113.9");
    EXPECT_EQ(client_address("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.3", proxies), "203.0.113.9");
    EXPECT_EQ(client_address("10.0.0.2", " 203.0.113.9 ,", proxies), "10.0.0.2") << "malformed: stop at the proxy";
}

}  // namespace
}  // namespace escale::http
