// SPDX-License-Identifier: EUPL-1.2
// The notifications room of the Store on every database (SQLite and PostgreSQL): notifications
// newest first, unread count and marking read per resident, export, forgetting and retention;
// the mail outbox's claims: a claimed mail is not claimed again while its lease holds, and
// threads claiming at once (PostgreSQL) never share a mail.
#include <atomic>
#include <filesystem>
#include <set>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "store/open_store.hpp"
#include "throwaway_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

class NotificationStoreTest : public ThrowawayStoreTest {
protected:
    NotificationStoreTest() : ThrowawayStoreTest("escale_notification_store_") {}

    void seed() override {
        auto t = tx();
        Site s;
        s.name = "Site";
        site_ = *t->referential().insert(s);
        Resident r;
        r.site_id = site_;
        r.email = "alice@test.fr";
        r.display_name = "Alice";
        alice_ = *t->referential().insert(r);
        r.email = "bob@test.fr";
        r.display_name = "Bob";
        bob_ = *t->referential().insert(r);
        ASSERT_TRUE(t->commit());
    }
    static Instant at(int s) { return Instant{std::chrono::seconds{1'772'000'000 + s}}; }
    NotificationId note(Transaction& t, ResidentId r, int when, bool with_mail = true) {
        Notification n{0, r, site_, NotificationKind::booked_for_you, "Titre é", "Corps", "/semaine", at(when), std::nullopt};
        auto id = t.notifications().insert(n);
        EXPECT_TRUE(id) << id.error().message;
        if (with_mail) {
            OutboxMail m;
            m.notification_id = *id;
            m.site_id = site_;
            m.recipient = r == alice_ ? "alice@test.fr" : "bob@test.fr";
            m.subject = "Escale : Titre é";
            m.body = "Bonjour";
            m.created_at = at(when);
            m.next_attempt_at = at(when);
            EXPECT_TRUE(t.notifications().insert_mail(m));
        }
        return *id;
    }

    SiteId site_ = 0;
    ResidentId alice_ = 0, bob_ = 0;
};

TEST_P(NotificationStoreTest, PagesUnreadAndMarkRead) {
    std::vector<NotificationId> ids;
    {
        auto t = tx();
        for (int i = 0; i < 3; ++i) ids.push_back(note(*t, alice_, i));
        note(*t, bob_, 10);
        ASSERT_TRUE(t->commit());
    }
    auto t = tx();
    auto& n = t->notifications();
    auto page = *n.page_of(alice_, std::nullopt, 2);
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].id, ids[2]);
    EXPECT_EQ(page[1].id, ids[1]);
    EXPECT_EQ(page[0].title, "Titre é");
    EXPECT_EQ(page[0].kind, NotificationKind::booked_for_you);
    EXPECT_FALSE(page[0].read_at);
    EXPECT_EQ(n.page_of(alice_, ids[1], 10)->size(), 1u);
    EXPECT_EQ(*n.unread_count(alice_), 3);
    EXPECT_FALSE(*n.mark_read(bob_, ids[0], at(20)));  // not Bob's
    EXPECT_TRUE(*n.mark_read(alice_, ids[0], at(20)));
    EXPECT_TRUE(*n.mark_read(alice_, ids[0], at(30)));  // stays read at 20
    EXPECT_EQ(n.all_of(alice_)->front().read_at, at(20));
    EXPECT_EQ(*n.unread_count(alice_), 2);
    EXPECT_EQ(*n.mark_all_read(alice_, at(40)), 2);
    EXPECT_EQ(*n.unread_count(alice_), 0);
    EXPECT_EQ(*n.unread_count(bob_), 1);
    EXPECT_EQ(n.mails_of(alice_)->size(), 3u);
    // Retention: before at(2) goes, with its mails; forgetting Bob leaves nothing of his.
    EXPECT_EQ(*n.delete_before(site_, at(2)), 2);
    EXPECT_EQ(n.all_of(alice_)->size(), 1u);
    EXPECT_EQ(n.mails_of(alice_)->size(), 1u);
    EXPECT_EQ(*n.delete_of(bob_), 1);
    EXPECT_TRUE(n.all_of(bob_)->empty());
    EXPECT_TRUE(n.mails_of(bob_)->empty());
    ASSERT_TRUE(t->commit());
}

TEST_P(NotificationStoreTest, AClaimedMailIsNotClaimedAgainWhileItsLeaseHolds) {
    {
        auto t = tx();
        note(*t, alice_, 0);
        note(*t, bob_, 1);
        ASSERT_TRUE(t->commit());
    }
    auto claim = [&](const std::string& who, int now, int lease) {
        auto t = tx();
        auto got = t->notifications().claim_mails(at(now), at(now + lease), who, 10);
        EXPECT_TRUE(got) << got.error().message;
        EXPECT_TRUE(t->commit());
        return *got;
    };
    auto a = claim("a#1", 5, 300);
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].attempts, 1);
    EXPECT_EQ(a[0].subject, "Escale : Titre é");
    EXPECT_FALSE(*tx()->notifications().any_mail_due(at(6)));
    EXPECT_TRUE(claim("b#1", 6, 300).empty());  // leased to a
    {
        auto t = tx();
        EXPECT_TRUE(*t->notifications().mark_mail_sent(a[0].id, "a#1", at(7)));
        EXPECT_FALSE(*t->notifications().mark_mail_sent(a[0].id, "a#1", at(8)));  // once
        EXPECT_FALSE(*t->notifications().mark_mail_failed(a[1].id, "b#1", at(7), at(60), false, "x"));  // not b's
        EXPECT_TRUE(*t->notifications().mark_mail_failed(a[1].id, "a#1", at(7), at(60), false, "relais injoignable"));
        ASSERT_TRUE(t->commit());
    }
    EXPECT_TRUE(claim("b#2", 30, 300).empty());  // the retry is not due yet
    auto b = claim("b#3", 60, 300);
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].id, a[1].id);
    EXPECT_EQ(b[0].attempts, 2);
    EXPECT_EQ(b[0].last_error, "relais injoignable");
    // A claim whose server died expires: another claims the mail after the lease.
    EXPECT_TRUE(claim("c#1", 100, 300).empty());
    auto c = claim("c#2", 361, 300);
    ASSERT_EQ(c.size(), 1u);
    auto t = tx();
    EXPECT_FALSE(*t->notifications().mark_mail_sent(b[0].id, "b#3", at(362)));  // b lost its claim
    EXPECT_TRUE(*t->notifications().mark_mail_failed(c[0].id, "c#2", at(362), at(362), true, "refusé"));
    ASSERT_TRUE(t->commit());
    EXPECT_TRUE(claim("d#1", 10'000, 300).empty());  // given up
    EXPECT_EQ(tx()->notifications().mails_of(bob_)->front().failed_at, at(362));
}

TEST_P(NotificationStoreTest, ThreadsClaimingAtOnceNeverShareAMail) {
    constexpr int mails = 60, threads_n = 6;
    {
        auto t = tx();
        for (int i = 0; i < mails; ++i) note(*t, i % 2 ? alice_ : bob_, 0);
        ASSERT_TRUE(t->commit());
    }
    std::mutex m;
    std::multiset<OutboxMailId> claimed;
    std::vector<std::thread> threads;
    for (int i = 0; i < threads_n; ++i)
        threads.emplace_back([&, i] {
            for (int round = 0; round < 5; ++round) {
                auto t = tx();
                auto got = t->notifications().claim_mails(at(5), at(300), "t" + std::to_string(i) + "#" + std::to_string(round), 7);
                if (!got || !t->commit()) continue;
                std::lock_guard lock(m);
                for (auto& mail : *got) claimed.insert(mail.id);
            }
        });
    for (auto& th : threads) th.join();
    std::set<OutboxMailId> distinct(claimed.begin(), claimed.end());
    EXPECT_EQ(claimed.size(), distinct.size()) << "a mail was claimed twice";
    EXPECT_EQ(distinct.size(), static_cast<std::size_t>(mails));
}

INSTANTIATE_TEST_SUITE_P(Databases, NotificationStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
