// SPDX-License-Identifier: EUPL-1.2
#include "app/identity/api_tokens.hpp"

#include "app/audit.hpp"
#include "app/identity/passwords.hpp"
#include "app/transaction.hpp"
#include "core/errors.hpp"
#include "core/validation.hpp"

namespace escale::app {
namespace {
Result<void> by_session(const Actor& actor) {
    if (actor.api_token || actor.is_system) return fail(errors::forbidden());
    return {};
}
}  // namespace

Result<CreatedApiToken> create_api_token(Context ctx, const Actor& actor, NewApiToken request) {
    ESCALE_TRY_VOID(by_session(actor));
    ESCALE_TRY_VOID(check_text("name", request.name));
    Instant now = ctx.clock.now();
    if (request.expires_at && *request.expires_at <= now)
        return fail(errors::invalid_field("expires_at", "un instant à venir"));
    CreatedApiToken out;
    out.secret = std::string(api_token_prefix) + random_token();
    out.token = ApiToken{0, actor.resident.id, std::move(request.name), token_hash(out.secret), request.read_only, now,
                         request.expires_at};
    ESCALE_TRY(out.token.id, in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<ApiTokenId> {
        ESCALE_TRY(auto id, tx.identity().insert_api_token(out.token));
        ESCALE_TRY_VOID(record(tx, ctx, actor,
                               AuditEvent{0, {}, {}, {}, {}, "create", "api_tokens", id,
                                          out.token.read_only ? "lecture seule" : "lecture et écriture"}));
        return id;
    }));
    out.token.token_hash.clear();
    return out;
}

Result<std::vector<ApiToken>> list_api_tokens(Context ctx, const Actor& actor) {
    ESCALE_TRY_VOID(by_session(actor));
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) { return tx.identity().api_tokens_of(actor.resident.id); });
}

Result<void> revoke_api_token(Context ctx, const Actor& actor, ApiTokenId id) {
    ESCALE_TRY_VOID(by_session(actor));
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        ESCALE_TRY_VOID(tx.identity().delete_api_token(actor.resident.id, id));
        return record(tx, ctx, actor, AuditEvent{0, {}, {}, {}, {}, "revoke", "api_tokens", id, ""});
    });
}

}  // namespace escale::app
