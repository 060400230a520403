// The persistence boundary. A Store hands out transactions; everything above it (app,
// http, cli) speaks only these types, so a PostgreSQL implementation can sit beside the
// SQLite one without touching the rest. No SQL dialect leaks through this header.
//
// A Store is safe for concurrent use from many threads. A Transaction belongs to the one
// thread that began it; destroying it without commit() rolls it back. Every method
// returns an Error (never throws): kind unavailable/internal for database failures,
// conflict/rule_violation for constraint violations, as documented per method. After a
// call has failed, the transaction is fit only to be rolled back (PostgreSQL aborts it).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/api_token.hpp"
#include "core/audit_event.hpp"
#include "core/closure.hpp"
#include "core/desk.hpp"
#include "core/desk_booking.hpp"
#include "core/error.hpp"
#include "core/floor.hpp"
#include "core/locker.hpp"
#include "core/login_throttle.hpp"
#include "core/half_day_count.hpp"
#include "core/oidc_pending_login.hpp"
#include "core/resident.hpp"
#include "core/role_grant.hpp"
#include "core/service.hpp"
#include "core/site.hpp"
#include "core/space.hpp"
#include "core/zone.hpp"

namespace escale {

// Tag selecting an overload by entity type: tx.list(Of<Desk>{}, site).
template <class T>
struct Of {};

// The referential entities, each with the same generic create/read/update/delete calls.
#define ESCALE_REFERENTIAL_ENTITIES(X) \
    X(Site) X(Floor) X(Zone) X(Service) X(Resident) X(Desk) X(Space) X(Locker) X(Closure) \
    X(RoleGrant)

// A logged-in session. Only a hash of the token is stored.
struct Session {
    std::string token_hash;
    ResidentId resident_id = 0;
    Instant created_at;
    Instant expires_at;    // absolute end
    Instant last_seen_at;  // for the idle end; refreshed at most once a minute
};

// A credential found by its hash, with the resident it belongs to.
template <class Credential>
struct HeldBy {
    Credential credential;
    Resident resident;
};

// The holder of one live desk slot.
struct SlotHolder {
    DeskId desk_id = 0;
    Half half = Half::am;
    ResidentId resident_id = 0;
};

enum class TxMode {
    read,   // a consistent snapshot; no writes
    write,  // serialised with other writers from the start (no upgrade deadlocks)
};

class Transaction {
public:
    virtual ~Transaction() = default;
    virtual Result<void> commit() = 0;

    // Referential CRUD. list() filters by site when one is given. insert() ignores the
    // id it is given and returns the new one; it fails with "already_exists" (conflict)
    // on a duplicate natural key and "unknown_reference" on a missing parent. update()
    // and remove() fail with "not_found"; remove() with "in_use" when still referenced.
#define ESCALE_DECLARE_CRUD(T)                                                        \
    virtual Result<std::vector<T>> list(Of<T>, std::optional<SiteId> site) = 0;     \
    virtual Result<std::optional<T>> find(Of<T>, Id id) = 0;                        \
    virtual Result<Id> insert(const T& value) = 0;                                  \
    virtual Result<void> update(const T& value) = 0;                                \
    virtual Result<void> remove(Of<T>, Id id) = 0;
    ESCALE_REFERENTIAL_ENTITIES(ESCALE_DECLARE_CRUD)
#undef ESCALE_DECLARE_CRUD

    // A number that changes whenever anything in the referential is created, updated or
    // deleted, by any process: what was derived from an older number may be stale.
    virtual Result<std::int64_t> referential_version() = 0;

    virtual Result<std::vector<Desk>> desks_on_floor(FloorId floor) = 0;
    virtual Result<std::optional<Resident>> find_resident_by_email(const std::string& email) = 0;
    // The roles granted to resident r on any site, by id.
    virtual Result<std::vector<RoleGrant>> role_grants_of(ResidentId r) = 0;

    // Local-account credentials (argon2id encoded hashes).
    virtual Result<std::optional<std::string>> password_hash(ResidentId r) = 0;
    virtual Result<void> set_password_hash(ResidentId r, const std::string& hash) = 0;

    // Sessions.
    virtual Result<void> insert_session(const Session& s) = 0;
    // The session with this token hash and its resident, expired or not.
    virtual Result<std::optional<HeldBy<Session>>> find_session(const std::string& token_hash) = 0;
    virtual Result<void> touch_session(const std::string& token_hash, Instant at) = 0;
    virtual Result<void> delete_session(const std::string& token_hash) = 0;
    // Deletes the sessions that ended at or before `now`, or were last seen at or before
    // `idle_since`; returns how many.
    virtual Result<int> delete_expired_sessions(Instant now, Instant idle_since) = 0;
    // Ends every session of resident r (deactivation, removal).
    virtual Result<void> delete_sessions_of(ResidentId r) = 0;

    // Login throttling (core/login_throttle.hpp), one record per key. In a write
    // transaction, find_login_throttle first waits for and holds, until the transaction
    // ends, the key's lock: two servers updating one key's record cannot lose an update.
    virtual Result<std::optional<LoginThrottle>> find_login_throttle(const std::string& key) = 0;
    // Inserts or replaces the record of t.key.
    virtual Result<void> save_login_throttle(const LoginThrottle& t) = 0;
    virtual Result<void> delete_login_throttle(const std::string& key) = 0;
    // Deletes the records neither locked nor failed since `before`; returns how many.
    virtual Result<int> delete_stale_login_throttles(Instant before) = 0;

    // API tokens. insert returns the new id.
    virtual Result<ApiTokenId> insert_api_token(const ApiToken& t) = 0;
    virtual Result<std::optional<HeldBy<ApiToken>>> find_api_token(const std::string& token_hash) = 0;
    // A resident's tokens, by id.
    virtual Result<std::vector<ApiToken>> api_tokens_of(ResidentId r) = 0;
    // Fails with "not_found" when resident r has no token `id`.
    virtual Result<void> delete_api_token(ResidentId r, ApiTokenId id) = 0;

    // Periodic jobs. If job `name` is due at `now` (or has never run), claims its due run
    // for `instance` and schedules the next one at the first due + k × interval after now
    // (missed runs fold into this one). Returns the claimed due instant, or nullopt when
    // the job is not due or another process claimed it first: however many processes call
    // this at once, a due run is claimed once.
    virtual Result<std::optional<Instant>> claim_job(const std::string& name, Instant now,
                                                     std::chrono::seconds interval,
                                                     const std::string& instance) = 0;

    // The audit log.
    virtual Result<void> insert_audit_event(const AuditEvent& e) = 0;
    // The events matching q, newest first.
    virtual Result<std::vector<AuditEvent>> audit_events(const AuditQuery& q) = 0;
    // Deletes the events of site `site` (none: of no site) that happened before `before`;
    // returns how many.
    virtual Result<int> delete_audit_events_before(std::optional<SiteId> site, Instant before) = 0;

    // Desk bookings. insert fails with "slot_taken" (conflict) when the desk slot has a
    // live booking, "already_booked_that_slot" (rule_violation) when the resident has one
    // on another desk: the database enforces both, whatever races.
    virtual Result<BookingId> insert_desk_booking(const DeskBooking& b) = 0;
    virtual Result<std::optional<DeskBooking>> find_desk_booking(BookingId id) = 0;
    virtual Result<void> set_desk_booking_state(BookingId id, BookingState s, Instant at) = 0;
    // A resident's bookings with from <= date <= to, live ones only, by date then half.
    virtual Result<std::vector<DeskBooking>> live_desk_bookings_of(ResidentId r, Date from,
                                                                   Date to) = 0;
    // Every booking of resident r, in any state, by date.
    virtual Result<std::vector<DeskBooking>> desk_bookings_of(ResidentId r) = 0;
    // Live bookings of site `site` with from <= date <= to, counted by date, half and service.
    virtual Result<std::vector<HalfDayCount>> live_booking_counts(SiteId site, Date from, Date to) = 0;

    // Personal data (RGPD). Anonymising a booking forgets who held and who made it, and keeps
    // the rest (site, desk, date, half, state, service) for statistics; each returns how many
    // rows changed (for a resident: how many of their own bookings).
    virtual Result<int> anonymize_desk_bookings_before(SiteId site, Date before) = 0;
    virtual Result<int> anonymize_desk_bookings_of(ResidentId r) = 0;
    // The sessions of resident r, oldest first.
    virtual Result<std::vector<Session>> sessions_of(ResidentId r) = 0;
    // Deletes what lets r log in or act: local password, sessions, API tokens, role grants.
    virtual Result<void> delete_access_of(ResidentId r) = 0;

    // Who holds the desk slots of date d (live bookings only) for the desks whose ids are
    // in [first_desk, last_desk], by desk id. A floor's desks usually have neighbouring ids,
    // so this reads little more than the floor; the caller drops desks it does not show.
    virtual Result<std::vector<SlotHolder>> slot_holders(Date d, DeskId first_desk, DeskId last_desk) = 0;

    // ---- OpenID Connect login ----
    // A login in progress; fails with "already_exists" on a duplicate state hash.
    virtual Result<void> insert_oidc_pending_login(const OidcPendingLogin& p) = 0;
    // Removes the pending login of this state hash and returns it if it had not expired at
    // `now`; nullopt when there is none (unknown, expired or already taken). However many
    // transactions call this at once for one state, at most one gets it.
    virtual Result<std::optional<OidcPendingLogin>> take_oidc_pending_login(const std::string& state_hash,
                                                                            Instant now) = 0;
    // Deletes the pending logins that expired at or before `now`; returns how many.
    virtual Result<int> delete_expired_oidc_pending_logins(Instant now) = 0;
    // How many pending logins are stored.
    virtual Result<int> count_oidc_pending_logins() = 0;
    // Records the ID token that opened the session of this token hash (the id_token_hint of
    // the provider's logout). It goes when the session is deleted.
    virtual Result<void> insert_oidc_session(const std::string& token_hash, const std::string& id_token) = 0;
    // The ID token of an OpenID Connect session; nullopt for a local-account session.
    virtual Result<std::optional<std::string>> oidc_session_id_token(const std::string& token_hash) = 0;
};

class Store {
public:
    virtual ~Store() = default;
    virtual Result<std::unique_ptr<Transaction>> begin(TxMode mode) = 0;
    // Cheap round trip to the database, for readiness probes.
    virtual Result<void> ping() = 0;
};

}  // namespace escale
