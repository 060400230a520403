// SPDX-License-Identifier: EUPL-1.2
#include "store/postgres/migrations.hpp"

#include <array>

namespace escale::postgres {
namespace {

constexpr std::string_view v1 = R"sql(
CREATE TABLE sites (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  sub_m2 DOUBLE PRECISION NOT NULL,
  opens_at TEXT NOT NULL,
  noon_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  booking_horizon_days INTEGER NOT NULL
);
CREATE TABLE floors (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  name TEXT NOT NULL,
  level INTEGER NOT NULL,
  plan_svg TEXT NOT NULL
);
CREATE INDEX floors_site ON floors(site_id);
CREATE TABLE services (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (site_id, code)
);
CREATE TABLE zones (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  floor_id BIGINT NOT NULL REFERENCES floors(id),
  service_id BIGINT REFERENCES services(id),
  name TEXT NOT NULL,
  sub_m2 DOUBLE PRECISION NOT NULL
);
CREATE INDEX zones_site ON zones(site_id);
CREATE TABLE residents (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  service_id BIGINT REFERENCES services(id),
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  fte_percent INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent', 'referent', 'gestionnaire', 'admin')),
  active BOOLEAN NOT NULL
);
CREATE INDEX residents_site ON residents(site_id);
CREATE TABLE desks (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  floor_id BIGINT NOT NULL REFERENCES floors(id),
  zone_id BIGINT REFERENCES zones(id),
  label TEXT NOT NULL,
  x DOUBLE PRECISION NOT NULL,
  y DOUBLE PRECISION NOT NULL,
  screens INTEGER NOT NULL,
  dock BOOLEAN NOT NULL,
  standing BOOLEAN NOT NULL,
  adapted BOOLEAN NOT NULL,
  active BOOLEAN NOT NULL,
  UNIQUE (site_id, label)
);
CREATE INDEX desks_floor ON desks(floor_id);
CREATE TABLE spaces (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  floor_id BIGINT NOT NULL REFERENCES floors(id),
  zone_id BIGINT REFERENCES zones(id),
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('meeting_room', 'bubble', 'silence_room', 'project_room', 'convivial_area')),
  capacity INTEGER NOT NULL,
  x DOUBLE PRECISION NOT NULL,
  y DOUBLE PRECISION NOT NULL
);
CREATE INDEX spaces_site ON spaces(site_id);
CREATE TABLE lockers (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  floor_id BIGINT NOT NULL REFERENCES floors(id),
  label TEXT NOT NULL,
  UNIQUE (site_id, label)
);
CREATE TABLE closures (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  date DATE NOT NULL,
  reason TEXT NOT NULL,
  UNIQUE (site_id, date)
);
CREATE TABLE credentials (
  resident_id BIGINT PRIMARY KEY REFERENCES residents(id),
  password_hash TEXT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  resident_id BIGINT NOT NULL REFERENCES residents(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_resident ON sessions(resident_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE desk_bookings (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  desk_id BIGINT NOT NULL REFERENCES desks(id),
  resident_id BIGINT NOT NULL REFERENCES residents(id),
  date DATE NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  state TEXT NOT NULL CHECK (state IN ('reserved', 'checked_in', 'no_show', 'cancelled', 'released')),
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES residents(id),
  state_changed_at BIGINT NOT NULL
);
-- Invariant 1: a desk slot has at most one live booking.
CREATE UNIQUE INDEX desk_bookings_live_slot ON desk_bookings(desk_id, date, half)
  WHERE state IN ('reserved', 'checked_in');
-- Invariant 3: a resident holds at most one desk per slot.
CREATE UNIQUE INDEX desk_bookings_live_resident ON desk_bookings(resident_id, date, half)
  WHERE state IN ('reserved', 'checked_in');
CREATE INDEX desk_bookings_resident_date ON desk_bookings(resident_id, date);
)sql";

// A counter bumped by every write to the referential, so that a process can tell whether
// what it derived from the referential (e.g. a floor's desk list) is still current.
constexpr std::string_view v2 = R"sql(
CREATE TABLE referential_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO referential_version (id, version) VALUES (1, 0);
)sql";

// Periodic jobs: one row per job with its next due instant, and one row per run claimed
// (a job's due instant is claimed by exactly one process, see Transaction::claim_job).
constexpr std::string_view v3 = R"sql(
CREATE TABLE jobs (
  name TEXT PRIMARY KEY,
  next_run_at BIGINT NOT NULL
);
CREATE TABLE job_runs (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  run_by TEXT NOT NULL,
  claimed_at BIGINT NOT NULL,
  UNIQUE (name, due_at)
);
)sql";

// Floor availability reads who holds the desk slots of a date, for a range of desk ids: an
// index that answers it in one range scan without touching the table.
constexpr std::string_view v4 = R"sql(
CREATE INDEX desk_bookings_live_holder ON desk_bookings(date, desk_id, half, resident_id, state)
  WHERE state IN ('reserved', 'checked_in');
)sql";

// Roles held on other sites than one's own (core/role_grant.hpp), and the lecteur role.
constexpr std::string_view v5 = R"sql(
ALTER TABLE residents DROP CONSTRAINT residents_role_check;
ALTER TABLE residents ADD CONSTRAINT residents_role_check
  CHECK (role IN ('agent', 'referent', 'gestionnaire', 'lecteur', 'admin'));
CREATE TABLE role_grants (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  resident_id BIGINT NOT NULL REFERENCES residents(id),
  service_id BIGINT REFERENCES services(id),
  role TEXT NOT NULL CHECK (role IN ('agent', 'referent', 'gestionnaire', 'lecteur'))
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants(resident_id, site_id, role, coalesce(service_id, 0));
CREATE INDEX role_grants_site ON role_grants(site_id);
)sql";

// Sessions that end after a quiet time; failed logins counted per account and per
// address; API tokens for integrations.
constexpr std::string_view v6 = R"sql(
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;
CREATE TABLE login_throttles (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until BIGINT NOT NULL,
  last_failure BIGINT NOT NULL
);
CREATE TABLE api_tokens (
  id BIGSERIAL PRIMARY KEY,
  resident_id BIGINT NOT NULL REFERENCES residents(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  read_only BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT
);
CREATE INDEX api_tokens_resident ON api_tokens(resident_id);
)sql";

// OpenID Connect login: logins in progress (keyed by a hash of their state, consumed once),
// the ID token of each session opened through the provider (the id_token_hint of its
// logout; goes with the session), and the service a site registers unknown people into.
// The site's reference may be deferred (migrate-data copies sites before services).
constexpr std::string_view v7 = R"sql(
CREATE TABLE oidc_pending_logins (
  state_hash TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  return_to TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX oidc_pending_logins_expiry ON oidc_pending_logins(expires_at);
CREATE TABLE oidc_sessions (
  token_hash TEXT PRIMARY KEY REFERENCES sessions(token_hash) ON DELETE CASCADE,
  id_token TEXT NOT NULL
);
ALTER TABLE sites ADD COLUMN oidc_self_registration_service_id BIGINT
  REFERENCES services(id) DEFERRABLE INITIALLY IMMEDIATE;
)sql";

// The audit log (core/audit_event.hpp). People are named by id without a foreign key: the
// log outlives the residents it mentions.
constexpr std::string_view v8 = R"sql(
CREATE TABLE audit_events (
  id BIGSERIAL PRIMARY KEY,
  at BIGINT NOT NULL,
  site_id BIGINT,
  actor_id BIGINT,
  on_behalf_of BIGINT,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  object_id BIGINT,
  details TEXT NOT NULL
);
CREATE INDEX audit_events_site ON audit_events(site_id, id);
CREATE INDEX audit_events_actor ON audit_events(actor_id);
CREATE INDEX audit_events_on_behalf_of ON audit_events(on_behalf_of);
)sql";

// RGPD: a retention period per site; bookings that outlive their resident's identity
// (resident and author may become NULL) and keep the service they were made for, for
// statistics.
constexpr std::string_view v9 = R"sql(
ALTER TABLE sites ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 13;
ALTER TABLE desk_bookings ALTER COLUMN resident_id DROP NOT NULL,
  ALTER COLUMN created_by DROP NOT NULL,
  ADD COLUMN service_id BIGINT REFERENCES services(id) ON DELETE SET NULL;
UPDATE desk_bookings b SET service_id = r.service_id FROM residents r WHERE r.id = b.resident_id;
CREATE INDEX desk_bookings_site_date ON desk_bookings(site_id, date);
CREATE INDEX desk_bookings_created_by ON desk_bookings(created_by);
)sql";

// Lockers (issue 10): a locker's quartier and position on the floor plan, and who holds
// which locker for which period. Invariant 3's locker part: a locker has at most one live
// (unreleased) assignment and a resident at most one, held by two partial unique indexes.
constexpr std::string_view v10 = R"sql(
ALTER TABLE lockers ADD COLUMN zone_id BIGINT REFERENCES zones(id),
  ADD COLUMN x DOUBLE PRECISION NOT NULL DEFAULT 0,
  ADD COLUMN y DOUBLE PRECISION NOT NULL DEFAULT 0;
CREATE TABLE locker_assignments (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  locker_id BIGINT NOT NULL REFERENCES lockers(id),
  resident_id BIGINT REFERENCES residents(id),
  assigned_at BIGINT NOT NULL,
  assigned_by BIGINT REFERENCES residents(id),
  released_at BIGINT,
  released_by BIGINT REFERENCES residents(id),
  CHECK (released_at IS NOT NULL OR resident_id IS NOT NULL)
);
CREATE UNIQUE INDEX locker_assignments_live_locker ON locker_assignments(locker_id) WHERE released_at IS NULL;
CREATE UNIQUE INDEX locker_assignments_live_resident ON locker_assignments(resident_id) WHERE released_at IS NULL;
CREATE INDEX locker_assignments_resident ON locker_assignments(resident_id);
CREATE INDEX locker_assignments_site ON locker_assignments(site_id, released_at);
)sql";

// Check-in and no-show release (issue 10, item 3): per site, whether check-in is asked for
// and the local times after which unconfirmed morning / afternoon bookings are released.
constexpr std::string_view v11 = R"sql(
ALTER TABLE sites ADD COLUMN check_in_enabled BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN release_am_at TEXT NOT NULL DEFAULT '10:00',
  ADD COLUMN release_pm_at TEXT NOT NULL DEFAULT '14:30';
)sql";

// collective spaces
// Collective space bookings: ranges [start_at, end_at) in seconds. Invariant 2: the database
// itself refuses two live bookings of one space whose ranges overlap (an exclusion
// constraint; btree_gist gives GiST its = on bigint; it is a trusted extension).
constexpr std::string_view v12 = R"sql(
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE space_bookings (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  space_id BIGINT NOT NULL REFERENCES spaces(id),
  resident_id BIGINT REFERENCES residents(id),
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  attendees INTEGER NOT NULL CHECK (attendees >= 1),
  subject TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('reserved', 'checked_in', 'no_show', 'cancelled', 'released')),
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES residents(id),
  state_changed_at BIGINT NOT NULL,
  service_id BIGINT REFERENCES services(id) ON DELETE SET NULL,
  CHECK (end_at > start_at)
);
ALTER TABLE space_bookings ADD CONSTRAINT space_bookings_no_overlap
  EXCLUDE USING gist (space_id WITH =, int8range(start_at, end_at) WITH &&)
  WHERE (state IN ('reserved', 'checked_in'));
CREATE INDEX space_bookings_live_space ON space_bookings(space_id, start_at, end_at)
  WHERE state IN ('reserved', 'checked_in');
CREATE INDEX space_bookings_resident ON space_bookings(resident_id, start_at);
CREATE INDEX space_bookings_created_by ON space_bookings(created_by);
CREATE INDEX space_bookings_site_end ON space_bookings(site_id, end_at);
)sql";

// The State's real-estate indicators (issue 13, item 2): resident categories with the weight
// their members count with, each resident's category, and each site's baseline surface.
constexpr std::string_view v13 = R"sql(
CREATE TABLE resident_categories (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  name TEXT NOT NULL,
  weight DOUBLE PRECISION NOT NULL,
  UNIQUE (site_id, name)
);
ALTER TABLE residents ADD COLUMN category_id BIGINT REFERENCES resident_categories(id);
CREATE INDEX residents_category ON residents(category_id);
ALTER TABLE sites ADD COLUMN baseline_sub_m2 DOUBLE PRECISION;
)sql";

// Calendar feeds (issue 13, item 4): each resident's secret subscription address.
constexpr std::string_view v14 = R"sql(
CREATE TABLE calendar_feeds (
  resident_id BIGINT PRIMARY KEY REFERENCES residents(id),
  token TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
)sql";

// presence planning (issue 10, item 6)
// Declared half-days, the weekly default pattern and whether colleagues may find the
// resident. Effective presence (bookings first) is computed on read, never stored.
constexpr std::string_view v15 = R"sql(
CREATE TABLE presence_declarations (
  resident_id BIGINT NOT NULL REFERENCES residents(id),
  site_id BIGINT NOT NULL REFERENCES sites(id),
  date TEXT NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  status TEXT NOT NULL CHECK (status IN ('sur_site', 'teletravail', 'absent', 'mission')),
  declared_at BIGINT NOT NULL,
  declared_by BIGINT REFERENCES residents(id),
  PRIMARY KEY (resident_id, date, half)
);
CREATE INDEX presence_declarations_site_date ON presence_declarations(site_id, date);
CREATE INDEX presence_declarations_declared_by ON presence_declarations(declared_by);
CREATE TABLE presence_patterns (
  resident_id BIGINT NOT NULL REFERENCES residents(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  status TEXT NOT NULL CHECK (status IN ('sur_site', 'teletravail', 'absent', 'mission')),
  PRIMARY KEY (resident_id, weekday, half)
);
CREATE TABLE presence_settings (
  resident_id BIGINT PRIMARY KEY REFERENCES residents(id),
  visible_to_colleagues BOOLEAN NOT NULL DEFAULT FALSE
);
)sql";

// Fair-booking rules and waitlist (issue 10, items 4 and 5): the site's rules, whether a
// resident needs an adapted desk, and the waitlist; a resident waits at most once per slot.
constexpr std::string_view v16 = R"sql(
ALTER TABLE sites ADD COLUMN weekly_half_day_quota INTEGER,
  ADD COLUMN quartier_priority_hours INTEGER,
  ADD COLUMN adapted_desks_reserved BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE residents ADD COLUMN needs_adapted_desk BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE waitlist_entries (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  floor_id BIGINT REFERENCES floors(id) ON DELETE CASCADE,
  zone_id BIGINT REFERENCES zones(id) ON DELETE CASCADE,
  resident_id BIGINT NOT NULL REFERENCES residents(id),
  date TEXT NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  state TEXT NOT NULL CHECK (state IN ('waiting', 'promoted', 'left')),
  created_at BIGINT NOT NULL,
  state_changed_at BIGINT NOT NULL,
  booking_id BIGINT REFERENCES desk_bookings(id)
);
CREATE UNIQUE INDEX waitlist_entries_waiting_resident ON waitlist_entries(resident_id, date, half)
  WHERE state = 'waiting';
CREATE INDEX waitlist_entries_waiting_slot ON waitlist_entries(site_id, date, half, id) WHERE state = 'waiting';
CREATE INDEX waitlist_entries_resident ON waitlist_entries(resident_id, date);
)sql";

// notifications (issue 10, item 7)
// In-app notifications and the mail outbox. A mail is written in the transaction of the change
// it tells about and sent later by the outbox job, claimed by one server at a time (claimed_by,
// lease_until; 0 when unclaimed).
constexpr std::string_view v17 = R"sql(
CREATE TABLE notifications (
  id BIGSERIAL PRIMARY KEY,
  resident_id BIGINT NOT NULL REFERENCES residents(id),
  site_id BIGINT NOT NULL REFERENCES sites(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX notifications_resident ON notifications(resident_id, id);
CREATE INDEX notifications_unread ON notifications(resident_id) WHERE read_at IS NULL;
CREATE INDEX notifications_site_created ON notifications(site_id, created_at);
CREATE TABLE mail_outbox (
  id BIGSERIAL PRIMARY KEY,
  notification_id BIGINT REFERENCES notifications(id),
  site_id BIGINT NOT NULL REFERENCES sites(id),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT,
  lease_until BIGINT NOT NULL DEFAULT 0,
  sent_at BIGINT,
  failed_at BIGINT,
  last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_outbox_notification ON mail_outbox(notification_id);
CREATE INDEX mail_outbox_site_created ON mail_outbox(site_id, created_at);
)sql";

// live updates (issue 11): every change of a desk booking of yesterday or later noted with its
// floor, day and instant (milliseconds, the database's clock) by a trigger, whatever path
// changed it, so that every server can tell its open plans (app/desk_change_feed). Ids are
// not in commit order here: readers look back over a window of instants, not from an id.
// Numbered v17 for the merge (the lead renumbers).
constexpr std::string_view v18 = R"sql(
CREATE TABLE desk_changes (
  id BIGSERIAL PRIMARY KEY,
  floor_id BIGINT NOT NULL,
  date DATE NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX desk_changes_at ON desk_changes(at);
CREATE FUNCTION desk_changes_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.date >= current_date - 1 AND (TG_OP = 'INSERT' OR OLD.state IS DISTINCT FROM NEW.state) THEN
    INSERT INTO desk_changes (floor_id, date, at)
      SELECT d.floor_id, NEW.date, (extract(epoch FROM clock_timestamp()) * 1000)::bigint
        FROM desks d WHERE d.id = NEW.desk_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER desk_changes_note AFTER INSERT OR UPDATE OF state ON desk_bookings
  FOR EACH ROW EXECUTE FUNCTION desk_changes_note();
)sql";

// planning engine (issue 12): scenarios saved on a site, their question and answer as JSON
// text; gone with their site; the author forgotten with the person (NULL).
constexpr std::string_view v19 = R"sql(
CREATE TABLE planning_scenarios (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  input TEXT NOT NULL,
  result TEXT NOT NULL,
  author_id BIGINT REFERENCES residents(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX planning_scenarios_site ON planning_scenarios(site_id, created_at);
)sql";

// occupancy analytics (issue 13, item 1): desk demand turned away, kept per site and
// half-day once the waitlist entries it was counted from are purged (the waitlist store
// adds them up here before deleting them), and booking attempts refused for a desk taken
// meanwhile; flash counts (a gestionnaire's count of people present, no personal data);
// and an index that lets the desk analytics read a site's year of bookings from the index alone.
// Numbered v20 for the merge (the lead renumbers).
constexpr std::string_view v20 = R"sql(
CREATE TABLE desk_demand_days (
  site_id BIGINT NOT NULL REFERENCES sites(id),
  date TEXT NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  waitlist_unserved INTEGER NOT NULL DEFAULT 0,
  refused INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, date, half)
);
CREATE TABLE flash_counts (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  floor_id BIGINT REFERENCES floors(id) ON DELETE CASCADE,
  counted_at BIGINT NOT NULL,
  date TEXT NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  people INTEGER NOT NULL CHECK (people >= 0)
);
CREATE INDEX flash_counts_site_date ON flash_counts(site_id, date);
CREATE INDEX desk_bookings_usage ON desk_bookings(site_id, date, half, desk_id, service_id, state);
)sql";

// surveys (issue 13, item 5): questionnaires for services of a site, answered once and
// anonymously. Who answered (survey_participations) is kept apart from what was answered;
// answers wait in the survey's ballot box (rewritten whole at each answer) and are kept in
// survey_answers in mixed batches, under random ids, with no resident and no time. On SQLite
// the anonymous tables are WITHOUT ROWID, so their rows lie in the order of random keys.
// Numbered v21 for the merge (the lead renumbers).
constexpr std::string_view v21 = R"sql(
CREATE TABLE surveys (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  created_by BIGINT REFERENCES residents(id),
  created_at BIGINT NOT NULL,
  template_key TEXT NOT NULL DEFAULT ''
);
CREATE INDEX surveys_site ON surveys(site_id, opens_on);
CREATE INDEX surveys_created_by ON surveys(created_by);
CREATE TABLE survey_services (
  survey_id BIGINT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  service_id BIGINT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (survey_id, service_id)
);
CREATE INDEX survey_services_service ON survey_services(service_id);
CREATE TABLE survey_questions (
  id BIGSERIAL PRIMARY KEY,
  survey_id BIGINT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('scale', 'single_choice', 'multiple_choice', 'free_text')),
  prompt TEXT NOT NULL,
  choices TEXT NOT NULL DEFAULT '',
  scale_min INTEGER NOT NULL,
  scale_max INTEGER NOT NULL,
  min_label TEXT NOT NULL DEFAULT '',
  max_label TEXT NOT NULL DEFAULT '',
  required BOOLEAN NOT NULL DEFAULT FALSE,
  UNIQUE (survey_id, position)
);
CREATE TABLE survey_participations (
  survey_id BIGINT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  resident_id BIGINT NOT NULL REFERENCES residents(id),
  PRIMARY KEY (survey_id, resident_id)
);
CREATE INDEX survey_participations_resident ON survey_participations(resident_id);
CREATE TABLE survey_ballot_box (
  ballot BIGINT NOT NULL,
  question_id BIGINT NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
  survey_id BIGINT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  service_id BIGINT REFERENCES services(id) ON DELETE SET NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (ballot, question_id)
);
CREATE INDEX survey_ballot_box_survey ON survey_ballot_box(survey_id);
CREATE TABLE survey_answers (
  id BIGINT PRIMARY KEY,
  survey_id BIGINT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  question_id BIGINT NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
  service_id BIGINT REFERENCES services(id) ON DELETE SET NULL,
  value TEXT NOT NULL
);
CREATE INDEX survey_answers_survey ON survey_answers(survey_id, question_id);
)sql";

// remontées (issue 13, item 6): irritants and ideas, signed or anonymous (no author kept),
// their supports (one per resident) and the project team's answer.
// Numbered v22 for the merge (the lead renumbers).
constexpr std::string_view v22 = R"sql(
CREATE TABLE remontees (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  kind TEXT NOT NULL CHECK (kind IN ('irritant', 'idee')),
  theme TEXT NOT NULL CHECK (theme IN ('bruit', 'rangement', 'reservation', 'confidentialite', 'equipements', 'autre')),
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  author_id BIGINT REFERENCES residents(id),
  service_id BIGINT REFERENCES services(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'nouvelle' CHECK (status IN ('nouvelle', 'en_cours', 'traitee')),
  answer TEXT NOT NULL DEFAULT '',
  answered_by BIGINT REFERENCES residents(id),
  answered_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX remontees_site ON remontees(site_id, id);
CREATE INDEX remontees_author ON remontees(author_id);
CREATE INDEX remontees_answered_by ON remontees(answered_by);
CREATE TABLE remontee_supports (
  remontee_id BIGINT NOT NULL REFERENCES remontees(id) ON DELETE CASCADE,
  resident_id BIGINT NOT NULL REFERENCES residents(id),
  PRIMARY KEY (remontee_id, resident_id)
);
CREATE INDEX remontee_supports_resident ON remontee_supports(resident_id);
)sql";

// occupancy analytics at a year's scale (issue 13, item 1): the dashboard reads daily
// counters instead of a year of bookings; see the SQLite migration v23 for what each counts.
// Triggers keep them in the writing transaction: a counter row is changed by an upsert that
// adds to it (INSERT ... ON CONFLICT DO UPDATE), which locks that row until commit, so
// concurrent bookings, cancellations and check-ins of one half-day and group add up one after
// the other and none is lost. A booking's contribution is counted by desk_usage_days_count and
// space_usage_days_count (sign -1 takes it back). Rows may fall to zero: readers skip them.
// Also (issue 13, item 4): each collective space's secret calendar address, for its door screen;
// and (retention) the supports of a remontée counted once their people are forgotten.
constexpr std::string_view v23 = R"sql(
CREATE TABLE desk_usage_days (
  site_id BIGINT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  date DATE NOT NULL,
  half TEXT NOT NULL,
  floor_id BIGINT NOT NULL,
  zone_id BIGINT NOT NULL,
  service_id BIGINT NOT NULL,
  booked INTEGER NOT NULL,
  checked_in INTEGER NOT NULL,
  no_show INTEGER NOT NULL,
  PRIMARY KEY (site_id, date, half, floor_id, zone_id, service_id)
);
INSERT INTO desk_usage_days
  SELECT b.site_id, b.date, b.half, d.floor_id, coalesce(d.zone_id, 0), coalesce(b.service_id, 0), count(*),
         count(*) FILTER (WHERE b.state IN ('checked_in', 'released')), count(*) FILTER (WHERE b.state = 'no_show')
    FROM desk_bookings b JOIN desks d ON d.id = b.desk_id WHERE b.state <> 'cancelled'
    GROUP BY b.site_id, b.date, b.half, d.floor_id, d.zone_id, b.service_id;
CREATE FUNCTION desk_usage_days_add(site BIGINT, day DATE, half_day TEXT, floor BIGINT, zone BIGINT, service BIGINT,
                                    n BIGINT, n_checked_in BIGINT, n_no_show BIGINT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO desk_usage_days AS u VALUES (site, day, half_day, floor, coalesce(zone, 0), coalesce(service, 0), n,
                                          n_checked_in, n_no_show)
  ON CONFLICT (site_id, date, half, floor_id, zone_id, service_id) DO UPDATE
    SET booked = u.booked + EXCLUDED.booked, checked_in = u.checked_in + EXCLUDED.checked_in,
        no_show = u.no_show + EXCLUDED.no_show
$$;
CREATE FUNCTION desk_usage_days_count(b desk_bookings, sign INTEGER) RETURNS void LANGUAGE sql AS $$
  SELECT desk_usage_days_add(b.site_id, b.date, b.half, d.floor_id, d.zone_id, b.service_id, sign,
                             CASE WHEN b.state IN ('checked_in', 'released') THEN sign ELSE 0 END,
                             CASE WHEN b.state = 'no_show' THEN sign ELSE 0 END)
    FROM desks d WHERE d.id = b.desk_id AND b.state <> 'cancelled'
$$;
CREATE FUNCTION desk_usage_days_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.site_id, OLD.desk_id, OLD.date, OLD.half, OLD.state, OLD.service_id)
                          IS NOT DISTINCT FROM (NEW.site_id, NEW.desk_id, NEW.date, NEW.half, NEW.state, NEW.service_id) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM desk_usage_days_count(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM desk_usage_days_count(NEW, 1); END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER desk_usage_days_note AFTER INSERT OR DELETE OR UPDATE OF site_id, desk_id, date, half, state, service_id
  ON desk_bookings FOR EACH ROW EXECUTE FUNCTION desk_usage_days_note();
CREATE FUNCTION desk_usage_days_desk_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.floor_id, OLD.zone_id) IS NOT DISTINCT FROM (NEW.floor_id, NEW.zone_id) THEN RETURN NULL; END IF;
  PERFORM desk_usage_days_add(b.site_id, b.date, b.half, m.floor_id, m.zone_id, b.service_id, m.sign * count(*),
                              m.sign * count(*) FILTER (WHERE b.state IN ('checked_in', 'released')),
                              m.sign * count(*) FILTER (WHERE b.state = 'no_show'))
    FROM desk_bookings b, (VALUES (OLD.floor_id, OLD.zone_id, -1), (NEW.floor_id, NEW.zone_id, 1)) m(floor_id, zone_id, sign)
    WHERE b.desk_id = NEW.id AND b.state <> 'cancelled'
    GROUP BY b.site_id, b.date, b.half, m.floor_id, m.zone_id, b.service_id, m.sign;
  RETURN NULL;
END
$$;
CREATE TRIGGER desk_usage_days_desk_moved AFTER UPDATE OF floor_id, zone_id ON desks
  FOR EACH ROW EXECUTE FUNCTION desk_usage_days_desk_moved();

CREATE TABLE space_usage_days (
  site_id BIGINT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  date DATE NOT NULL,
  space_id BIGINT NOT NULL,
  bookings INTEGER NOT NULL,
  seconds BIGINT NOT NULL,
  attendees INTEGER NOT NULL,
  unused INTEGER NOT NULL,
  PRIMARY KEY (site_id, date, space_id)
);
CREATE TABLE space_service_days (
  site_id BIGINT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  date DATE NOT NULL,
  service_id BIGINT NOT NULL,
  bookings INTEGER NOT NULL,
  seconds BIGINT NOT NULL,
  attendees INTEGER NOT NULL,
  seats INTEGER NOT NULL,
  unused INTEGER NOT NULL,
  PRIMARY KEY (site_id, date, service_id)
);
CREATE VIEW space_usage_sources AS
  SELECT b.id, b.site_id, (to_timestamp(b.start_at) AT TIME ZONE s.time_zone)::date AS date, b.space_id,
         coalesce(b.service_id, 0) AS service_id, b.end_at - b.start_at AS seconds, b.attendees,
         sp.capacity AS seats, CASE WHEN b.state = 'no_show' THEN 1 ELSE 0 END AS unused
    FROM space_bookings b JOIN sites s ON s.id = b.site_id JOIN spaces sp ON sp.id = b.space_id
    WHERE b.state <> 'cancelled';
CREATE FUNCTION space_usage_days_rebuild(site BIGINT) RETURNS void LANGUAGE sql AS $$
  DELETE FROM space_usage_days WHERE site_id = site;
  DELETE FROM space_service_days WHERE site_id = site;
  INSERT INTO space_usage_days
    SELECT site_id, date, space_id, count(*), sum(seconds), sum(attendees), sum(unused) FROM space_usage_sources
      WHERE site_id = site GROUP BY site_id, date, space_id;
  INSERT INTO space_service_days
    SELECT site_id, date, service_id, count(*), sum(seconds), sum(attendees), sum(seats), sum(unused)
      FROM space_usage_sources WHERE site_id = site GROUP BY site_id, date, service_id;
$$;
SELECT space_usage_days_rebuild(id) FROM sites;
CREATE FUNCTION space_usage_days_count(b space_bookings, sign INTEGER) RETURNS void LANGUAGE sql AS $$
  INSERT INTO space_usage_days AS u
    SELECT b.site_id, (to_timestamp(b.start_at) AT TIME ZONE s.time_zone)::date, b.space_id, sign,
           sign * (b.end_at - b.start_at), sign * b.attendees, CASE WHEN b.state = 'no_show' THEN sign ELSE 0 END
      FROM sites s WHERE s.id = b.site_id AND b.state <> 'cancelled'
  ON CONFLICT (site_id, date, space_id) DO UPDATE
    SET bookings = u.bookings + EXCLUDED.bookings, seconds = u.seconds + EXCLUDED.seconds,
        attendees = u.attendees + EXCLUDED.attendees, unused = u.unused + EXCLUDED.unused;
  INSERT INTO space_service_days AS u
    SELECT b.site_id, (to_timestamp(b.start_at) AT TIME ZONE s.time_zone)::date, coalesce(b.service_id, 0), sign,
           sign * (b.end_at - b.start_at), sign * b.attendees, sign * sp.capacity,
           CASE WHEN b.state = 'no_show' THEN sign ELSE 0 END
      FROM sites s, spaces sp WHERE s.id = b.site_id AND sp.id = b.space_id AND b.state <> 'cancelled'
  ON CONFLICT (site_id, date, service_id) DO UPDATE
    SET bookings = u.bookings + EXCLUDED.bookings, seconds = u.seconds + EXCLUDED.seconds,
        attendees = u.attendees + EXCLUDED.attendees, seats = u.seats + EXCLUDED.seats, unused = u.unused + EXCLUDED.unused;
$$;
CREATE FUNCTION space_usage_days_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.site_id, OLD.space_id, OLD.start_at, OLD.end_at, OLD.attendees, OLD.state, OLD.service_id)
                          IS NOT DISTINCT FROM
                          (NEW.site_id, NEW.space_id, NEW.start_at, NEW.end_at, NEW.attendees, NEW.state, NEW.service_id) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM space_usage_days_count(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM space_usage_days_count(NEW, 1); END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER space_usage_days_note
  AFTER INSERT OR DELETE OR UPDATE OF site_id, space_id, start_at, end_at, attendees, state, service_id
  ON space_bookings FOR EACH ROW EXECUTE FUNCTION space_usage_days_note();
CREATE FUNCTION space_service_days_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.capacity IS NOT DISTINCT FROM NEW.capacity THEN RETURN NULL; END IF;
  UPDATE space_service_days u SET seats = u.seats + (NEW.capacity - OLD.capacity) * c.n
    FROM (SELECT site_id, date, service_id, count(*) AS n FROM space_usage_sources WHERE space_id = NEW.id
          GROUP BY site_id, date, service_id) c
    WHERE u.site_id = c.site_id AND u.date = c.date AND u.service_id = c.service_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER space_service_days_capacity AFTER UPDATE OF capacity ON spaces
  FOR EACH ROW EXECUTE FUNCTION space_service_days_capacity();
CREATE FUNCTION space_usage_days_rezoned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.time_zone IS DISTINCT FROM NEW.time_zone THEN PERFORM space_usage_days_rebuild(NEW.id); END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER space_usage_days_rezoned AFTER UPDATE OF time_zone ON sites
  FOR EACH ROW EXECUTE FUNCTION space_usage_days_rezoned();

CREATE TABLE space_calendar_feeds (
  space_id BIGINT PRIMARY KEY REFERENCES spaces(id) ON DELETE CASCADE,
  token TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
ALTER TABLE remontees ADD COLUMN forgotten_supports INTEGER NOT NULL DEFAULT 0;
)sql";

// occupancy analytics (issue 13): a site's desk counters recounted from its bookings in one
// statement, as space_usage_days_rebuild does for spaces. `escale migrate-data` copies the
// bookings with the counting triggers off and recounts once: counted row by row, a year of
// bookings left ten dead versions per counter row in the copying transaction, and the table
// stayed ten times its size (a year's dashboard read 22 MB instead of 2.5 MB).
constexpr std::string_view v24 = R"sql(
CREATE FUNCTION desk_usage_days_rebuild(site BIGINT) RETURNS void LANGUAGE sql AS $$
  DELETE FROM desk_usage_days WHERE site_id = site;
  INSERT INTO desk_usage_days
    SELECT b.site_id, b.date, b.half, d.floor_id, coalesce(d.zone_id, 0), coalesce(b.service_id, 0), count(*),
           count(*) FILTER (WHERE b.state IN ('checked_in', 'released')), count(*) FILTER (WHERE b.state = 'no_show')
      FROM desk_bookings b JOIN desks d ON d.id = b.desk_id WHERE b.site_id = site AND b.state <> 'cancelled'
      GROUP BY b.site_id, b.date, b.half, d.floor_id, d.zone_id, b.service_id;
$$;
)sql";

// The bookings one statement inserts counted by one grouped upsert (a statement trigger reading
// the inserted rows) instead of one per row: the demo's history and `escale migrate-data`
// insert hundreds of bookings a statement, and the cité's 35,471 took 6 s of row triggers
// against 1.8 s for the rows themselves. The counter rows are upserted in key order, so two
// such statements lock them in the same order. Updates and deletes are still counted row by
// row (desk_usage_days_note, which no longer fires on INSERT).
constexpr std::string_view v25 = R"sql(
DROP TRIGGER desk_usage_days_note ON desk_bookings;
CREATE TRIGGER desk_usage_days_note AFTER DELETE OR UPDATE OF site_id, desk_id, date, half, state, service_id
  ON desk_bookings FOR EACH ROW EXECUTE FUNCTION desk_usage_days_note();
CREATE FUNCTION desk_usage_days_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO desk_usage_days AS u
    SELECT n.site_id, n.date, n.half, d.floor_id, coalesce(d.zone_id, 0), coalesce(n.service_id, 0), count(*),
           count(*) FILTER (WHERE n.state IN ('checked_in', 'released')), count(*) FILTER (WHERE n.state = 'no_show')
      FROM inserted n JOIN desks d ON d.id = n.desk_id WHERE n.state <> 'cancelled'
      GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (site_id, date, half, floor_id, zone_id, service_id) DO UPDATE
    SET booked = u.booked + EXCLUDED.booked, checked_in = u.checked_in + EXCLUDED.checked_in,
        no_show = u.no_show + EXCLUDED.no_show;
  RETURN NULL;
END
$$;
CREATE TRIGGER desk_usage_days_inserted AFTER INSERT ON desk_bookings REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION desk_usage_days_inserted();
)sql";

// occupancy analytics (issue 13): the days whose counters each server may keep folded in
// memory (app/analytics_cache). A server moves a site's `settled_before` forward (never back),
// at most once a day, to a week before its today; any change to a counter of a day before it
// adds one to the site's `generation`, and a cache made at another generation is not used.
// Every function that writes the counters now ends by that check (one UPDATE that matches no
// row, for a booking of the coming days): a desk moved, a past booking corrected by hand, a
// recount. Statement triggers on the counter tables would also catch counters written by hand,
// but cost a booking 50 µs of the database's time (two trigger calls and their transition
// tables), a fifth of its insert; the counters are written by nothing but these functions.
// Each reads the boundary after writing the counters; the server that moves the boundary
// first waits for every transaction that has written counters (store/sql/analytics: LOCK
// TABLE), so no change can be counted against the old boundary and commit after a cache has
// read the new one.
constexpr std::string_view v26 = R"sql(
CREATE TABLE analytics_settled (
  site_id BIGINT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  settled_before DATE NOT NULL,
  generation BIGINT NOT NULL DEFAULT 0
);
CREATE OR REPLACE FUNCTION desk_usage_days_add(site BIGINT, day DATE, half_day TEXT, floor BIGINT, zone BIGINT,
                                               service BIGINT, n BIGINT, n_checked_in BIGINT, n_no_show BIGINT)
  RETURNS void LANGUAGE sql AS $$
  INSERT INTO desk_usage_days AS u VALUES (site, day, half_day, floor, coalesce(zone, 0), coalesce(service, 0), n,
                                          n_checked_in, n_no_show)
  ON CONFLICT (site_id, date, half, floor_id, zone_id, service_id) DO UPDATE
    SET booked = u.booked + EXCLUDED.booked, checked_in = u.checked_in + EXCLUDED.checked_in,
        no_show = u.no_show + EXCLUDED.no_show;
  UPDATE analytics_settled SET generation = generation + 1 WHERE site_id = site AND settled_before > day;
$$;
CREATE OR REPLACE FUNCTION desk_usage_days_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO desk_usage_days AS u
    SELECT n.site_id, n.date, n.half, d.floor_id, coalesce(d.zone_id, 0), coalesce(n.service_id, 0), count(*),
           count(*) FILTER (WHERE n.state IN ('checked_in', 'released')), count(*) FILTER (WHERE n.state = 'no_show')
      FROM inserted n JOIN desks d ON d.id = n.desk_id WHERE n.state <> 'cancelled'
      GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (site_id, date, half, floor_id, zone_id, service_id) DO UPDATE
    SET booked = u.booked + EXCLUDED.booked, checked_in = u.checked_in + EXCLUDED.checked_in,
        no_show = u.no_show + EXCLUDED.no_show;
  UPDATE analytics_settled s SET generation = s.generation + 1
    WHERE EXISTS (SELECT 1 FROM inserted n
                  WHERE n.site_id = s.site_id AND n.date < s.settled_before AND n.state <> 'cancelled');
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION desk_usage_days_rebuild(site BIGINT) RETURNS void LANGUAGE sql AS $$
  DELETE FROM desk_usage_days WHERE site_id = site;
  INSERT INTO desk_usage_days
    SELECT b.site_id, b.date, b.half, d.floor_id, coalesce(d.zone_id, 0), coalesce(b.service_id, 0), count(*),
           count(*) FILTER (WHERE b.state IN ('checked_in', 'released')), count(*) FILTER (WHERE b.state = 'no_show')
      FROM desk_bookings b JOIN desks d ON d.id = b.desk_id WHERE b.site_id = site AND b.state <> 'cancelled'
      GROUP BY b.site_id, b.date, b.half, d.floor_id, d.zone_id, b.service_id;
  UPDATE analytics_settled SET generation = generation + 1 WHERE site_id = site;
$$;
CREATE OR REPLACE FUNCTION space_usage_days_count(b space_bookings, sign INTEGER) RETURNS void LANGUAGE sql AS $$
  INSERT INTO space_usage_days AS u
    SELECT b.site_id, (to_timestamp(b.start_at) AT TIME ZONE s.time_zone)::date, b.space_id, sign,
           sign * (b.end_at - b.start_at), sign * b.attendees, CASE WHEN b.state = 'no_show' THEN sign ELSE 0 END
      FROM sites s WHERE s.id = b.site_id AND b.state <> 'cancelled'
  ON CONFLICT (site_id, date, space_id) DO UPDATE
    SET bookings = u.bookings + EXCLUDED.bookings, seconds = u.seconds + EXCLUDED.seconds,
        attendees = u.attendees + EXCLUDED.attendees, unused = u.unused + EXCLUDED.unused;
  INSERT INTO space_service_days AS u
    SELECT b.site_id, (to_timestamp(b.start_at) AT TIME ZONE s.time_zone)::date, coalesce(b.service_id, 0), sign,
           sign * (b.end_at - b.start_at), sign * b.attendees, sign * sp.capacity,
           CASE WHEN b.state = 'no_show' THEN sign ELSE 0 END
      FROM sites s, spaces sp WHERE s.id = b.site_id AND sp.id = b.space_id AND b.state <> 'cancelled'
  ON CONFLICT (site_id, date, service_id) DO UPDATE
    SET bookings = u.bookings + EXCLUDED.bookings, seconds = u.seconds + EXCLUDED.seconds,
        attendees = u.attendees + EXCLUDED.attendees, seats = u.seats + EXCLUDED.seats, unused = u.unused + EXCLUDED.unused;
  UPDATE analytics_settled a SET generation = a.generation + 1 FROM sites s
    WHERE s.id = b.site_id AND a.site_id = b.site_id AND b.state <> 'cancelled'
      AND (to_timestamp(b.start_at) AT TIME ZONE s.time_zone)::date < a.settled_before;
$$;
CREATE OR REPLACE FUNCTION space_usage_days_rebuild(site BIGINT) RETURNS void LANGUAGE sql AS $$
  DELETE FROM space_usage_days WHERE site_id = site;
  DELETE FROM space_service_days WHERE site_id = site;
  INSERT INTO space_usage_days
    SELECT site_id, date, space_id, count(*), sum(seconds), sum(attendees), sum(unused) FROM space_usage_sources
      WHERE site_id = site GROUP BY site_id, date, space_id;
  INSERT INTO space_service_days
    SELECT site_id, date, service_id, count(*), sum(seconds), sum(attendees), sum(seats), sum(unused)
      FROM space_usage_sources WHERE site_id = site GROUP BY site_id, date, service_id;
  UPDATE analytics_settled SET generation = generation + 1 WHERE site_id = site;
$$;
)sql";

constexpr std::array<std::string_view, 26> all{{v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25, v26}};

}  // namespace

std::span<const std::string_view> migrations() { return all; }

}  // namespace escale::postgres
