// SPDX-License-Identifier: EUPL-1.2
// The audit log's use cases: recording an event inside the transaction of the change it
// describes, reading the log (gestionnaires for their site, administrators everywhere) and
// exporting it as CSV for a spreadsheet (an export is itself recorded).
#pragma once

#include <string>
#include <vector>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include "app/context.hpp"
#include "core/audit_event.hpp"
#include "core/error.hpp"
#include "core/table.hpp"

namespace escale::app {

// Adds e to the log within tx, stamped with the actor (none for the system) and the time.
Result<void> record(Transaction& tx, Context ctx, const Actor& actor, AuditEvent e);

// q.limit is clamped to 1..1000. Without q.site_id, only who reads the log of every site may ask.
Result<std::vector<AuditEvent>> list_audit_events(Context ctx, const Actor& actor, AuditQuery q);
// The events of q (at most 100,000), newest first, as the table that the CSV and XLSX exports
// write (instants as instants, numbers as numbers); the export, in `format` ("CSV", "XLSX"),
// is recorded in the log.
Result<Table> export_audit_events(Context ctx, const Actor& actor, AuditQuery q, std::string_view format);

// The names of the members that differ between two values of a described struct, e.g.
// "name, sub_m2": what an update changed, without the values (which may be personal).
template <class T>
std::string changed_fields(const T& before, const T& after) {
    std::string out;
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto m) {
        if (!(before.*m.pointer == after.*m.pointer)) out += (out.empty() ? "" : ", ") + std::string(m.name);
    });
    return out;
}

}  // namespace escale::app
