#include "app/auth.hpp"

#include "app/passwords.hpp"
#include "app/transaction.hpp"
#include "core/errors.hpp"
#include "core/validation.hpp"

namespace escale::app {
namespace {
// Verified against when the account does not exist, so timing does not reveal it.
const std::string& decoy_hash() {
    static const std::string h = hash_password("escale-decoy-password").value_or("");
    return h;
}
}  // namespace

Result<OpenedSession> open_session(Context ctx, ResidentId r, std::string_view previous_token) {
    OpenedSession out{random_token(), ctx.clock.now() + session_lifetime};
    Session s{token_hash(out.token), r, ctx.clock.now(), out.expires_at};
    ESCALE_TRY_VOID(in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        if (!previous_token.empty()) ESCALE_TRY_VOID(tx.delete_session(token_hash(previous_token)));
        return tx.insert_session(s);
    }));
    return out;
}

Result<LoginResult> login(Context ctx, std::string_view email, std::string_view password,
                          std::string_view previous_token) {
    struct Found {
        std::optional<Resident> resident;
        std::optional<std::string> hash;
    };
    ESCALE_TRY(auto found, in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<Found> {
        Found f;
        ESCALE_TRY(f.resident, tx.find_resident_by_email(normalize_email(email)));
        if (f.resident) {
            ESCALE_TRY(f.hash, tx.password_hash(f.resident->id));
        }
        return f;
    }));
    // The slow hash runs outside any transaction.
    bool usable = found.resident && found.resident->active && found.hash;
    bool ok = verify_password(usable ? *found.hash : decoy_hash(), password);
    if (!usable || !ok) return fail(errors::bad_credentials());

    ESCALE_TRY(auto session, open_session(ctx, found.resident->id, previous_token));
    return LoginResult{std::move(session.token), *found.resident, session.expires_at};
}

Result<void> logout(Context ctx, std::string_view token) {
    return in_transaction(ctx, TxMode::write,
                          [&](Transaction& tx) { return tx.delete_session(token_hash(token)); });
}

Result<Actor> authenticate(Context ctx, std::string_view token) {
    if (token.empty() || token.size() > 128) return fail(errors::unauthenticated());
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<Actor> {
        ESCALE_TRY(auto resident, tx.find_session_resident(token_hash(token), ctx.clock.now()));
        if (!resident || !resident->active) return fail(errors::unauthenticated());
        ESCALE_TRY(auto grants, tx.role_grants_of(resident->id));
        return Actor::of(std::move(*resident), grants);
    });
}

}  // namespace escale::app
