// SPDX-License-Identifier: EUPL-1.2
// Identity inside a transaction: local-account credentials, sessions, login throttling, API
// tokens and OpenID Connect logins — everything that lets a person log in or act. Part of a
// Transaction (store/store.hpp): it belongs to the transaction's thread and shares its
// error rules. Only hashes of secrets (session tokens, API tokens, OIDC states) are stored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/api_token.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/login_throttle.hpp"
#include "core/oidc_pending_login.hpp"
#include "core/resident.hpp"
#include "core/role_grant.hpp"

namespace escale {

// A logged-in session. Only a hash of the token is stored.
struct Session {
    std::string token_hash;
    ResidentId resident_id = 0;
    Instant created_at;
    Instant expires_at;    // absolute end
    Instant last_seen_at;  // for the idle end; refreshed at most once a minute
};

// A credential found by its hash, with the resident it belongs to and their role grants (read
// in the same statement: authentication is one round trip to the database).
template <class Credential>
struct HeldBy {
    Credential credential;
    Resident resident;
    std::vector<RoleGrant> grants;
};

class IdentityStore {
public:
    virtual ~IdentityStore() = default;

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
    virtual Result<int> delete_sessions_of(ResidentId r) = 0;  // returns how many ended
    // Ends every session of resident r but the one of `keep_token_hash` (a change of
    // password keeps the session it was made in); returns how many ended.
    virtual Result<int> delete_other_sessions_of(ResidentId r, const std::string& keep_token_hash) = 0;
    // The sessions of resident r, oldest first.
    virtual Result<std::vector<Session>> sessions_of(ResidentId r) = 0;

    // Login throttling (core/login_throttle.hpp), one record per key. In a write
    // transaction, find_login_throttle first waits for and holds, until the transaction
    // ends, the key's lock: two servers updating one key's record cannot lose an update.
    virtual Result<std::optional<LoginThrottle>> find_login_throttle(const std::string& key) = 0;
    // Inserts or replaces the record of t.key.
    virtual Result<void> save_login_throttle(const LoginThrottle& t) = 0;
    virtual Result<void> delete_login_throttle(const std::string& key) = 0;
    // Deletes the records neither locked nor failed since `before`; returns how many.
    virtual Result<int> delete_stale_login_throttles(Instant before) = 0;
    // Hardening (issue 14): deletes the records of an account ("compte:<email>"), at every
    // address ("compte:<email> <ip>", core/login_throttle.hpp).
    virtual Result<void> delete_login_throttles_of_account(const std::string& account_key) = 0;

    // API tokens. insert returns the new id.
    virtual Result<ApiTokenId> insert_api_token(const ApiToken& t) = 0;
    virtual Result<std::optional<HeldBy<ApiToken>>> find_api_token(const std::string& token_hash) = 0;
    // A resident's tokens, by id.
    virtual Result<std::vector<ApiToken>> api_tokens_of(ResidentId r) = 0;
    // Fails with "not_found" when resident r has no token `id`.
    virtual Result<void> delete_api_token(ResidentId r, ApiTokenId id) = 0;

    // Deletes what lets r log in or act: local password, sessions, API tokens, role grants.
    virtual Result<void> delete_access_of(ResidentId r) = 0;

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

}  // namespace escale
