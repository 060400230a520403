// SPDX-License-Identifier: EUPL-1.2
// The audit log's SQL.
#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

class SqlAudit final : public AuditStore {
public:
    explicit SqlAudit(Connection& c) : c_(c) {}

    Result<void> insert(const AuditEvent& e) override {
        ESCALE_TRY_VOID(execute(c_,
                                "INSERT INTO audit_events (at, site_id, actor_id, on_behalf_of, action, object, object_id, "
                                "details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                                params(e.at, e.site_id, e.actor_id, e.on_behalf_of, e.action, e.object, e.object_id,
                                       e.details)));
        return {};
    }

    Result<std::vector<AuditEvent>> events(const AuditQuery& q) override {
        // A filter left empty is a NULL parameter; the casts give PostgreSQL its type.
        return rows(c_,
                    "SELECT id, at, site_id, actor_id, on_behalf_of, action, object, object_id, details FROM audit_events "
                    "WHERE (CAST($1 AS BIGINT) IS NULL OR site_id = $1) "
                    "AND (CAST($2 AS BIGINT) IS NULL OR actor_id = $2 OR on_behalf_of = $2) "
                    "AND (CAST($3 AS BIGINT) IS NULL OR at >= $3) AND (CAST($4 AS BIGINT) IS NULL OR at < $4) "
                    "AND (CAST($5 AS BIGINT) IS NULL OR id < $5) ORDER BY id DESC LIMIT $6",
                    params(q.site_id, q.person, q.from, q.until, q.before_id, q.limit), [](const Row& r) {
                        AuditEvent e;
                        read_columns(r, 0, e.id, e.at, e.site_id, e.actor_id, e.on_behalf_of, e.action, e.object,
                                     e.object_id, e.details);
                        return e;
                    });
    }

    Result<int> delete_before(std::optional<SiteId> site, Instant before) override {
        return site ? execute(c_, "DELETE FROM audit_events WHERE site_id = $1 AND at < $2", params(*site, before))
                    : execute(c_, "DELETE FROM audit_events WHERE site_id IS NULL AND at < $1", params(before));
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<AuditStore> audit_room(Connection& c) { return std::make_unique<SqlAudit>(c); }

}  // namespace escale::sql
