// SPDX-License-Identifier: EUPL-1.2
// Identity's SQL: credentials, sessions, login throttles, API tokens and OpenID Connect
// logins. A session or token is found with its resident and their role grants in one statement.
#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

constexpr int resident_columns = member_count<Resident>();

Session read_session(const Row& r) {
    Session s;
    read_columns(r, 0, s.token_hash, s.resident_id, s.created_at, s.expires_at, s.last_seen_at);
    return s;
}

// id, name, read_only, created_at, expires_at from column `first` on.
ApiToken read_api_token(const Row& r, int first) {
    ApiToken t;
    read_columns(r, first, t.id, t.name, t.read_only, t.created_at, t.expires_at);
    return t;
}

OidcPendingLogin read_pending_login(const Row& r) {
    OidcPendingLogin p;
    read_columns(r, 0, p.state_hash, p.nonce, p.code_verifier, p.return_to, p.created_at, p.expires_at);
    return p;
}

std::string read_text(const Row& r) { return std::string(r.text(0)); }

// A credential's statement joins the resident's grants (LEFT JOIN role_grants g, its columns
// last): a row per grant, or one row of nulls. `read` reads a row's credential and resident.
template <class Credential, class Read>
Result<std::optional<HeldBy<Credential>>> held_with_grants(Connection& c, const std::string& sql, const Params& p,
                                                           int grant_column, Read read) {
    std::optional<HeldBy<Credential>> out;
    auto take = [&](const Row& r) {
        if (!out) out = read(r);
        if (!r.is_null(grant_column)) out->grants.push_back(read_described<RoleGrant>(r, grant_column));
    };
    ESCALE_TRY_VOID(each_row(c, sql, p, [](const Row& r) -> const Row& { return r; }, take));
    return out;
}

class SqlIdentity final : public IdentityStore {
public:
    explicit SqlIdentity(Connection& c) : c_(c) {}

    Result<std::optional<std::string>> password_hash(ResidentId r) override {
        return first_row(c_, "SELECT password_hash FROM credentials WHERE resident_id = $1", params(r), read_text);
    }

    Result<void> set_password_hash(ResidentId r, const std::string& hash) override {
        return command("INSERT INTO credentials (resident_id, password_hash) VALUES ($1, $2) "
                       "ON CONFLICT (resident_id) DO UPDATE SET password_hash = excluded.password_hash",
                       params(r, hash), masculine("compte"));
    }

    // ---- sessions ----
    Result<void> insert_session(const Session& s) override {
        return command("INSERT INTO sessions (token_hash, resident_id, created_at, expires_at, last_seen_at) "
                       "VALUES ($1, $2, $3, $4, $5)",
                       params(s.token_hash, s.resident_id, s.created_at, s.expires_at, s.last_seen_at), feminine("session"));
    }

    Result<std::optional<HeldBy<Session>>> find_session(const std::string& token_hash) override {
        static const std::string sql = fmt::format(
            "SELECT {}, s.token_hash, s.resident_id, s.created_at, s.expires_at, s.last_seen_at, {} FROM sessions s "
            "JOIN residents r ON r.id = s.resident_id LEFT JOIN role_grants g ON g.resident_id = r.id "
            "WHERE s.token_hash = $1 ORDER BY g.id",
            prefixed_columns<Resident>("r."), prefixed_columns<RoleGrant>("g."));
        return held_with_grants<Session>(c_, sql, params(token_hash), resident_columns + 5, [](const Row& r) {
            HeldBy<Session> out{{}, read_described<Resident>(r), {}};
            read_columns(r, resident_columns, out.credential.token_hash, out.credential.resident_id,
                         out.credential.created_at, out.credential.expires_at, out.credential.last_seen_at);
            return out;
        });
    }

    Result<void> touch_session(const std::string& token_hash, Instant at) override {
        return command("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", params(at, token_hash));
    }

    Result<void> delete_session(const std::string& token_hash) override {
        return command("DELETE FROM sessions WHERE token_hash = $1", params(token_hash));
    }

    Result<int> delete_expired_sessions(Instant now, Instant idle_since) override {
        return execute(c_, "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2", params(now, idle_since));
    }

    Result<int> delete_sessions_of(ResidentId r) override {
        return execute(c_, "DELETE FROM sessions WHERE resident_id = $1", params(r));
    }

    Result<int> delete_other_sessions_of(ResidentId r, const std::string& keep_token_hash) override {
        return execute(c_, "DELETE FROM sessions WHERE resident_id = $1 AND token_hash <> $2", params(r, keep_token_hash));
    }

    Result<std::vector<Session>> sessions_of(ResidentId r) override {
        return rows(c_,
                    "SELECT token_hash, resident_id, created_at, expires_at, last_seen_at FROM sessions "
                    "WHERE resident_id = $1 ORDER BY created_at",
                    params(r), read_session);
    }

    // ---- login throttling ----
    Result<std::optional<LoginThrottle>> find_login_throttle(const std::string& key) override {
        ESCALE_TRY_VOID(c_.lock("escale-login:" + key));
        return first_row(c_, "SELECT key, failures, locked_until, last_failure FROM login_throttles WHERE key = $1",
                         params(key), [](const Row& r) {
                             LoginThrottle t;
                             read_columns(r, 0, t.key, t.failures, t.locked_until, t.last_failure);
                             return t;
                         });
    }

    Result<void> save_login_throttle(const LoginThrottle& t) override {
        return command("INSERT INTO login_throttles (key, failures, locked_until, last_failure) VALUES ($1, $2, $3, $4) "
                       "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
                       "locked_until = excluded.locked_until, last_failure = excluded.last_failure",
                       params(t.key, t.failures, t.locked_until, t.last_failure));
    }

    Result<void> delete_login_throttle(const std::string& key) override {
        return command("DELETE FROM login_throttles WHERE key = $1", params(key));
    }

    Result<void> delete_login_throttles_of_account(const std::string& account_key) override {
        return command("DELETE FROM login_throttles WHERE key = $1 OR substr(key, 1, length($1) + 1) = $1 || ' '",
                       params(account_key));
    }

    Result<int> delete_stale_login_throttles(Instant before) override {
        return execute(c_, "DELETE FROM login_throttles WHERE locked_until <= $1 AND last_failure <= $1", params(before));
    }

    // ---- API tokens ----
    Result<ApiTokenId> insert_api_token(const ApiToken& t) override {
        return c_.insert("INSERT INTO api_tokens (resident_id, name, token_hash, read_only, created_at, expires_at) "
                         "VALUES ($1, $2, $3, $4, $5, $6)",
                         params(t.resident_id, t.name, t.token_hash, t.read_only, t.created_at, t.expires_at),
                         Meaning{.label = masculine("jeton")});
    }

    Result<std::optional<HeldBy<ApiToken>>> find_api_token(const std::string& token_hash) override {
        static const std::string sql = fmt::format(
            "SELECT {}, t.id, t.name, t.read_only, t.created_at, t.expires_at, {} FROM api_tokens t "
            "JOIN residents r ON r.id = t.resident_id LEFT JOIN role_grants g ON g.resident_id = r.id "
            "WHERE t.token_hash = $1 ORDER BY g.id",
            prefixed_columns<Resident>("r."), prefixed_columns<RoleGrant>("g."));
        return held_with_grants<ApiToken>(c_, sql, params(token_hash), resident_columns + 5, [&](const Row& r) {
            HeldBy<ApiToken> out{read_api_token(r, resident_columns), read_described<Resident>(r), {}};
            out.credential.resident_id = out.resident.id;
            out.credential.token_hash = token_hash;
            return out;
        });
    }

    Result<std::vector<ApiToken>> api_tokens_of(ResidentId resident) override {
        return rows(c_, "SELECT id, name, read_only, created_at, expires_at FROM api_tokens WHERE resident_id = $1 ORDER BY id",
                    params(resident), [&](const Row& r) {
                        auto t = read_api_token(r, 0);
                        t.resident_id = resident;
                        return t;
                    });
    }

    Result<void> delete_api_token(ResidentId r, ApiTokenId id) override {
        ESCALE_TRY(int n, execute(c_, "DELETE FROM api_tokens WHERE id = $1 AND resident_id = $2", params(id, r)));
        if (n == 0) return fail(errors::not_found(masculine("jeton")));
        return {};
    }

    Result<void> delete_access_of(ResidentId r) override {
        for (const char* sql : {"DELETE FROM credentials WHERE resident_id = $1", "DELETE FROM sessions WHERE resident_id = $1",
                                "DELETE FROM api_tokens WHERE resident_id = $1", "DELETE FROM role_grants WHERE resident_id = $1"})
            ESCALE_TRY_VOID(execute(c_, sql, params(r)));
        return {};
    }

    // ---- OpenID Connect login ----
    Result<void> insert_oidc_pending_login(const OidcPendingLogin& p) override {
        return command("INSERT INTO oidc_pending_logins (state_hash, nonce, code_verifier, return_to, created_at, "
                       "expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                       params(p.state_hash, p.nonce, p.code_verifier, p.return_to, p.created_at, p.expires_at),
                       feminine("connexion en cours"));
    }

    Result<std::optional<OidcPendingLogin>> take_oidc_pending_login(const std::string& state_hash, Instant now) override {
        // DELETE ... RETURNING: of concurrent takers, the first deletes the row; the others
        // wait for it to commit (or, on SQLite, for the writer lock), then find nothing.
        ESCALE_TRY(auto p, first_row(c_,
                                     "DELETE FROM oidc_pending_logins WHERE state_hash = $1 "
                                     "RETURNING state_hash, nonce, code_verifier, return_to, created_at, expires_at",
                                     params(state_hash), read_pending_login));
        if (p && p->expires_at <= now) return std::optional<OidcPendingLogin>{};
        return p;
    }

    Result<int> delete_expired_oidc_pending_logins(Instant now) override {
        return execute(c_, "DELETE FROM oidc_pending_logins WHERE expires_at <= $1", params(now));
    }

    Result<int> count_oidc_pending_logins() override {
        ESCALE_TRY(auto n, first_row(c_, "SELECT count(*) FROM oidc_pending_logins", {},
                                     [](const Row& r) { return static_cast<int>(r.integer(0)); }));
        return n.value_or(0);
    }

    Result<void> insert_oidc_session(const std::string& token_hash, const std::string& id_token) override {
        return command("INSERT INTO oidc_sessions (token_hash, id_token) VALUES ($1, $2)", params(token_hash, id_token),
                       feminine("session"));
    }

    Result<std::optional<std::string>> oidc_session_id_token(const std::string& token_hash) override {
        return first_row(c_, "SELECT id_token FROM oidc_sessions WHERE token_hash = $1", params(token_hash), read_text);
    }

private:
    Result<void> command(const std::string& sql, const Params& p, Noun label = masculine("élément")) {
        ESCALE_TRY_VOID(execute(c_, sql, p, Meaning{.label = label}));
        return {};
    }

    Connection& c_;
};

}  // namespace

std::unique_ptr<IdentityStore> identity_room(Connection& c) { return std::make_unique<SqlIdentity>(c); }

}  // namespace escale::sql
