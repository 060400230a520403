// SPDX-License-Identifier: EUPL-1.2
#include "app/identity/auth.hpp"

#include "app/identity/passwords.hpp"
#include "app/transaction.hpp"
#include "core/errors.hpp"
#include "core/login_throttle.hpp"
#include "core/validation.hpp"

namespace escale::app {
namespace {
// Verified against when the account does not exist, so timing does not reveal it.
const std::string& decoy_hash() {
    static const std::string h = hash_password("escale-decoy-password").value_or("");
    return h;
}

Result<void> insert_session(Transaction& tx, const Session& s, std::string_view previous_token) {
    if (!previous_token.empty()) ESCALE_TRY_VOID(tx.identity().delete_session(token_hash(previous_token)));
    return tx.identity().insert_session(s);
}

struct ThrottleKey {
    std::string key;
    int free_failures;
};

// The account at this address first, then the address alone (core/login_throttle.hpp).
std::vector<ThrottleKey> throttle_keys(std::string_view email, std::string_view address) {
    std::vector<ThrottleKey> keys{{account_key(normalize_email(email), address), account_free_failures}};
    if (!address.empty()) keys.push_back({address_key(address), address_free_failures});
    return keys;
}
}  // namespace

Result<OpenedSession> open_session(Context ctx, ResidentId r, std::string_view previous_token) {
    Instant now = ctx.clock.now();
    OpenedSession out{random_token(), now + session_lifetime};
    Session s{token_hash(out.token), r, now, out.expires_at, now};
    ESCALE_TRY_VOID(in_transaction(ctx, TxMode::write, [&](Transaction& tx) { return insert_session(tx, s, previous_token); }));
    return out;
}

Result<Resident> check_password(Context ctx, std::string_view email, std::string_view password,
                                std::string_view client_address, const AfterPasswordCheck& on_success) {
    auto keys = throttle_keys(email, client_address);
    const ThrottleKey& account = keys.front();
    Instant now = ctx.clock.now();
    struct Found {
        std::optional<Resident> resident;
        std::optional<std::string> hash;
        std::chrono::seconds wait{0};
    };
    // The attempt counts as a failure on every key before the password is checked (a
    // success then clears or forgives it): requests racing in parallel each meet the count
    // of the ones before them, so a lock holds however many arrive at once.
    ESCALE_TRY(auto found, in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<Found> {
        Found f;
        std::vector<LoginThrottle> records;
        for (auto& k : keys) {
            ESCALE_TRY(auto t, tx.identity().find_login_throttle(k.key));
            if (t) f.wait = std::max(f.wait, throttle_wait(*t, now));
            records.push_back(t.value_or(LoginThrottle{k.key}));
        }
        if (f.wait.count() > 0) return f;
        for (std::size_t i = 0; i < keys.size(); ++i)
            ESCALE_TRY_VOID(tx.identity().save_login_throttle(after_failure(records[i], now, keys[i].free_failures)));
        ESCALE_TRY(f.resident, tx.referential().find_resident_by_email(normalize_email(email)));
        if (f.resident) {
            ESCALE_TRY(f.hash, tx.identity().password_hash(f.resident->id));
        }
        return f;
    }));
    if (found.wait.count() > 0) return fail(errors::too_many_attempts(found.wait));

    // The slow hash runs outside any transaction.
    bool usable = found.resident && found.resident->active && found.hash;
    bool ok = verify_password(usable ? *found.hash : decoy_hash(), password);
    if (!usable || !ok) return fail(errors::bad_credentials());

    ESCALE_TRY_VOID(in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        ESCALE_TRY_VOID(tx.identity().delete_login_throttle(account.key));
        for (auto& k : keys) {
            if (&k == &account) continue;
            ESCALE_TRY(auto t, tx.identity().find_login_throttle(k.key));
            if (t) ESCALE_TRY_VOID(tx.identity().save_login_throttle(forgiven(*t, k.free_failures)));
        }
        return on_success(tx, *found.resident);
    }));
    return *found.resident;
}

Result<LoginResult> login(Context ctx, std::string_view email, std::string_view password,
                          std::string_view client_address, std::string_view previous_token) {
    Instant now = ctx.clock.now();
    LoginResult out{random_token(), {}, now + session_lifetime};
    ESCALE_TRY(out.resident, check_password(ctx, email, password, client_address, [&](Transaction& tx, const Resident& r) {
                   return insert_session(tx, Session{token_hash(out.token), r.id, now, out.expires_at, now}, previous_token);
               }));
    return out;
}

Result<void> logout(Context ctx, std::string_view token) {
    return in_transaction(ctx, TxMode::write,
                          [&](Transaction& tx) { return tx.identity().delete_session(token_hash(token)); });
}

Result<Actor> authenticate(Context ctx, std::string_view token) {
    if (token.empty() || token.size() > 128) return fail(errors::unauthenticated());
    Instant now = ctx.clock.now();
    bool touch = false;
    ESCALE_TRY(auto actor, in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<Actor> {
        Resident resident;
        std::vector<RoleGrant> grants;
        std::optional<ApiToken> api_token;
        if (token.starts_with(api_token_prefix)) {
            ESCALE_TRY(auto found, tx.identity().find_api_token(token_hash(token)));
            if (!found || (found->credential.expires_at && *found->credential.expires_at <= now))
                return fail(errors::unauthenticated());
            resident = std::move(found->resident);
            grants = std::move(found->grants);
            api_token = std::move(found->credential);
        } else {
            ESCALE_TRY(auto found, tx.identity().find_session(token_hash(token)));
            if (!found) return fail(errors::unauthenticated());
            const Session& s = found->credential;
            if (s.expires_at <= now || s.last_seen_at + session_idle_timeout <= now) return fail(errors::session_expired());
            touch = now - s.last_seen_at >= session_touch_interval;
            resident = std::move(found->resident);
            grants = std::move(found->grants);
        }
        if (!resident.active) return fail(errors::unauthenticated());
        auto a = Actor::of(std::move(resident), grants);
        a.api_token = std::move(api_token);
        return a;
    }));
    if (touch) {
        // Keeps the session from going idle; a failure here must not refuse the request.
        (void)in_transaction(ctx, TxMode::write, [&](Transaction& tx) { return tx.identity().touch_session(token_hash(token), now); });
    }
    return actor;
}

std::string csrf_token_for(std::string_view session_token) {
    return token_hash("escale-csrf:" + std::string(session_token));
}

bool csrf_token_matches(std::string_view session_token, std::string_view presented) {
    return same_secret(presented, csrf_token_for(session_token));
}

}  // namespace escale::app
