// SPDX-License-Identifier: EUPL-1.2
// The request bodies of the booking, presence, waitlist, survey and remontée routes, decoded
// by the very structs their routes use (http/routes/*_bodies.hpp) and then checked as their use
// cases check them before touching the store: a space booking's times read at a Paris site and
// its range and request checked (core/space_rules), a survey's questionnaire and answers
// (core/survey), a remontée and its answer (core/remontee); and the bodies of the locker,
// flash count and identity routes (login, passwords, API tokens). The first byte picks the route.
// Asserts that decoded ids are positive and that kept answers stay within the questions.
#include "check.hpp"
#include "core/calendar.hpp"
#include "core/remontee.hpp"
#include "core/space_rules.hpp"
#include "http/routes/desk_booking_bodies.hpp"
#include "http/routes/flash_count_bodies.hpp"
#include "http/routes/identity_bodies.hpp"
#include "http/routes/locker_bodies.hpp"
#include "http/routes/presence_bodies.hpp"
#include "http/routes/remontee_bodies.hpp"
#include "http/routes/space_booking_bodies.hpp"
#include "http/routes/survey_bodies.hpp"
#include "http/routes/waitlist_bodies.hpp"

namespace {

using namespace escale;
using namespace escale::http;

const SiteCalendar& paris() {
    static const SiteCalendar cal = *SiteCalendar::make("Europe/Paris", "08:00", "13:00", "19:00");
    return cal;
}

void check_id(const PositiveId& id) { FUZZ_CHECK(id.value > 0, "a decoded id that is not positive"); }

void book_space(const BookSpaceBody& b) {
    check_id(*b.space_id);
    auto start = read_site_time(paris(), *b.start, "start");
    auto end = read_site_time(paris(), *b.end, "end");
    if (start && end) (void)check_space_range_shape(paris(), *start, *end);
    Space room;
    room.capacity = 12;
    (void)check_space_request(room, *b.attendees, *b.subject);
}

void create_survey(const CreateSurveyBody& b) {
    auto create = create_survey_of(b);
    for (auto& id : create.survey.service_ids) FUZZ_CHECK(id > 0, "a decoded service id that is not positive");
    (void)validate_survey(create.survey);
}

void answer_survey(const AnswersBody& b) {
    // The built-in questionnaire has a question of each kind.
    auto* flex_office = find_survey_template("flex_office");
    FUZZ_CHECK(flex_office, "the built-in questionnaire is missing");
    auto questions = flex_office->questions;
    for (std::size_t i = 0; i < questions.size(); ++i) questions[i].id = static_cast<QuestionId>(i + 1);
    auto kept = validate_answers(questions, given_answers_of(b));
    if (kept) FUZZ_CHECK(!kept->empty() && kept->size() <= questions.size(), "answers kept beyond the questions");
}

void post_remontee(const PostRemonteeBody& b) {
    Remontee r;
    r.kind = *b.kind;
    r.theme = *b.theme;
    r.title = *b.title;
    r.body = b.body.value_or("");
    (void)validate_remontee(r);
}

template <class T, class Check>
void route(std::string_view body, Check check) {
    if (auto b = decode<T>(body)) check(*b);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    if (size == 0) return 0;
    auto body = fuzz::text_of(data + 1, size - 1);
    switch (data[0] % 16) {
        case 0:
            route<BookDeskBody>(body, [](const BookDeskBody& b) { check_id(*b.desk_id); });
            break;
        case 1:
            route<BookSpaceBody>(body, book_space);
            break;
        case 2:
            route<DeclarationBody>(body, [](const DeclarationBody&) {});
            break;
        case 3:
            route<PatternBody>(body, [](const PatternBody&) {});
            break;
        case 4:
            route<JoinWaitlistBody>(body, [](const JoinWaitlistBody&) {});
            break;
        case 5:
            route<CreateSurveyBody>(body, create_survey);
            break;
        case 6:
            route<AnswersBody>(body, answer_survey);
            break;
        case 7:
            route<PostRemonteeBody>(body, post_remontee);
            break;
        case 8:
            route<EditRemonteeBody>(body, [](const EditRemonteeBody&) {});
            break;
        case 10:
            route<TakeLockerBody>(body, [](const TakeLockerBody& b) {
                if (b.locker_id) check_id(*b.locker_id);
            });
            break;
        case 11:
            route<AssignLockerBody>(body, [](const AssignLockerBody& b) {
                check_id(*b.locker_id);
                check_id(*b.resident_id);
            });
            break;
        case 12:
            route<FlashCountBody>(body, [](const FlashCountBody& b) {
                if (b.floor_id) check_id(*b.floor_id);
            });
            break;
        case 13:
            if (auto b = decode<LoginBody>(body, UnknownFields::ignore)) (void)b;
            break;
        case 14:
            route<OwnPasswordBody>(body, [](const OwnPasswordBody&) {});
            route<PasswordResetBody>(body, [](const PasswordResetBody&) {});
            break;
        case 15:
            route<NewApiTokenBody>(body, [](const NewApiTokenBody&) {});
            break;
        default:
            route<AnswerRemonteeBody>(body, [](const AnswerRemonteeBody& b) {
                (void)validate_remontee_answer(b.answer.value_or(""));
            });
            break;
    }
    return 0;
}
