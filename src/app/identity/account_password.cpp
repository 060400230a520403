// SPDX-License-Identifier: EUPL-1.2
#include "app/identity/account_password.hpp"

#include <string>

#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/identity/auth.hpp"
#include "app/identity/passwords.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/password_policy.hpp"

namespace escale::app {
namespace {

// The person whose password `actor` may reset, within tx.
Result<Resident> reset_target(Transaction& tx, const Actor& actor, ResidentId id) {
    if (!actor.is_system && id == actor.resident.id) return fail(errors::own_password_reset());
    // As for the resident's record (app/referential.cpp, issue 14, finding 5): who reads no
    // resident is refused before any lookup; for who reads some, one out of reach answers as an
    // unknown id does.
    if (!allowed_within(actor.roles, Permission::read_residents, std::nullopt)) return fail(errors::forbidden());
    ESCALE_TRY(auto r, tx.referential().find(Of<Resident>{}, id));
    if (!r || is_removed(*r) || !actor.may(Permission::read_residents, Scope{r->site_id, r->service_id}))
        return fail(errors::not_found(entity_label<Resident>()));
    ESCALE_TRY(auto grants, tx.referential().role_grants_of(id));
    // Managing the person as their record would be managed, and managing roles on their
    // site: whoever resets a password can log in as the person, as with changing the email.
    if (!may_manage_resident(actor.roles, &*r, grants, &*r) ||
        !actor.may(Permission::manage_roles, Scope{r->site_id, std::nullopt}))
        return fail(errors::forbidden());
    ESCALE_TRY(auto hash, tx.identity().password_hash(id));
    if (!hash) return fail(errors::no_local_password(false));
    return *r;
}

Result<int> api_token_count(Transaction& tx, ResidentId r) {
    ESCALE_TRY(auto tokens, tx.identity().api_tokens_of(r));
    return static_cast<int>(tokens.size());
}

}  // namespace

Result<PasswordReplaced> change_own_password(Context ctx, const Actor& actor, std::string_view current,
                                             std::string_view new_password, std::string_view session_token,
                                             std::string_view client_address) {
    if (actor.api_token || actor.is_system || session_token.empty()) return fail(errors::forbidden());
    if (new_password == current) return fail(errors::same_password());
    ESCALE_TRY_VOID(check_new_password(new_password));
    const ResidentId me = actor.resident.id;
    ESCALE_TRY(auto existing, in_transaction(ctx, TxMode::read, [&](Transaction& tx) { return tx.identity().password_hash(me); }));
    if (!existing) return fail(errors::no_local_password(true));
    ESCALE_TRY(auto hash, hash_new_password(new_password));

    PasswordReplaced out;
    auto checked = check_password(ctx, actor.resident.email, current, client_address, [&](Transaction& tx, const Resident& r) -> Result<void> {
        if (r.id != me) return fail(errors::forbidden());  // the email now belongs to someone else
        ESCALE_TRY_VOID(tx.identity().set_password_hash(me, hash));
        ESCALE_TRY(out.sessions_ended, tx.identity().delete_other_sessions_of(me, token_hash(session_token)));
        ESCALE_TRY(out.api_tokens_kept, api_token_count(tx, me));
        return record(tx, ctx, actor,
                      AuditEvent{0, {}, r.site_id, {}, {}, "change_password", entity_name<Resident>(), me,
                                 fmt::format("autres sessions fermées : {}", out.sessions_ended)});
    });
    if (!checked) {
        if (checked.error().code == "bad_credentials") return fail(errors::wrong_current_password());
        return fail(checked.error());
    }
    return out;
}

Result<PasswordReplaced> reset_password(Context ctx, const Actor& actor, ResidentId id, std::string_view new_password) {
    // Who may is checked before the slow hash, then again with the change.
    ESCALE_TRY_VOID(in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<void> {
        ESCALE_TRY_VOID(reset_target(tx, actor, id));
        return {};
    }));
    ESCALE_TRY(auto hash, hash_new_password(new_password));
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<PasswordReplaced> {
        ESCALE_TRY(auto target, reset_target(tx, actor, id));
        PasswordReplaced out;
        ESCALE_TRY_VOID(tx.identity().set_password_hash(id, hash));
        ESCALE_TRY(out.sessions_ended, tx.identity().delete_sessions_of(id));
        ESCALE_TRY(out.api_tokens_kept, api_token_count(tx, id));
        ESCALE_TRY_VOID(record(tx, ctx, actor,
                               AuditEvent{0, {}, target.site_id, {}, id, "reset_password", entity_name<Resident>(), id,
                                          fmt::format("sessions fermées : {}", out.sessions_ended)}));
        return out;
    });
}

}  // namespace escale::app
