// SPDX-License-Identifier: EUPL-1.2
#include "app/remontees.hpp"

#include <algorithm>

#include <boost/describe/enum_to_string.hpp>
#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/small_groups.hpp"

namespace escale::app {
namespace {

Noun remontee_label() { return feminine("remontée"); }

Result<RemonteeView> view_of(Transaction& tx, const Actor& actor, Remontee r) {
    RemonteeView v;
    ESCALE_TRY(auto counts, tx.remontees().support_counts(r.site_id));
    for (auto& [id, n] : counts)
        if (id == r.id) v.supports = n;
    if (!actor.is_system) {
        ESCALE_TRY(auto mine, tx.remontees().supported_by(actor.resident.id));
        v.supported = std::find(mine.begin(), mine.end(), r.id) != mine.end();
        v.mine = r.author_id && *r.author_id == actor.resident.id;
    }
    if (r.author_id) {
        ESCALE_TRY(auto author, tx.referential().find(Of<Resident>{}, *r.author_id));
        if (author) v.author_name = author->display_name;
        if (r.service_id) {
            ESCALE_TRY(auto service, tx.referential().find(Of<Service>{}, *r.service_id));
            if (service) v.service_name = service->name;
        }
    }
    v.remontee = std::move(r);
    return v;
}

Result<Remontee> found(Transaction& tx, RemonteeId id) {
    ESCALE_TRY(auto r, tx.remontees().find(id));
    if (!r) return fail(errors::not_found(remontee_label()));
    return *r;
}

}  // namespace

Result<RemonteeView> post_remontee(Context ctx, const Actor& actor, const PostRemontee& request) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<RemonteeView> {
        if (actor.is_system) return fail(errors::forbidden());
        const SiteId site = actor.resident.site_id;
        ESCALE_TRY_VOID(actor.require(Permission::take_part, Scope{site, std::nullopt}));
        Remontee r;
        r.site_id = site;
        r.kind = request.kind;
        r.theme = request.theme;
        r.title = request.title;
        r.body = request.body;
        ESCALE_TRY_VOID(validate_remontee(r));
        r.created_at = kept_post_instant(ctx.clock.now(), request.anonymous);
        if (!request.anonymous) {
            r.author_id = actor.resident.id;
            r.service_id = actor.resident.service_id;
        } else if (actor.resident.service_id) {
            // An anonymous remontée is counted in its service only when the service is large
            // enough not to point at its author.
            ESCALE_TRY(auto residents, tx.referential().list(Of<Resident>{}, site));
            auto members = std::count_if(residents.begin(), residents.end(), [&](const Resident& x) {
                return x.active && x.service_id == actor.resident.service_id;
            });
            if (members >= minimum_group_size) r.service_id = actor.resident.service_id;
        }
        ESCALE_TRY(r.id, tx.remontees().insert(r));
        return view_of(tx, actor, std::move(r));
    });
}

Result<std::vector<RemonteeView>> list_remontees(Context ctx, const Actor& actor, std::optional<SiteId> site,
                                                 std::optional<RemonteeTheme> theme) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::vector<RemonteeView>> {
        const SiteId where = site.value_or(actor.resident.site_id);
        ESCALE_TRY_VOID(actor.require(Permission::take_part, Scope{where, std::nullopt}));
        ESCALE_TRY(auto all, tx.remontees().of_site(where, theme));
        ESCALE_TRY(auto counts, tx.remontees().support_counts(where));
        std::vector<RemonteeId> mine;
        if (!actor.is_system) {
            ESCALE_TRY(mine, tx.remontees().supported_by(actor.resident.id));
        }
        ESCALE_TRY(auto residents, tx.referential().list(Of<Resident>{}, where));
        ESCALE_TRY(auto services, tx.referential().list(Of<Service>{}, where));
        std::vector<RemonteeView> out;
        for (auto& r : all) {
            RemonteeView v;
            for (auto& [id, n] : counts)
                if (id == r.id) v.supports = n;
            v.supported = std::find(mine.begin(), mine.end(), r.id) != mine.end();
            v.mine = !actor.is_system && r.author_id && *r.author_id == actor.resident.id;
            if (r.author_id) {
                for (auto& x : residents)
                    if (x.id == *r.author_id) v.author_name = x.display_name;
                for (auto& s : services)
                    if (r.service_id && s.id == *r.service_id) v.service_name = s.name;
            }
            v.remontee = std::move(r);
            out.push_back(std::move(v));
        }
        return out;
    });
}

Result<RemonteeView> support_remontee(Context ctx, const Actor& actor, RemonteeId id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<RemonteeView> {
        ESCALE_TRY(auto r, found(tx, id));
        if (actor.is_system) return fail(errors::forbidden());
        ESCALE_TRY_VOID(actor.require(Permission::take_part, Scope{r.site_id, std::nullopt}));
        ESCALE_TRY_VOID(tx.remontees().add_support(id, actor.resident.id));
        return view_of(tx, actor, std::move(r));
    });
}

Result<RemonteeView> withdraw_support(Context ctx, const Actor& actor, RemonteeId id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<RemonteeView> {
        ESCALE_TRY(auto r, found(tx, id));
        if (actor.is_system) return fail(errors::forbidden());
        ESCALE_TRY_VOID(actor.require(Permission::take_part, Scope{r.site_id, std::nullopt}));
        ESCALE_TRY(int n, tx.remontees().remove_support(id, actor.resident.id));
        if (n == 0) return fail(errors::not_found(masculine("soutien")));
        return view_of(tx, actor, std::move(r));
    });
}

Result<RemonteeView> edit_remontee(Context ctx, const Actor& actor, RemonteeId id, const std::string& title,
                                   const std::string& body) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<RemonteeView> {
        ESCALE_TRY(auto r, found(tx, id));
        if (actor.is_system || !r.author_id || *r.author_id != actor.resident.id)
            return fail(errors::not_found(remontee_label()));
        r.title = title;
        r.body = body;
        ESCALE_TRY_VOID(validate_remontee(r));
        ESCALE_TRY_VOID(tx.remontees().update_text(id, r.title, r.body));
        return view_of(tx, actor, std::move(r));
    });
}

Result<void> remove_remontee(Context ctx, const Actor& actor, RemonteeId id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        ESCALE_TRY(auto r, found(tx, id));
        const bool own = !actor.is_system && r.author_id && *r.author_id == actor.resident.id;
        const bool moderator = actor.may(Permission::manage_remontees, Scope{r.site_id, std::nullopt});
        if (!own && !moderator) return fail(errors::not_found(remontee_label()));
        ESCALE_TRY_VOID(tx.remontees().remove(id));
        if (own) return {};
        return record(tx, ctx, actor, AuditEvent{0, {}, r.site_id, {}, {}, "delete", "remontees", id, {}});
    });
}

Result<RemonteeView> answer_remontee(Context ctx, const Actor& actor, RemonteeId id, RemonteeStatus status,
                                     const std::string& answer) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<RemonteeView> {
        ESCALE_TRY(auto r, found(tx, id));
        ESCALE_TRY_VOID(actor.require(Permission::manage_remontees, Scope{r.site_id, std::nullopt}));
        ESCALE_TRY_VOID(validate_remontee_answer(answer));
        const Instant now = ctx.clock.now();
        const std::optional<ResidentId> by = actor.is_system ? std::nullopt : std::optional<ResidentId>{actor.resident.id};
        ESCALE_TRY_VOID(tx.remontees().answer(id, status, answer, by, now));
        r.status = status;
        r.answer = answer;
        r.answered_by = by;
        r.answered_at = now;
        ESCALE_TRY_VOID(record(tx, ctx, actor,
                               AuditEvent{0, {}, r.site_id, {}, {}, "answer", "remontees", id,
                                          fmt::format("état : {}", boost::describe::enum_to_string(status, "?"))}));
        return view_of(tx, actor, std::move(r));
    });
}

Result<RemonteeCountsView> count_remontees(Context ctx, const Actor& actor, SiteId site) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<RemonteeCountsView> {
        ESCALE_TRY_VOID(actor.require(Permission::read_statistics, Scope{site, std::nullopt}));
        ESCALE_TRY(auto services, tx.referential().list(Of<Service>{}, site));
        std::vector<ServiceId> ids;
        for (auto& s : services) ids.push_back(s.id);
        ESCALE_TRY(auto facts, tx.remontees().facts(site));
        RemonteeCountsView v;
        v.counts = remontee_counts(facts, ids);
        for (auto& g : v.counts.services) {
            std::string name;
            for (auto& s : services)
                if (g.key && s.id == *g.key) name = s.name;
            v.service_names.push_back(name);
        }
        return v;
    });
}

}  // namespace escale::app
