// SPDX-License-Identifier: EUPL-1.2
// Notifications (app/notifications.hpp, app/mail_outbox.hpp, app/mail_message.hpp) against the
// in-memory store of fake_store.hpp: who is told what (on-behalf booking and cancellation, the
// no-show release, the waitlist promotion the waitlist will call), the outbox row written in the
// change's own transaction only when mail is on, reading and marking read, and the outbox
// drain with a fake relay: sent once, retried with backoff after an outage, given up on refusal.
// No database, no socket.
#include <gtest/gtest.h>

#include "app/check_in.hpp"
#include "app/desk_booking.hpp"
#include "app/mail_message.hpp"
#include "app/mail_outbox.hpp"
#include "app/notifications.hpp"
#include "app/transaction.hpp"
#include "core/errors.hpp"
#include "fake_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

// Monday 2 March 2026 in Paris (UTC+1).
Instant paris(int h, int m = 0) { return date::sys_days{2026_y / 3 / 2} + std::chrono::hours{h - 1} + std::chrono::minutes{m}; }
const Date monday = 2026_y / 3 / 2;
const Date tuesday = 2026_y / 3 / 3;

// A relay that records what it is given, or fails as told.
class FakeRelay final : public app::MailSender {
public:
    Result<void> send(const std::string& from, const std::string& to, const std::string& message) override {
        ++calls;
        if (down) return fail(errors::mail_relay_unavailable("connexion refusée"));
        if (refuse) return fail(errors::mail_refused("550"));
        sent.push_back({from, to, message});
        return {};
    }
    struct Sent {
        std::string from, to, message;
    };
    std::vector<Sent> sent;
    bool down = false, refuse = false;
    int calls = 0;
};

class NotificationsTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto tx = *store.begin(TxMode::write);
        auto& ref = tx->referential();
        Site s;
        s.name = "Préfecture";
        s.check_in_enabled = true;
        site = *ref.insert(s);
        floor = *ref.insert(Floor{0, site, "Niveau 1", 1, ""});
        sgar = *ref.insert(Service{0, site, "SGAR", "Secrétariat général pour les affaires régionales"});
        desk = *ref.insert(Desk{0, site, floor, std::nullopt, "P1"});
        desk2 = *ref.insert(Desk{0, site, floor, std::nullopt, "P2"});
        alice = fake::add_resident(ref, site, sgar, "alice", Role::agent);
        bob = fake::add_resident(ref, site, sgar, "bob", Role::agent);
        gestionnaire = fake::add_resident(ref, site, sgar, "gestion", Role::gestionnaire);
        ASSERT_TRUE(tx->commit());
    }

    app::Context ctx() {
        app::Context c{store, clock};
        c.notifications = &settings;
        return c;
    }
    static app::Actor actor(const Resident& r) { return app::Actor::of(r, {}); }
    std::vector<DeskBooking> book(const Resident& by, const Resident& holder, DeskId d, Date date, app::Period p) {
        std::optional<ResidentId> for_resident;
        if (holder.id != by.id) for_resident = holder.id;
        auto made = app::book_desk(ctx(), actor(by), {d, date, p, for_resident});
        EXPECT_TRUE(made) << made.error().message;
        return made ? *made : std::vector<DeskBooking>{};
    }

    fake::Store store;
    ManualClock clock{paris(7)};
    app::NotificationSettings settings{"https://escale.gouv.fr/", true};
    SiteId site = 0;
    FloorId floor = 0;
    ServiceId sgar = 0;
    DeskId desk = 0, desk2 = 0;
    Resident alice, bob, gestionnaire;
};

TEST_F(NotificationsTest, BookingForSomeoneTellsThemInTheAppAndByMail) {
    book(alice, alice, desk2, Date{2026_y / 3 / 4}, app::Period::am);  // one's own booking tells nothing
    EXPECT_TRUE(store.state.notifications.empty());
    book(gestionnaire, alice, desk, tuesday, app::Period::day);
    ASSERT_EQ(store.state.notifications.size(), 1u);  // one for the whole day
    const auto& n = store.state.notifications[0];
    EXPECT_EQ(n.resident_id, alice.id);
    EXPECT_EQ(n.kind, NotificationKind::booked_for_you);
    EXPECT_EQ(n.title, "Un poste a été réservé pour vous");
    EXPECT_EQ(n.body, "gestion a réservé pour vous le poste P1 le mardi 3 mars 2026, la journée.");
    EXPECT_EQ(n.link, "/semaine?date=2026-03-03");
    ASSERT_EQ(store.state.mails.size(), 1u);
    const auto& m = store.state.mails[0];
    EXPECT_EQ(m.recipient, "alice@pilote.test");
    EXPECT_EQ(m.subject, "Escale : Un poste a été réservé pour vous");
    EXPECT_NE(m.body.find("Bonjour alice,"), std::string::npos);
    EXPECT_NE(m.body.find("https://escale.gouv.fr/semaine?date=2026-03-03"), std::string::npos) << m.body;
    EXPECT_EQ(m.notification_id, n.id);
}

TEST_F(NotificationsTest, CancellingSomeonesBookingTellsThem) {
    auto made = book(alice, alice, desk, tuesday, app::Period::pm);
    ASSERT_TRUE(app::cancel_desk_booking(ctx(), actor(gestionnaire), made[0].id));
    ASSERT_EQ(store.state.notifications.size(), 1u);
    EXPECT_EQ(store.state.notifications[0].kind, NotificationKind::cancelled_for_you);
    EXPECT_EQ(store.state.notifications[0].body,
              "gestion a annulé votre réservation du poste P1 le mardi 3 mars 2026, l'après-midi.");
    // One's own cancellation tells nothing.
    auto mine = book(bob, bob, desk2, tuesday, app::Period::pm);
    ASSERT_TRUE(app::cancel_desk_booking(ctx(), actor(bob), mine[0].id));
    EXPECT_EQ(store.state.notifications.size(), 1u);
}

TEST_F(NotificationsTest, NoMailWithoutARelayAndNoneWhenTheChangeFails) {
    settings.send_mail = false;
    book(gestionnaire, alice, desk, tuesday, app::Period::am);
    EXPECT_EQ(store.state.notifications.size(), 1u);
    EXPECT_TRUE(store.state.mails.empty());
    // A refused booking (the slot is taken) writes no notification: same transaction.
    auto refused = app::book_desk(ctx(), actor(gestionnaire), {desk, tuesday, app::Period::am, bob.id});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "slot_taken");
    EXPECT_EQ(store.state.notifications.size(), 1u);
}

TEST_F(NotificationsTest, TheReleaseJobTellsEachHolder) {
    book(alice, alice, desk, monday, app::Period::am);
    book(bob, bob, desk2, monday, app::Period::am);
    clock.set(paris(9, 30));
    ASSERT_TRUE(app::check_in_booking(ctx(), actor(bob), 2));
    clock.set(paris(10, 1));
    ASSERT_EQ(*app::release_no_shows(ctx()), 1);
    ASSERT_EQ(store.state.notifications.size(), 1u);  // Bob checked in: not released, not told
    const auto& n = store.state.notifications[0];
    EXPECT_EQ(n.resident_id, alice.id);
    EXPECT_EQ(n.kind, NotificationKind::no_show_released);
    EXPECT_NE(n.body.find("avant 10:00"), std::string::npos) << n.body;
    EXPECT_NE(n.body.find("lundi 2 mars 2026, le matin"), std::string::npos) << n.body;
}

TEST_F(NotificationsTest, WaitlistPromotionIsWrittenInTheCallersTransaction) {
    // What the waitlist does: book for the first waiter and tell them, in one transaction.
    auto made = app::in_transaction(ctx(), TxMode::write, [&](Transaction& tx) -> Result<DeskBooking> {
        DeskBooking b{0, site, desk, alice.id, tuesday, Half::pm, BookingState::reserved, clock.now(), alice.id, sgar};
        ESCALE_TRY(b.id, tx.bookings().insert(b));
        ESCALE_TRY_VOID(app::notify_waitlist_promoted(tx, ctx(), b));
        return b;
    });
    ASSERT_TRUE(made) << made.error().message;
    ASSERT_EQ(store.state.notifications.size(), 1u);
    EXPECT_EQ(store.state.notifications[0].kind, NotificationKind::waitlist_promoted);
    EXPECT_EQ(store.state.notifications[0].body,
              "Un poste s'est libéré : le poste P1 vous est réservé le mardi 3 mars 2026, l'après-midi, depuis la "
              "liste d'attente.");
    EXPECT_EQ(store.state.mails.size(), 1u);
    // Rolled back with the transaction that called it.
    auto rolled = app::in_transaction(ctx(), TxMode::write, [&](Transaction& tx) -> Result<void> {
        DeskBooking b{0, site, desk2, bob.id, tuesday, Half::pm, BookingState::reserved, clock.now(), bob.id, sgar};
        ESCALE_TRY(b.id, tx.bookings().insert(b));
        ESCALE_TRY_VOID(app::notify_waitlist_promoted(tx, ctx(), b));
        return fail(errors::slot_taken());
    });
    ASSERT_FALSE(rolled);
    EXPECT_EQ(store.state.notifications.size(), 1u);
    EXPECT_EQ(store.state.mails.size(), 1u);
}

TEST_F(NotificationsTest, ReadPagesAndMarkRead) {
    for (Date d : {tuesday, Date{2026_y / 3 / 4}, Date{2026_y / 3 / 5}})
        book(gestionnaire, alice, desk, d, app::Period::am);
    auto page = app::my_notifications(ctx(), actor(alice), std::nullopt, 2);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->items.size(), 2u);
    EXPECT_GT(page->items[0].id, page->items[1].id);  // newest first
    EXPECT_EQ(page->unread, 3);
    ASSERT_TRUE(page->next_before);
    auto rest = app::my_notifications(ctx(), actor(alice), page->next_before, 2);
    ASSERT_EQ(rest->items.size(), 1u);
    EXPECT_FALSE(rest->next_before);
    EXPECT_EQ(app::my_notifications(ctx(), actor(alice), std::nullopt, 0).error().code, "invalid_field");
    EXPECT_EQ(app::my_notifications(ctx(), actor(alice), std::nullopt, 101).error().code, "invalid_field");

    // Someone else's: not found, nothing changed.
    EXPECT_EQ(app::mark_notification_read(ctx(), actor(bob), page->items[0].id).error().code, "not_found");
    EXPECT_EQ(app::my_notifications(ctx(), actor(alice), std::nullopt, 10)->unread, 3);
    ASSERT_TRUE(app::mark_notification_read(ctx(), actor(alice), page->items[0].id));
    EXPECT_EQ(app::my_notifications(ctx(), actor(alice), std::nullopt, 10)->unread, 2);
    EXPECT_EQ(*app::mark_all_notifications_read(ctx(), actor(alice)), 2);
    EXPECT_EQ(app::my_notifications(ctx(), actor(alice), std::nullopt, 10)->unread, 0);
    EXPECT_TRUE(app::my_notifications(ctx(), actor(bob), std::nullopt, 10)->items.empty());
}

TEST_F(NotificationsTest, TheOutboxSendsOnceRetriesAfterAnOutageAndGivesUpOnRefusal) {
    book(gestionnaire, alice, desk, tuesday, app::Period::am);
    book(gestionnaire, bob, desk2, tuesday, app::Period::am);
    FakeRelay relay;
    app::MailOutboxSettings outbox{.from = "escale@prefecture.gouv.fr", .retry_after = std::chrono::seconds(30)};

    // Outage: one attempt reaches the relay, the other mail waits without trying.
    relay.down = true;
    auto pass = app::send_due_mails(ctx(), relay, outbox, "a");
    ASSERT_TRUE(pass) << pass.error().message;
    EXPECT_EQ(pass->failed, 2);
    EXPECT_EQ(relay.calls, 1);
    // Back, but not yet due: nothing is sent before the retry time.
    relay.down = false;
    EXPECT_EQ(app::send_due_mails(ctx(), relay, outbox, "a")->sent, 0);
    clock.set(clock.now() + std::chrono::seconds(30));
    EXPECT_EQ(app::send_due_mails(ctx(), relay, outbox, "a")->sent, 2);
    EXPECT_EQ(app::send_due_mails(ctx(), relay, outbox, "b")->sent, 0);  // sent once
    ASSERT_EQ(relay.sent.size(), 2u);
    EXPECT_EQ(relay.sent[0].to, "alice@pilote.test");
    EXPECT_NE(relay.sent[0].message.find("Message-ID: <escale.1."), std::string::npos);
    EXPECT_NE(relay.sent[0].message.find("Subject: =?UTF-8?B?"), std::string::npos);

    // Refused every time: given up after max_attempts.
    book(gestionnaire, alice, desk, Date{2026_y / 3 / 4}, app::Period::am);
    relay.refuse = true;
    outbox.max_attempts = 3;
    for (int i = 0; i < 5; ++i) {
        (void)app::send_due_mails(ctx(), relay, outbox, "a");
        clock.set(clock.now() + std::chrono::hours(2));
    }
    EXPECT_EQ(store.state.mails[2].attempts, 3);
    EXPECT_TRUE(store.state.mails[2].failed_at);
    EXPECT_EQ(store.state.mails[2].last_error.rfind("Le relais de messagerie a refusé", 0), 0u);
}

TEST(MailRetryDelay, DoublesUpToTheCap) {
    app::MailOutboxSettings s{.retry_after = std::chrono::seconds(30), .max_retry_delay = std::chrono::seconds(3600)};
    EXPECT_EQ(app::mail_retry_delay(s, 1).count(), 30);
    EXPECT_EQ(app::mail_retry_delay(s, 2).count(), 60);
    EXPECT_EQ(app::mail_retry_delay(s, 4).count(), 240);
    EXPECT_EQ(app::mail_retry_delay(s, 30).count(), 3600);
}

TEST(MailMessage, HeadersAreEncodedAndInjectionIsImpossible) {
    app::MailMessage m{"escale@prefecture.gouv.fr", "alice@prefecture.gouv.fr",
                       "Escale : Votre réservation d'espace a été annulée — une très longue ligne d'objet en français",
                       "Bonjour,\nLigne deux.\n", Instant{std::chrono::seconds{1772438400}}, "escale.7.1@prefecture.gouv.fr"};
    auto text = app::render_mail(m);
    ASSERT_TRUE(text) << text.error().message;
    EXPECT_NE(text->find("Date: Mon, 02 Mar 2026 08:00:00 +0000\r\n"), std::string::npos) << *text;
    EXPECT_NE(text->find("Message-ID: <escale.7.1@prefecture.gouv.fr>\r\n"), std::string::npos);
    EXPECT_NE(text->find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
    EXPECT_NE(text->find("MIME-Version: 1.0\r\n"), std::string::npos);
    // Every header line fits in 78 characters; the subject is split over encoded words.
    auto head = text->substr(0, text->find("\r\n\r\n"));
    std::size_t start = 0;
    while (start < head.size()) {
        auto end = head.find("\r\n", start);
        if (end == std::string::npos) end = head.size();
        EXPECT_LE(end - start, 78u) << head.substr(start, end - start);
        start = end + 2;
    }
    EXPECT_NE(head.find("\r\n =?UTF-8?B?"), std::string::npos);
    // "Bonjour,\r\nLigne deux.\r\n" in base64.
    EXPECT_NE(text->find("Qm9uam91ciwNCkxpZ25lIGRldXguDQo=\r\n"), std::string::npos) << *text;

    m.to = "alice@prefecture.gouv.fr\r\nBcc: tous@gouv.fr";
    EXPECT_EQ(app::render_mail(m).error().code, "invalid_field");
    EXPECT_FALSE(app::plain_mail_address("alice <a@b.fr>"));
    EXPECT_FALSE(app::plain_mail_address("sans-arobase"));
    EXPECT_TRUE(app::plain_mail_address("prenom.nom@interieur.gouv.fr"));
    EXPECT_EQ(app::encode_header_words("Escale"), "Escale");
}

}  // namespace
