// SPDX-License-Identifier: EUPL-1.2
// Locker assignments' SQL. A live assignment is one whose released_at is NULL; the partial
// unique indexes locker_assignments_live_locker and locker_assignments_live_resident (both
// databases) refuse a second holder of a locker and a second locker of a resident.
#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

constexpr const char* assignment_columns =
    "id, site_id, locker_id, resident_id, assigned_at, assigned_by, released_at, released_by";

LockerAssignment read_assignment(const Row& r) {
    LockerAssignment a;
    read_columns(r, 0, a.id, a.site_id, a.locker_id, a.resident_id, a.assigned_at, a.assigned_by, a.released_at,
                 a.released_by);
    return a;
}

std::string select_where(std::string_view where) {
    return fmt::format("SELECT {} FROM locker_assignments WHERE {}", assignment_columns, where);
}

Error assignment_unique_error(std::string_view constraint) {
    return constraint == "locker_assignments_live_resident" ? errors::already_holds_locker(false)
                                                             : errors::locker_taken();
}

const Meaning assignment_meaning{.label = feminine("attribution de casier"), .unique_error = assignment_unique_error};

class SqlLockerAssignments final : public LockerAssignmentStore {
public:
    explicit SqlLockerAssignments(Connection& c) : c_(c) {}

    Result<LockerAssignmentId> insert(const LockerAssignment& a) override {
        return c_.insert("INSERT INTO locker_assignments (site_id, locker_id, resident_id, assigned_at, assigned_by) "
                         "VALUES ($1, $2, $3, $4, $5)",
                         params(a.site_id, a.locker_id, a.resident_id, a.assigned_at, a.assigned_by), assignment_meaning);
    }

    Result<std::optional<LockerAssignment>> find(LockerAssignmentId id) override {
        static const std::string sql = select_where("id = $1");
        return first_row(c_, sql, params(id), read_assignment);
    }

    Result<std::optional<LockerAssignment>> live_of_resident(ResidentId r) override {
        static const std::string sql = select_where("resident_id = $1 AND released_at IS NULL");
        return first_row(c_, sql, params(r), read_assignment);
    }

    Result<std::optional<LockerAssignment>> live_of_locker(LockerId l) override {
        static const std::string sql = select_where("locker_id = $1 AND released_at IS NULL");
        return first_row(c_, sql, params(l), read_assignment);
    }

    Result<std::vector<LockerAssignment>> live_on_site(SiteId site) override {
        static const std::string sql = select_where("site_id = $1 AND released_at IS NULL ORDER BY locker_id");
        return rows(c_, sql, params(site), read_assignment);
    }

    Result<std::vector<Locker>> free_lockers(SiteId site) override {
        static const std::string sql =
            "SELECT l.id, l.site_id, l.floor_id, l.label, l.zone_id, l.x, l.y FROM lockers l WHERE l.site_id = $1 "
            "AND NOT EXISTS (SELECT 1 FROM locker_assignments a WHERE a.locker_id = l.id AND a.released_at IS NULL) "
            "ORDER BY l.id";
        return rows(c_, sql, params(site), [](const Row& r) { return read_described<Locker>(r); });
    }

    Result<void> release(LockerAssignmentId id, Instant at, std::optional<ResidentId> by) override {
        ESCALE_TRY(int n, execute(c_,
                                  "UPDATE locker_assignments SET released_at = $1, released_by = $2 "
                                  "WHERE id = $3 AND released_at IS NULL",
                                  params(at, by, id), assignment_meaning));
        if (n == 0) return fail(errors::not_found(feminine("attribution de casier")));
        return {};
    }

    Result<std::vector<LockerAssignment>> all_of(ResidentId r) override {
        static const std::string sql = select_where("resident_id = $1 ORDER BY assigned_at, id");
        return rows(c_, sql, params(r), read_assignment);
    }

    Result<int> delete_history_of_locker(LockerId l) override {
        return execute(c_, "DELETE FROM locker_assignments WHERE locker_id = $1 AND released_at IS NOT NULL", params(l));
    }

    Result<int> anonymize_of(ResidentId r) override {
        ESCALE_TRY(int held, execute(c_,
                                     "UPDATE locker_assignments SET resident_id = NULL, assigned_by = NULL, "
                                     "released_by = NULL WHERE resident_id = $1 AND released_at IS NOT NULL",
                                     params(r)));
        // What they did for others stays the others': only the author is forgotten.
        ESCALE_TRY_VOID(execute(c_, "UPDATE locker_assignments SET assigned_by = NULL WHERE assigned_by = $1", params(r)));
        ESCALE_TRY_VOID(execute(c_, "UPDATE locker_assignments SET released_by = NULL WHERE released_by = $1", params(r)));
        return held;
    }

    Result<int> anonymize_released_before(SiteId site, Instant before) override {
        return execute(c_,
                       "UPDATE locker_assignments SET resident_id = NULL, assigned_by = NULL, released_by = NULL "
                       "WHERE site_id = $1 AND released_at < $2 "
                       "AND (resident_id IS NOT NULL OR assigned_by IS NOT NULL OR released_by IS NOT NULL)",
                       params(site, before));
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<LockerAssignmentStore> locker_assignment_room(Connection& c) {
    return std::make_unique<SqlLockerAssignments>(c);
}

}  // namespace escale::sql
