// SPDX-License-Identifier: EUPL-1.2
// The rooms of the in-memory store of fake_store.hpp, compiled once for every use-case test.
#include "fake_store.hpp"

namespace escale::fake {
namespace {

template <class T>
Result<T> not_faked() {
    return fail(errors::internal("not faked"));
}

class Referential final : public ReferentialStore {
public:
    explicit Referential(State& s) : s_(s) {}
#define ESCALE_FAKE_CRUD(T)                                                                           \
    Result<std::vector<T>> list(Of<T>, std::optional<SiteId> site) override {                         \
        std::vector<T> out;                                                                          \
        for (auto& [id, v] : s_.table<T>())                                                          \
            if (!site || site_of(v) == *site) out.push_back(v);                                      \
        return out;                                                                                  \
    }                                                                                                \
    Result<std::optional<T>> find(Of<T>, Id id) override {                                           \
        auto it = s_.table<T>().find(id);                                                            \
        return it == s_.table<T>().end() ? std::optional<T>{} : std::optional<T>{it->second};       \
    }                                                                                                \
    Result<Id> insert(const T& v) override {                                                         \
        T copy = v;                                                                                  \
        copy.id = s_.next_id++;                                                                      \
        s_.table<T>()[copy.id] = copy;                                                               \
        ++s_.referential_version;                                                                    \
        return copy.id;                                                                              \
    }                                                                                                \
    Result<void> update(const T& v) override {                                                       \
        if (!s_.table<T>().count(v.id)) return fail(errors::not_found(masculine("élément")));               \
        s_.table<T>()[v.id] = v;                                                                     \
        ++s_.referential_version;                                                                    \
        return {};                                                                                   \
    }                                                                                                \
    Result<void> remove(Of<T>, Id id) override {                                                     \
        if (!s_.table<T>().erase(id)) return fail(errors::not_found(masculine("élément")));                 \
        ++s_.referential_version;                                                                    \
        return {};                                                                                   \
    }
    ESCALE_REFERENTIAL_ENTITIES(ESCALE_FAKE_CRUD)
#undef ESCALE_FAKE_CRUD

    Result<std::int64_t> version() override { return s_.referential_version; }
    Result<std::vector<Desk>> desks_on_floor(FloorId floor) override {
        std::vector<Desk> out;
        for (auto& [id, d] : s_.table<Desk>())
            if (d.floor_id == floor) out.push_back(d);
        return out;
    }
    Result<std::optional<Resident>> find_resident_by_email(const std::string& email) override {
        for (auto& [id, r] : s_.table<Resident>())
            if (r.email == email) return std::optional<Resident>{r};
        return std::optional<Resident>{};
    }
    Result<std::vector<RoleGrant>> role_grants_of(ResidentId r) override {
        std::vector<RoleGrant> out;
        for (auto& [id, g] : s_.table<RoleGrant>())
            if (g.resident_id == r) out.push_back(g);
        return out;
    }

private:
    static SiteId site_of(const Site& s) { return s.id; }
    template <class T>
    static SiteId site_of(const T& v) {
        return v.site_id;
    }
    State& s_;
};

class DeskBookings final : public DeskBookingStore {
public:
    explicit DeskBookings(State& s) : s_(s) {}

    Result<BookingId> insert(const DeskBooking& b) override {
        for (auto& o : s_.bookings) {
            if (!is_live(o.state) || o.date != b.date || o.half != b.half) continue;
            if (o.desk_id == b.desk_id) return fail(errors::slot_taken());
            if (o.resident_id == b.resident_id) return fail(errors::already_booked_that_slot());
        }
        s_.bookings.push_back(b);
        s_.bookings.back().id = static_cast<BookingId>(s_.bookings.size());
        return s_.bookings.back().id;
    }
    Result<std::optional<DeskBooking>> find(BookingId id) override {
        if (id < 1 || id > static_cast<BookingId>(s_.bookings.size())) return std::optional<DeskBooking>{};
        return std::optional<DeskBooking>{s_.bookings[static_cast<size_t>(id - 1)]};
    }
    Result<void> set_state(BookingId id, BookingState st, Instant) override {
        if (id < 1 || id > static_cast<BookingId>(s_.bookings.size())) return fail(errors::not_found(feminine("réservation")));
        s_.bookings[static_cast<size_t>(id - 1)].state = st;
        return {};
    }
    Result<std::vector<DeskBooking>> live_of(ResidentId r, Date from, Date to) override {
        std::vector<DeskBooking> out;
        for (auto& b : s_.bookings)
            if (b.resident_id == r && is_live(b.state) && from <= b.date && b.date <= to) out.push_back(b);
        return out;
    }
    Result<std::vector<DeskBooking>> all_of(ResidentId) override { return not_faked<std::vector<DeskBooking>>(); }
    Result<std::vector<HalfDayCount>> live_counts(SiteId, Date, Date) override {
        return not_faked<std::vector<HalfDayCount>>();
    }
    Result<std::vector<SlotHolder>> slot_holders(Date d, DeskId first, DeskId last) override {
        std::vector<SlotHolder> out;
        for (auto& b : s_.bookings)
            if (is_live(b.state) && b.date == d && first <= b.desk_id && b.desk_id <= last)
                out.push_back({b.desk_id, b.half, b.resident_id, b.state});
        std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.desk_id < b.desk_id; });
        return out;
    }
    Result<int> anonymize_before(SiteId, Date) override { return not_faked<int>(); }
    Result<int> anonymize_of(ResidentId) override { return not_faked<int>(); }
    // check-in and no-show release (issue 10, item 3)
    Result<std::vector<DeskBooking>> on_date_of(ResidentId r, Date d) override {
        std::vector<DeskBooking> out;
        for (auto& b : s_.bookings)
            if (b.resident_id == r && b.date == d) out.push_back(b);
        std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.half < b.half; });
        return out;
    }
    Result<bool> change_state(BookingId id, BookingState from, BookingState to, Instant) override {
        if (id < 1 || id > static_cast<BookingId>(s_.bookings.size())) return false;
        auto& b = s_.bookings[static_cast<size_t>(id - 1)];
        if (b.state != from) return false;
        if (is_live(to) && !is_live(from))
            for (auto& o : s_.bookings)
                if (&o != &b && is_live(o.state) && o.date == b.date && o.half == b.half && o.desk_id == b.desk_id)
                    return fail(errors::slot_taken());
        b.state = to;
        return true;
    }
    Result<std::vector<DeskBooking>> mark_no_shows(SiteId site, Date d, Half h, Instant booked_before, Instant) override {
        std::vector<DeskBooking> out;
        for (auto& b : s_.bookings)
            if (b.site_id == site && b.date == d && b.half == h && b.state == BookingState::reserved &&
                b.created_at < booked_before) {
                b.state = BookingState::no_show;
                out.push_back(b);
            }
        return out;
    }
    // fair-booking rules (issue 10, item 4)
    Result<void> hold_resident(ResidentId) override { return {}; }  // one thread: nothing to wait for

private:
    State& s_;
};

class Audit final : public AuditStore {
public:
    explicit Audit(State& s) : s_(s) {}
    Result<void> insert(const AuditEvent& e) override {
        s_.audit.push_back(e);
        return {};
    }
    Result<std::vector<AuditEvent>> events(const AuditQuery&) override { return not_faked<std::vector<AuditEvent>>(); }
    Result<int> delete_before(std::optional<SiteId>, Instant) override { return not_faked<int>(); }

private:
    State& s_;
};

// Local accounts: what login, sessions and passwords use. OpenID Connect is not faked.
class Identity final : public IdentityStore {
public:
    explicit Identity(State& s) : s_(s) {}

    Result<std::optional<std::string>> password_hash(ResidentId r) override {
        auto it = s_.password_hashes.find(r);
        return it == s_.password_hashes.end() ? std::optional<std::string>{} : std::optional<std::string>{it->second};
    }
    Result<void> set_password_hash(ResidentId r, const std::string& hash) override {
        s_.password_hashes[r] = hash;
        return {};
    }

    Result<void> insert_session(const Session& session) override {
        if (find(session.token_hash) != s_.sessions.end()) return fail(errors::already_exists(feminine("session")));
        s_.sessions.push_back(session);
        return {};
    }
    Result<std::optional<HeldBy<Session>>> find_session(const std::string& token_hash) override {
        auto it = find(token_hash);
        if (it == s_.sessions.end()) return std::optional<HeldBy<Session>>{};
        HeldBy<Session> held{*it, s_.table<Resident>().at(it->resident_id), {}};
        for (auto& [id, g] : s_.table<RoleGrant>())
            if (g.resident_id == it->resident_id) held.grants.push_back(g);
        return std::optional<HeldBy<Session>>{std::move(held)};
    }
    Result<void> touch_session(const std::string& token_hash, Instant at) override {
        if (auto it = find(token_hash); it != s_.sessions.end()) it->last_seen_at = at;
        return {};
    }
    Result<void> delete_session(const std::string& token_hash) override {
        std::erase_if(s_.sessions, [&](const Session& x) { return x.token_hash == token_hash; });
        return {};
    }
    Result<int> delete_expired_sessions(Instant, Instant) override { return not_faked<int>(); }
    Result<int> delete_sessions_of(ResidentId r) override {
        return static_cast<int>(std::erase_if(s_.sessions, [&](const Session& x) { return x.resident_id == r; }));
    }
    Result<int> delete_other_sessions_of(ResidentId r, const std::string& keep_token_hash) override {
        return static_cast<int>(std::erase_if(
            s_.sessions, [&](const Session& x) { return x.resident_id == r && x.token_hash != keep_token_hash; }));
    }
    Result<std::vector<Session>> sessions_of(ResidentId r) override {
        std::vector<Session> out;
        for (auto& x : s_.sessions)
            if (x.resident_id == r) out.push_back(x);
        return out;
    }

    Result<std::optional<LoginThrottle>> find_login_throttle(const std::string& key) override {
        auto it = s_.login_throttles.find(key);
        return it == s_.login_throttles.end() ? std::optional<LoginThrottle>{} : std::optional<LoginThrottle>{it->second};
    }
    Result<void> save_login_throttle(const LoginThrottle& t) override {
        s_.login_throttles[t.key] = t;
        return {};
    }
    Result<void> delete_login_throttle(const std::string& key) override {
        s_.login_throttles.erase(key);
        return {};
    }
    Result<int> delete_stale_login_throttles(Instant) override { return not_faked<int>(); }
    Result<void> delete_login_throttles_of_account(const std::string& account_key) override {
        std::erase_if(s_.login_throttles, [&](const auto& kv) {
            return kv.first == account_key || kv.first.rfind(account_key + " ", 0) == 0;
        });
        return {};
    }

    Result<ApiTokenId> insert_api_token(const ApiToken& t) override {
        s_.api_tokens.push_back(t);
        s_.api_tokens.back().id = s_.next_id++;
        return s_.api_tokens.back().id;
    }
    Result<std::optional<HeldBy<ApiToken>>> find_api_token(const std::string&) override {
        return not_faked<std::optional<HeldBy<ApiToken>>>();
    }
    Result<std::vector<ApiToken>> api_tokens_of(ResidentId r) override {
        std::vector<ApiToken> out;
        for (auto& t : s_.api_tokens)
            if (t.resident_id == r) out.push_back(t);
        return out;
    }
    Result<void> delete_api_token(ResidentId, ApiTokenId) override { return not_faked<void>(); }
    Result<void> delete_access_of(ResidentId) override { return not_faked<void>(); }

    Result<void> insert_oidc_pending_login(const OidcPendingLogin&) override { return not_faked<void>(); }
    Result<std::optional<OidcPendingLogin>> take_oidc_pending_login(const std::string&, Instant) override {
        return not_faked<std::optional<OidcPendingLogin>>();
    }
    Result<int> delete_expired_oidc_pending_logins(Instant) override { return not_faked<int>(); }
    Result<int> count_oidc_pending_logins() override { return not_faked<int>(); }
    Result<void> insert_oidc_session(const std::string&, const std::string&) override { return not_faked<void>(); }
    Result<std::optional<std::string>> oidc_session_id_token(const std::string&) override {
        return not_faked<std::optional<std::string>>();
    }

private:
    std::vector<Session>::iterator find(const std::string& token_hash) {
        return std::find_if(s_.sessions.begin(), s_.sessions.end(), [&](const Session& x) { return x.token_hash == token_hash; });
    }
    State& s_;
};

// collective spaces: space bookings, refusing an overlap of live ones as PostgreSQL does.
class SpaceBookings final : public SpaceBookingStore {
public:
    explicit SpaceBookings(State& s) : s_(s) {}

    Result<void> hold_space(SpaceId) override { return {}; }  // one thread: nothing to wait for

    Result<SpaceBookingId> insert(const SpaceBooking& b) override {
        for (auto& o : s_.space_bookings)
            if (is_live(o.state) && o.space_id == b.space_id && overlaps(o.start, o.end, b.start, b.end))
                return fail(errors::range_just_taken());
        s_.space_bookings.push_back(b);
        s_.space_bookings.back().id = static_cast<SpaceBookingId>(s_.space_bookings.size());
        return s_.space_bookings.back().id;
    }
    Result<std::optional<SpaceBooking>> find(SpaceBookingId id) override {
        if (id < 1 || id > static_cast<SpaceBookingId>(s_.space_bookings.size())) return std::optional<SpaceBooking>{};
        return std::optional<SpaceBooking>{s_.space_bookings[static_cast<size_t>(id - 1)]};
    }
    Result<void> set_state(SpaceBookingId id, BookingState st, Instant) override {
        if (id < 1 || id > static_cast<SpaceBookingId>(s_.space_bookings.size()))
            return fail(errors::not_found(feminine("réservation")));
        s_.space_bookings[static_cast<size_t>(id - 1)].state = st;
        return {};
    }
    Result<std::vector<SpaceBooking>> live_overlapping(SpaceId space, Instant start, Instant end) override {
        return live_where([&](const SpaceBooking& b) { return b.space_id == space && overlaps(b.start, b.end, start, end); });
    }
    Result<std::vector<SpaceId>> busy_spaces(SiteId site, Instant start, Instant end) override {
        std::vector<SpaceId> out;
        for (auto& b : live_where([&](const SpaceBooking& b) { return b.site_id == site && overlaps(b.start, b.end, start, end); }))
            out.push_back(b.space_id);
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }
    Result<std::vector<SpaceBooking>> live_of(ResidentId r, Instant from, Instant until) override {
        return live_where([&](const SpaceBooking& b) { return b.resident_id == r && overlaps(b.start, b.end, from, until); });
    }
    Result<std::vector<SpaceBooking>> all_of(ResidentId) override { return not_faked<std::vector<SpaceBooking>>(); }
    Result<int> anonymize_before(SiteId, Instant) override { return not_faked<int>(); }
    Result<int> anonymize_of(ResidentId) override { return not_faked<int>(); }
    Result<std::vector<SpaceBooking>> of_space(SiteId, SpaceId, Instant, Instant) override {
        return not_faked<std::vector<SpaceBooking>>();
    }

private:
    template <class P>
    std::vector<SpaceBooking> live_where(P keep) {
        std::vector<SpaceBooking> out;
        for (auto& b : s_.space_bookings)
            if (is_live(b.state) && keep(b)) out.push_back(b);
        std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.start < b.start; });
        return out;
    }
    State& s_;
};

// waitlist (issue 10, item 5): entries with the database's unique index on waiting ones.
class Waitlist final : public WaitlistStore {
public:
    explicit Waitlist(State& s) : s_(s) {}

    Result<WaitlistEntryId> insert(const WaitlistEntry& e) override {
        for (auto& o : s_.waitlist)
            if (o.state == WaitlistState::waiting && o.resident_id == e.resident_id && o.date == e.date && o.half == e.half)
                return fail(errors::already_waiting());
        s_.waitlist.push_back(e);
        s_.waitlist.back().id = static_cast<WaitlistEntryId>(s_.waitlist.size());
        return s_.waitlist.back().id;
    }
    Result<void> hold_slot(SiteId, Date, Half) override { return {}; }  // one thread: nothing to wait for
    Result<std::optional<WaitlistEntry>> find(WaitlistEntryId id) override {
        if (id < 1 || id > static_cast<WaitlistEntryId>(s_.waitlist.size())) return std::optional<WaitlistEntry>{};
        return std::optional<WaitlistEntry>{s_.waitlist[static_cast<size_t>(id - 1)]};
    }
    Result<std::vector<WaitlistEntry>> waiting_for(SiteId site, Date d, Half h) override {
        std::vector<WaitlistEntry> out;
        for (auto& e : s_.waitlist)
            if (e.state == WaitlistState::waiting && e.site_id == site && e.date == d && e.half == h) out.push_back(e);
        return out;
    }
    Result<std::vector<WaitlistEntry>> of(ResidentId r, std::optional<Date> from) override {
        std::vector<WaitlistEntry> out;
        for (auto& e : s_.waitlist)
            if (e.resident_id == r && (!from || e.date >= *from)) out.push_back(e);
        std::stable_sort(out.begin(), out.end(),
                         [](auto& a, auto& b) { return std::tie(a.date, a.half) < std::tie(b.date, b.half); });
        return out;
    }
    Result<bool> change_state(WaitlistEntryId id, WaitlistState from, WaitlistState to, Instant at,
                              std::optional<BookingId> booking) override {
        if (id < 1 || id > static_cast<WaitlistEntryId>(s_.waitlist.size())) return false;
        auto& e = s_.waitlist[static_cast<size_t>(id - 1)];
        if (e.state != from) return false;
        e.state = to;
        e.state_changed_at = at;
        if (booking) e.booking_id = booking;
        return true;
    }
    Result<int> delete_before(SiteId, Date) override { return not_faked<int>(); }
    Result<int> delete_of(ResidentId) override { return not_faked<int>(); }

private:
    State& s_;
};
// lockers: assignments with the database's two unique indexes on live ones.
class CalendarFeeds final : public CalendarFeedStore {
public:
    explicit CalendarFeeds(State& s) : s_(s) {}
    Result<std::optional<CalendarFeed>> of_resident(ResidentId r) override {
        auto it = s_.calendar_feeds.find(r);
        return it == s_.calendar_feeds.end() ? std::nullopt : std::optional(it->second);
    }
    Result<std::optional<CalendarFeed>> find(const std::string& token) override {
        for (auto& [r, f] : s_.calendar_feeds)
            if (f.token == token) return std::optional(f);
        return std::optional<CalendarFeed>();
    }
    Result<void> insert(const CalendarFeed& f) override {
        if (!s_.calendar_feeds.emplace(f.resident_id, f).second)
            return fail(errors::already_exists(masculine("abonnement d'agenda")));
        return {};
    }
    Result<void> remove(ResidentId r) override {
        s_.calendar_feeds.erase(r);
        return {};
    }
    Result<std::optional<SpaceCalendarFeed>> of_space(SpaceId s) override {
        auto it = s_.space_calendar_feeds.find(s);
        return it == s_.space_calendar_feeds.end() ? std::nullopt : std::optional(it->second);
    }
    Result<std::optional<SpaceCalendarFeed>> find_space_feed(const std::string& token) override {
        for (auto& [s, f] : s_.space_calendar_feeds)
            if (f.token == token) return std::optional(f);
        return std::optional<SpaceCalendarFeed>();
    }
    Result<void> insert(const SpaceCalendarFeed& f) override {
        if (!s_.space_calendar_feeds.emplace(f.space_id, f).second)
            return fail(errors::already_exists(masculine("abonnement d'agenda")));
        return {};
    }
    Result<void> remove_space_feed(SpaceId s) override {
        s_.space_calendar_feeds.erase(s);
        return {};
    }

private:
    State& s_;
};

class LockerAssignments final : public LockerAssignmentStore {
public:
    explicit LockerAssignments(State& s) : s_(s) {}
    Result<LockerAssignmentId> insert(const LockerAssignment& a) override {
        for (auto& o : s_.locker_assignments) {
            if (!o.live()) continue;
            if (o.locker_id == a.locker_id) return fail(errors::locker_taken());
            if (o.resident_id == a.resident_id) return fail(errors::already_holds_locker(false));
        }
        s_.locker_assignments.push_back(a);
        auto& stored = s_.locker_assignments.back();
        stored.id = static_cast<LockerAssignmentId>(s_.locker_assignments.size());
        stored.released_at.reset();
        stored.released_by.reset();
        return stored.id;
    }
    Result<std::optional<LockerAssignment>> find(LockerAssignmentId id) override {
        if (id < 1 || id > static_cast<Id>(s_.locker_assignments.size())) return std::optional<LockerAssignment>{};
        return std::optional<LockerAssignment>{s_.locker_assignments[static_cast<size_t>(id - 1)]};
    }
    Result<std::optional<LockerAssignment>> live_of_resident(ResidentId r) override {
        return first([&](const LockerAssignment& a) { return a.live() && a.resident_id == r; });
    }
    Result<std::optional<LockerAssignment>> live_of_locker(LockerId l) override {
        return first([&](const LockerAssignment& a) { return a.live() && a.locker_id == l; });
    }
    Result<std::vector<LockerAssignment>> live_on_site(SiteId site) override {
        std::vector<LockerAssignment> out;
        for (auto& a : s_.locker_assignments)
            if (a.live() && a.site_id == site) out.push_back(a);
        std::sort(out.begin(), out.end(), [](auto& x, auto& y) { return x.locker_id < y.locker_id; });
        return out;
    }
    Result<std::vector<Locker>> free_lockers(SiteId site) override {
        std::vector<Locker> out;
        for (auto& [id, l] : s_.table<Locker>()) {
            if (l.site_id != site) continue;
            if (*live_of_locker(id)) continue;
            out.push_back(l);
        }
        return out;
    }
    Result<void> release(LockerAssignmentId id, Instant at, std::optional<ResidentId> by) override {
        if (id < 1 || id > static_cast<Id>(s_.locker_assignments.size()) ||
            !s_.locker_assignments[static_cast<size_t>(id - 1)].live())
            return fail(errors::not_found(feminine("attribution de casier")));
        auto& a = s_.locker_assignments[static_cast<size_t>(id - 1)];
        a.released_at = at;
        a.released_by = by;
        return {};
    }
    Result<std::vector<LockerAssignment>> all_of(ResidentId r) override {
        std::vector<LockerAssignment> out;
        for (auto& a : s_.locker_assignments)
            if (a.resident_id == r) out.push_back(a);
        return out;
    }
    Result<int> delete_history_of_locker(LockerId l) override {
        return static_cast<int>(std::erase_if(s_.locker_assignments,
                                              [&](const LockerAssignment& a) { return !a.live() && a.locker_id == l; }));
    }
    Result<int> anonymize_of(ResidentId r) override {
        int n = 0;
        for (auto& a : s_.locker_assignments) {
            if (!a.live() && a.resident_id == r) {
                a.resident_id.reset();
                ++n;
            }
            if (a.assigned_by == r) a.assigned_by.reset();
            if (a.released_by == r) a.released_by.reset();
        }
        return n;
    }
    Result<int> anonymize_released_before(SiteId, Instant) override { return not_faked<int>(); }

private:
    template <class P>
    std::optional<LockerAssignment> first(P p) {
        for (auto& a : s_.locker_assignments)
            if (p(a)) return a;
        return std::nullopt;
    }
    State& s_;
};

// notifications: the in-app notifications and the outbox, one claimer at a time.
// occupancy analytics (issue 13, item 1): only the refusals a booking notes; reads are not faked.
class Analytics final : public AnalyticsStore {
public:
    explicit Analytics(State& s) : s_(s) {}
    Result<void> desk_usage(SiteId, Date, Date, const std::function<void(const DeskUsageCount&)>&) override {
        return not_faked<void>();
    }
    Result<void> space_usage(SiteId, Date, Date, const std::function<void(const SpaceUsageDay&)>&) override {
        return not_faked<void>();
    }
    Result<std::vector<SpaceUsageDay>> space_service_usage(SiteId, Date, Date) override {
        return not_faked<std::vector<SpaceUsageDay>>();
    }
    Result<std::vector<TurnedAwayCount>> turned_away(SiteId, Date, Date) override {
        return not_faked<std::vector<TurnedAwayCount>>();
    }
    Result<void> note_refusals(SiteId, Date, Half, int n) override {
        s_.refusals += n;
        return {};
    }
    Result<FlashCountId> insert_flash_count(const FlashCount&) override { return not_faked<FlashCountId>(); }
    Result<std::vector<FlashCount>> flash_counts(SiteId, Date, Date) override { return not_faked<std::vector<FlashCount>>(); }
    Result<SettledDays> settled_days(SiteId) override { return not_faked<SettledDays>(); }
    Result<void> settle_days_before(SiteId, Date) override { return not_faked<void>(); }

private:
    State& s_;
};

class Notifications final : public NotificationStore {
public:
    explicit Notifications(State& s) : s_(s) {}
    Result<NotificationId> insert(const Notification& n) override {
        s_.notifications.push_back(n);
        s_.notifications.back().id = static_cast<NotificationId>(s_.notifications.size());
        return s_.notifications.back().id;
    }
    Result<std::vector<Notification>> page_of(ResidentId r, std::optional<NotificationId> before, int limit) override {
        std::vector<Notification> out;
        for (auto it = s_.notifications.rbegin(); it != s_.notifications.rend() && static_cast<int>(out.size()) < limit; ++it)
            if (it->resident_id == r && (!before || it->id < *before)) out.push_back(*it);
        return out;
    }
    Result<int> unread_count(ResidentId r) override {
        return static_cast<int>(std::count_if(s_.notifications.begin(), s_.notifications.end(),
                                              [&](auto& n) { return n.resident_id == r && !n.read_at; }));
    }
    Result<bool> mark_read(ResidentId r, NotificationId id, Instant at) override {
        for (auto& n : s_.notifications)
            if (n.id == id && n.resident_id == r) {
                if (!n.read_at) n.read_at = at;
                return true;
            }
        return false;
    }
    Result<int> mark_all_read(ResidentId r, Instant at) override {
        int k = 0;
        for (auto& n : s_.notifications)
            if (n.resident_id == r && !n.read_at) {
                n.read_at = at;
                ++k;
            }
        return k;
    }
    Result<std::vector<Notification>> all_of(ResidentId) override { return not_faked<std::vector<Notification>>(); }
    Result<std::vector<OutboxMail>> mails_of(ResidentId) override { return not_faked<std::vector<OutboxMail>>(); }
    Result<int> delete_of(ResidentId) override { return not_faked<int>(); }
    Result<int> delete_before(SiteId, Instant) override { return not_faked<int>(); }
    Result<OutboxMailId> insert_mail(const OutboxMail& m) override {
        s_.mails.push_back(m);
        s_.mails.back().id = static_cast<OutboxMailId>(s_.mails.size());
        return s_.mails.back().id;
    }
    Result<bool> any_mail_due(Instant now) override {
        for (auto& m : s_.mails)
            if (!m.sent_at && !m.failed_at && m.next_attempt_at <= now && s_.mail_claims[m.id].second <= now) return true;
        return false;
    }
    Result<std::vector<OutboxMail>> claim_mails(Instant now, Instant lease_until, const std::string& claimer,
                                                int limit) override {
        std::vector<OutboxMail> out;
        for (auto& m : s_.mails) {
            if (static_cast<int>(out.size()) >= limit) break;
            auto& claim = s_.mail_claims[m.id];
            if (m.sent_at || m.failed_at || m.next_attempt_at > now || claim.second > now) continue;
            claim = {claimer, lease_until};
            ++m.attempts;
            out.push_back(m);
        }
        return out;
    }
    Result<bool> mark_mail_sent(OutboxMailId id, const std::string& claimer, Instant at) override {
        auto& m = s_.mails.at(static_cast<size_t>(id - 1));
        if (s_.mail_claims[id].first != claimer || m.sent_at) return false;
        m.sent_at = at;
        s_.mail_claims[id].second = Instant{};
        return true;
    }
    Result<bool> mark_mail_failed(OutboxMailId id, const std::string& claimer, Instant at, Instant next, bool give_up,
                                  const std::string& error) override {
        auto& m = s_.mails.at(static_cast<size_t>(id - 1));
        if (s_.mail_claims[id].first != claimer || m.sent_at) return false;
        m.next_attempt_at = next;
        if (give_up) m.failed_at = at;
        m.last_error = error;
        s_.mail_claims[id].second = Instant{};
        return true;
    }

private:
    State& s_;
};

// planning engine (issue 12): the days on site read from the fake's bookings, saved scenarios.
class Planning final : public PlanningStore {
public:
    explicit Planning(State& s) : s_(s) {}
    Result<std::vector<OnSiteDay>> on_site_days(SiteId site, Date from, Date to) override {
        std::vector<OnSiteDay> out;
        for (auto& b : s_.bookings)
            if (b.site_id == site && b.date >= from && b.date <= to && b.resident_id != 0 &&
                (b.state == BookingState::reserved || b.state == BookingState::checked_in ||
                 b.state == BookingState::released))
                out.push_back({b.resident_id, b.date});
        std::sort(out.begin(), out.end(), [](auto& a, auto& b) {
            return std::tie(a.resident_id, a.date) < std::tie(b.resident_id, b.date);
        });
        out.erase(std::unique(out.begin(), out.end(),
                              [](auto& a, auto& b) { return a.resident_id == b.resident_id && a.date == b.date; }),
                  out.end());
        return out;
    }
    Result<ScenarioId> insert_scenario(const SavedScenario& s) override {
        s_.scenarios.push_back(s);
        s_.scenarios.back().id = static_cast<ScenarioId>(s_.scenarios.size());
        return s_.scenarios.back().id;
    }
    Result<std::vector<SavedScenario>> scenarios_of(SiteId site) override {
        std::vector<SavedScenario> out;
        for (auto it = s_.scenarios.rbegin(); it != s_.scenarios.rend(); ++it)
            if (it->id != 0 && it->site_id == site) out.push_back(*it);
        return out;
    }
    Result<std::optional<SavedScenario>> find_scenario(ScenarioId id) override {
        for (auto& s : s_.scenarios)
            if (s.id == id && id != 0) return std::optional(s);
        return std::optional<SavedScenario>{};
    }
    Result<bool> delete_scenario(ScenarioId id) override {
        for (auto& s : s_.scenarios)
            if (s.id == id && id != 0) {
                s.id = 0;
                return true;
            }
        return false;
    }
    Result<void> forget_author(ResidentId r) override {
        for (auto& s : s_.scenarios)
            if (s.author_id == r) s.author_id.reset();
        return {};
    }

private:
    State& s_;
};

// surveys (issue 13, item 5): participations apart from the ballot box and kept answers.
class Surveys final : public SurveyStore {
public:
    explicit Surveys(State& s) : s_(s) {}
    Result<SurveyId> insert(const Survey& v) override {
        s_.surveys.push_back(v);
        auto& made = s_.surveys.back();
        made.id = static_cast<SurveyId>(s_.surveys.size());
        for (auto& q : made.questions) q.id = s_.next_id++;
        return made.id;
    }
    Result<std::optional<Survey>> find(SurveyId id) override {
        auto* v = at(id);
        return v ? std::optional(*v) : std::nullopt;
    }
    Result<std::vector<Survey>> of_site(SiteId site) override {
        std::vector<Survey> out;
        for (auto& v : s_.surveys)
            if (v.id != 0 && v.site_id == site) out.push_back(v);
        std::sort(out.begin(), out.end(), [](auto& a, auto& b) {
            return std::tuple(date::sys_days{b.opens_on}, b.id) < std::tuple(date::sys_days{a.opens_on}, a.id);
        });
        return out;
    }
    Result<std::vector<Survey>> open_to(ServiceId service, Date today) override {
        std::vector<Survey> out;
        for (auto& v : s_.surveys)
            if (v.id != 0 && survey_open_on(v, today) &&
                std::find(v.service_ids.begin(), v.service_ids.end(), service) != v.service_ids.end())
                out.push_back(v);
        return out;
    }
    Result<int> remove(SurveyId id) override {
        auto* v = at(id);
        if (!v) return 0;
        v->id = 0;
        std::erase_if(s_.participations, [&](auto& p) { return p.first == id; });
        s_.ballot_boxes.erase(id);
        s_.kept_answers.erase(id);
        return 1;
    }
    Result<void> hold(SurveyId) override { return {}; }  // single-threaded
    Result<void> add_participation(SurveyId id, ResidentId r) override {
        if (!s_.participations.emplace(id, r).second) return fail(errors::already_answered());
        return {};
    }
    Result<bool> participated(SurveyId id, ResidentId r) override { return s_.participations.count({id, r}) > 0; }
    Result<int> participant_count(SurveyId id) override {
        return static_cast<int>(std::count_if(s_.participations.begin(), s_.participations.end(),
                                              [&](auto& p) { return p.first == id; }));
    }
    Result<int> participant_count(SurveyId id, ServiceId service) override {
        int n = 0;
        for (auto& [survey, r] : s_.participations) {
            auto it = s_.table<Resident>().find(r);
            n += survey == id && it != s_.table<Resident>().end() && it->second.service_id == service;
        }
        return n;
    }
    Result<std::vector<SurveyId>> participations_of(ResidentId r) override {
        std::vector<SurveyId> out;
        for (auto& [survey, who] : s_.participations)
            if (who == r) out.push_back(survey);
        return out;
    }
    Result<int> forget_participations_of(ResidentId r) override {
        return static_cast<int>(std::erase_if(s_.participations, [&](auto& p) { return p.second == r; }));
    }
    Result<int> forget_participations_before(SiteId site, Date before) override {
        return static_cast<int>(std::erase_if(s_.participations, [&](auto& p) {
            auto* v = at(p.first);
            return v && v->site_id == site && v->closes_on < before;
        }));
    }
    Result<std::vector<BoxedAnswer>> box(SurveyId id) override { return s_.ballot_boxes[id]; }
    Result<void> refill_box(SurveyId id, const std::vector<BoxedAnswer>& answers) override {
        // each sheet under a new number, as the database does
        std::map<Id, Id> renumbered;
        auto& box = s_.ballot_boxes[id];
        box.clear();
        for (auto a : answers) {
            auto [it, fresh] = renumbered.try_emplace(a.ballot, s_.next_ballot);
            if (fresh) ++s_.next_ballot;
            a.ballot = it->second;
            box.push_back(a);
        }
        return {};
    }
    Result<void> keep_answers(SurveyId id, const std::vector<AnswerRow>& answers) override {
        auto& kept = s_.kept_answers[id];
        kept.insert(kept.end(), answers.begin(), answers.end());
        return {};
    }
    Result<std::vector<AnswerRow>> answers(SurveyId id) override { return s_.kept_answers[id]; }
    Result<std::vector<SurveyId>> closed_with_box(SiteId site, Date today) override {
        std::vector<SurveyId> out;
        for (auto& v : s_.surveys)
            if (v.id != 0 && v.site_id == site && v.closes_on < today && !s_.ballot_boxes[v.id].empty()) out.push_back(v.id);
        return out;
    }

private:
    Survey* at(SurveyId id) {
        if (id < 1 || id > static_cast<SurveyId>(s_.surveys.size()) || s_.surveys[static_cast<size_t>(id - 1)].id == 0)
            return nullptr;
        return &s_.surveys[static_cast<size_t>(id - 1)];
    }
    State& s_;
};

// remontées (issue 13, item 6): one support per resident and remontée.
class Remontees final : public RemonteeStore {
public:
    explicit Remontees(State& s) : s_(s) {}
    Result<RemonteeId> insert(const Remontee& r) override {
        s_.remontees.push_back(r);
        s_.remontees.back().id = static_cast<RemonteeId>(s_.remontees.size());
        return s_.remontees.back().id;
    }
    Result<std::optional<Remontee>> find(RemonteeId id) override {
        auto* r = at(id);
        return r ? std::optional(*r) : std::nullopt;
    }
    Result<std::vector<Remontee>> of_site(SiteId site, std::optional<RemonteeTheme> theme) override {
        std::vector<Remontee> out;
        for (auto it = s_.remontees.rbegin(); it != s_.remontees.rend(); ++it)
            if (it->id != 0 && it->site_id == site && (!theme || it->theme == *theme)) out.push_back(*it);
        return out;
    }
    Result<std::vector<Remontee>> signed_by(ResidentId r) override {
        std::vector<Remontee> out;
        for (auto& v : s_.remontees)
            if (v.id != 0 && v.author_id == r) out.push_back(v);
        return out;
    }
    Result<bool> update_text(RemonteeId id, const std::string& title, const std::string& body) override {
        auto* r = at(id);
        if (!r) return false;
        r->title = title;
        r->body = body;
        return true;
    }
    Result<bool> answer(RemonteeId id, RemonteeStatus status, const std::string& answer, std::optional<ResidentId> by,
                        Instant at_) override {
        auto* r = at(id);
        if (!r) return false;
        r->status = status;
        r->answer = answer;
        r->answered_by = by;
        r->answered_at = at_;
        return true;
    }
    Result<int> remove(RemonteeId id) override {
        auto* r = at(id);
        if (!r) return 0;
        r->id = 0;
        std::erase_if(s_.supports, [&](auto& p) { return p.first == id; });
        return 1;
    }
    Result<void> add_support(RemonteeId id, ResidentId r) override {
        if (!s_.supports.emplace(id, r).second) return fail(errors::already_supported());
        return {};
    }
    Result<int> remove_support(RemonteeId id, ResidentId r) override { return static_cast<int>(s_.supports.erase({id, r})); }
    Result<std::vector<std::pair<RemonteeId, int>>> support_counts(SiteId site) override {
        std::map<RemonteeId, int> n = s_.forgotten_supports;
        for (auto& [id, r] : s_.supports) ++n[id];
        std::vector<std::pair<RemonteeId, int>> out;
        for (auto& [id, count] : n)
            if (auto* v = at(id); v && v->site_id == site && count > 0) out.emplace_back(id, count);
        return out;
    }
    Result<std::vector<RemonteeId>> supported_by(ResidentId r) override {
        std::vector<RemonteeId> out;
        for (auto& [id, who] : s_.supports)
            if (who == r) out.push_back(id);
        return out;
    }
    Result<std::vector<RemonteeFact>> facts(SiteId site) override {
        std::vector<RemonteeFact> out;
        for (auto& v : s_.remontees)
            if (v.id != 0 && v.site_id == site) out.push_back({v.theme, v.service_id});
        return out;
    }
    Result<int> forget(ResidentId r) override {
        for (auto& [id, who] : s_.supports)
            if (who == r) ++s_.forgotten_supports[id];
        std::erase_if(s_.supports, [&](auto& p) { return p.second == r; });
        int n = 0;
        for (auto& v : s_.remontees) {
            if (v.answered_by == r) v.answered_by.reset();
            if (v.author_id == r) {
                v.author_id.reset();
                v.created_at = date::floor<date::days>(v.created_at);
                ++n;
            }
        }
        return n;
    }
    Result<int> forget_authors_before(SiteId site, Instant before) override {
        int n = 0;
        for (auto& v : s_.remontees)
            if (v.id != 0 && v.site_id == site && v.created_at < before && (v.author_id || v.answered_by)) {
                v.author_id.reset();
                v.answered_by.reset();
                v.created_at = date::floor<date::days>(v.created_at);
                ++n;
            }
        return n;
    }
    Result<int> forget_supports_before(SiteId site, Instant before) override {
        return static_cast<int>(std::erase_if(s_.supports, [&](auto& p) {
            auto* v = at(p.first);
            if (!v || v->site_id != site || !(v->created_at < before)) return false;
            ++s_.forgotten_supports[p.first];
            return true;
        }));
    }

private:
    Remontee* at(RemonteeId id) {
        if (id < 1 || id > static_cast<RemonteeId>(s_.remontees.size()) || s_.remontees[static_cast<size_t>(id - 1)].id == 0)
            return nullptr;
        return &s_.remontees[static_cast<size_t>(id - 1)];
    }
    State& s_;
};

// Works on a copy of the store's state; commit() publishes it.
class Transaction final : public escale::Transaction {
public:
    Transaction(State& committed, int& commits) : committed_(committed), commits_(commits), working_(committed) {}
    Result<void> commit() override {
        committed_ = working_;
        ++commits_;
        return {};
    }
    ReferentialStore& referential() override { return referential_; }
    DeskBookingStore& bookings() override { return bookings_; }
    AuditStore& audit() override { return audit_; }
    IdentityStore& identity() override { return identity_; }
    JobStore& jobs() override { return unfaked<JobStore>("jobs"); }
    LockerAssignmentStore& lockers() override { return lockers_; }
    SpaceBookingStore& space_bookings() override { return space_bookings_; }  // collective spaces
    CalendarFeedStore& calendar_feeds() override { return calendar_feeds_; }
    PresenceStore& presence() override { return unfaked<PresenceStore>("presence"); }  // presence planning
    WaitlistStore& waitlist() override { return waitlist_; }  // waitlist (issue 10, item 5)
    NotificationStore& notifications() override { return notifications_; }  // notifications
    PlanningStore& planning() override { return planning_; }  // planning engine (issue 12)
    AnalyticsStore& analytics() override { return analytics_; }  // occupancy analytics
    // surveys and remontées (issue 13, items 5 and 6)
    SurveyStore& surveys() override { return surveys_; }
    RemonteeStore& remontees() override { return remontees_; }

private:
    State& committed_;
    int& commits_;
    State working_;
    Referential referential_{working_};
    DeskBookings bookings_{working_};
    Audit audit_{working_};
    Identity identity_{working_};
    LockerAssignments lockers_{working_};
    SpaceBookings space_bookings_{working_};  // collective spaces
    CalendarFeeds calendar_feeds_{working_};
    Waitlist waitlist_{working_};  // waitlist (issue 10, item 5)
    Notifications notifications_{working_};   // notifications
    Planning planning_{working_};  // planning engine (issue 12)
    Analytics analytics_{working_};           // occupancy analytics
    Surveys surveys_{working_};               // surveys and remontées (issue 13, items 5 and 6)
    Remontees remontees_{working_};
};

}  // namespace

Result<std::unique_ptr<escale::Transaction>> Store::begin(TxMode) {
    return std::unique_ptr<escale::Transaction>(std::make_unique<Transaction>(state, commits));
}

}  // namespace escale::fake
