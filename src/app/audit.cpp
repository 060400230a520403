// SPDX-License-Identifier: EUPL-1.2
#include "app/audit.hpp"

#include <algorithm>

#include <date/date.h>
#include <fmt/format.h>

#include "app/transaction.hpp"
#include "core/errors.hpp"

namespace escale::app {
namespace {

Result<void> may_read_log(const Actor& actor, const AuditQuery& q) {
    if (q.site_id) return actor.require(Permission::read_audit, Scope{*q.site_id, std::nullopt});
    if (allowed_everywhere(actor.roles, Permission::read_audit)) return {};
    // Someone who reads the log of some site only forgot to name it.
    for (const auto& held : actor.roles)
        if (actor.may(Permission::read_audit, Scope{held.site_id, std::nullopt})) return fail(errors::site_needed_for_audit());
    return fail(errors::forbidden());
}

}  // namespace

Result<void> record(Transaction& tx, Context ctx, const Actor& actor, AuditEvent e) {
    e.at = ctx.clock.now();
    if (!actor.is_system) e.actor_id = actor.resident.id;
    if (e.on_behalf_of == e.actor_id) e.on_behalf_of.reset();
    return tx.audit().insert(e);
}

Result<std::vector<AuditEvent>> list_audit_events(Context ctx, const Actor& actor, AuditQuery q) {
    ESCALE_TRY_VOID(may_read_log(actor, q));
    q.limit = std::clamp(q.limit, 1, 1000);
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) { return tx.audit().events(q); });
}

Result<Table> export_audit_events(Context ctx, const Actor& actor, AuditQuery q, std::string_view format) {
    ESCALE_TRY_VOID(may_read_log(actor, q));
    q.limit = 100'000;
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<Table> {
        ESCALE_TRY(auto events, tx.audit().events(q));
        Table t{"Journal d'audit", {}, {}};
        for (auto* heading : {"numéro", "instant (UTC)", "site", "auteur", "pour le compte de", "action", "objet",
                              "numéro de l'objet", "détails"})
            t.columns.push_back({heading, 0});
        t.rows.reserve(events.size());
        auto number = [](const auto& id) { return id ? TableCell{std::int64_t{*id}} : TableCell{}; };
        for (auto& e : events)
            t.rows.push_back({std::int64_t{e.id}, e.at, number(e.site_id),
                              e.actor_id ? TableCell{std::int64_t{*e.actor_id}} : TableCell{std::string("système")},
                              number(e.on_behalf_of), e.action, e.object, number(e.object_id), e.details});
        ESCALE_TRY_VOID(record(tx, ctx, actor,
                               AuditEvent{0, {}, q.site_id, {}, {}, "export", "audit_events", {},
                                          fmt::format("{} événement(s) en {}", events.size(), format)}));
        return t;
    });
}

}  // namespace escale::app
