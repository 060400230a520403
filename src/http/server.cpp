// SPDX-License-Identifier: EUPL-1.2
#include "http/server.hpp"
#include "http/server_figures.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <memory>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>

#include <spdlog/spdlog.h>

#include "core/errors.hpp"
#include "http/beast_pch.hpp"
#include "http/access_log.hpp"
#include "http/arrivals.hpp"
#include "http/json_codec.hpp"
#include "http/request_id.hpp"
#include "http/replies.hpp"
#include "http/request_reader.hpp"
#include "http/content_coding.hpp"  // JSON answers compressed (issue 11)

namespace escale::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

const char* const security_headers[][2] = {
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
     "form-action 'self'"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Cross-Origin-Resource-Policy", "same-origin"},
    {"Cache-Control", "no-store"},
};

// The connections being served, so a stop can close the idle ones and the connection cap
// can shed some. Each entry is shared with the handlers posted to its connection's strand,
// and marked closed (on that strand) before its stream goes away. Safe to share between
// threads: the set is guarded by a mutex, an entry's phase is atomic, the rest of an entry
// is touched on its strand only.
class Connections {
public:
    // Where a connection is in its life. Only `waiting` and `idle` ones may be shed.
    enum class Phase {
        waiting,    // accepted, its first request not complete yet (nothing sent, or part of a header)
        idle,       // between two requests of a kept-alive connection
        busy,       // a request's header has arrived: it is being read, served or answered
        streaming,  // a long-lived answer being streamed (server-sent events): never shed
    };
    struct Entry {
        Entry(beast::tcp_stream* s, const beast::flat_buffer* b, asio::any_io_executor st, std::uint64_t n)
            : stream(s), buffer(b), strand(st), number(n) {}
        beast::tcp_stream* stream;
        const beast::flat_buffer* buffer;  // holds the bytes of a request still arriving
        asio::any_io_executor strand;
        std::uint64_t number;  // order of arrival: the oldest is shed first
        std::atomic<Phase> phase{Phase::waiting};  // written on the strand only
        bool closed = false;    // read and written on the strand only
        bool shedding = false;  // guarded by the set's mutex
        // No request arriving or being served: nothing read and unparsed, nothing waiting
        // in the kernel's receive buffer either (a request sent just before the stop).
        bool idle() const {
            beast::error_code ec;
            Phase p = phase;
            return (p == Phase::waiting || p == Phase::idle) && buffer->size() == 0 &&
                   stream->socket().available(ec) == 0;
        }
    };
    std::shared_ptr<Entry> add(beast::tcp_stream* s, const beast::flat_buffer* b, asio::any_io_executor strand) {
        std::lock_guard lock(mutex_);
        auto e = std::make_shared<Entry>(s, b, strand, next_number_++);
        entries_.emplace(e->number, e);
        return e;
    }
    // Called on the entry's strand, just before its stream is destroyed.
    void remove(const std::shared_ptr<Entry>& e) {
        e->closed = true;
        std::lock_guard lock(mutex_);
        if (e->shedding) --shedding_;
        entries_.erase(e->number);
    }
    bool empty() {
        std::lock_guard lock(mutex_);
        return entries_.empty();
    }
    // Connections open and not already being shed.
    std::size_t live() {
        std::lock_guard lock(mutex_);
        return entries_.size() - shedding_;
    }
    // Connections open, those being shed included: the descriptors they hold.
    std::size_t held() {
        std::lock_guard lock(mutex_);
        return entries_.size();
    }
    // Closes up to `count` connections that wait for a request: idle kept-alive ones first,
    // then those whose first request has not arrived; the oldest first in each. A connection
    // serving a request or streaming an answer is never shed. Returns how many were chosen.
    // Called for each batch of newcomers at the cap: it stops at the first ones it finds.
    std::size_t shed(std::size_t count) {
        std::vector<std::shared_ptr<Entry>> chosen;
        {
            std::lock_guard lock(mutex_);
            for (Phase wanted : {Phase::idle, Phase::waiting})
                for (auto it = entries_.begin(); it != entries_.end() && chosen.size() < count; ++it)
                    if (!it->second->shedding && it->second->phase == wanted) {
                        it->second->shedding = true;
                        chosen.push_back(it->second);
                    }
            shedding_ += chosen.size();
        }
        for (auto& e : chosen)
            asio::post(e->strand, [this, e] {
                Phase p = e->phase;
                if (!e->closed && (p == Phase::waiting || p == Phase::idle)) {
                    beast::error_code ignored;
                    e->stream->socket().cancel(ignored);
                    return;
                }
                std::lock_guard lock(mutex_);  // it got busy meanwhile: keep it
                if (e->shedding && !e->closed) {
                    e->shedding = false;
                    --shedding_;
                }
            });
        return chosen.size();
    }
    // Cancels the pending read of every idle connection; the others notice the stop after
    // writing their response. drain() calls it again until all are gone.
    void close_idle() {
        std::lock_guard lock(mutex_);
        for (auto& entry : entries_)
            asio::post(entry.second->strand, [e = entry.second] {
                beast::error_code ignored;
                if (!e->closed && e->idle()) e->stream->socket().cancel(ignored);
            });
    }

private:
    std::mutex mutex_;
    std::map<std::uint64_t, std::shared_ptr<Entry>> entries_;  // by order of arrival
    std::uint64_t next_number_ = 0;
    std::size_t shedding_ = 0;
};

// A warning said at most once per period, with the number of times it was kept silent:
// a failure repeated thousands of times a second must not fill the log. Used by one
// coroutine at a time (the accept loop).
class RateLimitedWarning {
public:
    explicit RateLimitedWarning(std::chrono::seconds period) : period_(period) {}
    void operator()(const std::string& what) {
        auto now = std::chrono::steady_clock::now();
        if (said_ && now - last_ < period_) {
            ++silenced_;
            return;
        }
        if (silenced_ > 0) spdlog::warn("{} (et {} fois de plus depuis le dernier avertissement)", what, silenced_);
        else spdlog::warn("{}", what);
        said_ = true;
        last_ = now;
        silenced_ = 0;
    }

private:
    std::chrono::seconds period_;
    std::chrono::steady_clock::time_point last_{};
    bool said_ = false;
    std::uint64_t silenced_ = 0;
};

// Admission to the password-hashing pool: at most `limit` requests running or queued there.
// Safe to share between threads.
class HashingAdmission {
public:
    explicit HashingAdmission(std::size_t limit) : limit_(limit) {}
    bool enter() {
        if (++admitted_ > limit_) {
            --admitted_;
            return false;
        }
        return true;
    }
    void leave() { --admitted_; }

private:
    std::size_t limit_;
    std::atomic<std::size_t> admitted_{0};
};

// Bytes of answers built for one request (not static) and not yet taken by their clients:
// beyond a budget, an answer is replaced by a short 503, so that clients that ask and never
// read cannot make the server hold unbounded memory. Safe to share between threads.
class UnsentBytes {
public:
    explicit UnsentBytes(std::size_t budget) : budget_(budget) {}
    bool take(std::size_t n) {
        if (used_.fetch_add(n) + n > budget_ && n > 64 * 1024) {
            used_ -= n;
            return false;
        }
        return true;
    }
    void give_back(std::size_t n) { used_ -= n; }

private:
    std::size_t budget_;
    std::atomic<std::size_t> used_{0};
};

struct Shared {
    const ServerOptions& options;
    const Api& api;
    asio::thread_pool& slow_pool;  // runs slow handlers so I/O threads keep serving
    asio::thread_pool& hashing_pool;  // runs the routes that hash passwords (argon2id), a few at a time
    HashingAdmission& hashing;
    UnsentBytes& unsent;
    Arrivals& arrivals;  // accepted, not started yet
    Connections connections;  // started
    std::atomic<bool> stopping{false};
    std::size_t max_connections = 0;  // the cap in force (ServerOptions::max_connections, or derived)
    std::atomic<std::uint64_t> requests{0};  // answered since the start (give_back_memory)
};

// The head of an answer: status, content type, the security headers, the response's own.
template <class Body>
void set_head(bhttp::response<Body>& out, const Response& r, bool keep_alive, std::string_view request_id) {
    out.set(bhttp::field::server, "escale");
    out.set("X-Request-Id", request_id);
    if (!r.content_type.empty()) out.set(bhttp::field::content_type, r.content_type);
    for (auto& h : security_headers) out.set(h[0], h[1]);
    // A header the response sets itself (Cache-Control of the web app's files, the plans'
    // Content-Security-Policy) replaces the default; the others (Set-Cookie…) add to it.
    for (auto& [k, v] : r.headers) {
        if (beast::iequals(k, "Cache-Control") || beast::iequals(k, "Content-Security-Policy")) out.set(k, v);
        else out.insert(k, v);
    }
    out.keep_alive(keep_alive);
}

using StaticBody = bhttp::span_body<const char>;

bhttp::response<bhttp::string_body> to_beast(Response&& r, unsigned version, bool keep_alive, std::string_view request_id) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
    set_head(out, r, keep_alive, request_id);
    out.body() = std::move(r.body);
    out.prepare_payload();
    return out;
}

// An answer whose body is a static buffer (Response::body_view): sent without a copy.
bhttp::response<StaticBody> to_beast_static(const Response& r, unsigned version, bool keep_alive,
                                            std::string_view request_id) {
    bhttp::response<StaticBody> out{static_cast<bhttp::status>(r.status), version};
    set_head(out, r, keep_alive, request_id);
    out.body() = StaticBody::value_type(r.body_view.data(), r.body_view.size());
    out.prepare_payload();
    return out;
}

Response error_of(const Error& e, int status, std::string_view request_id) {
    RequestIdScope scope(request_id);
    return Response{status, "application/json; charset=utf-8", error_body(e), {}};
}

// After refusing a request whose body is still arriving, read and drop what the client
// keeps sending (bounded in time and bytes) so it can read the refusal instead of
// meeting a reset connection.
asio::awaitable<void> linger(beast::tcp_stream& stream) {
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    std::array<char, 64 * 1024> sink;
    std::size_t drained = 0;
    stream.expires_after(2s);
    while (drained < 64 * 1024 * 1024) {
        auto [rec, n] = co_await stream.async_read_some(asio::buffer(sink), use_nothrow);
        if (rec) break;
        drained += n;
    }
}

// live updates (issue 11): whether the client closed its side of an event stream (the page
// was left or EventSource.close() was called), seen without waiting for a write to fail.
bool peer_closed(tcp::socket& socket) {
    char byte;
    beast::error_code ec;
    socket.non_blocking(true, ec);
    socket.receive(asio::buffer(&byte, 1), tcp::socket::message_peek, ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
}

// live updates (issue 11): the header of a response whose body is an event stream, then its
// events as they come, until the stream ends, the client leaves or the server stops. No
// length: the body ends when the connection closes.
asio::awaitable<void> stream_events(Shared& shared, beast::tcp_stream& stream, Response&& r, unsigned version) {
    auto events = std::move(r.stream);
    bhttp::response<bhttp::empty_body> head{static_cast<bhttp::status>(r.status), version};
    head.set(bhttp::field::server, "escale");
    head.set(bhttp::field::content_type, r.content_type);
    for (auto& h : security_headers) head.set(h[0], h[1]);
    for (auto& [k, v] : r.headers) head.set(k, v);
    head.keep_alive(false);
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    stream.expires_after(shared.options.read_timeout);
    auto [ec, n] = co_await bhttp::async_write_header(stream, serializer, use_nothrow);
    asio::steady_timer tick(co_await asio::this_coro::executor);
    while (!ec && !shared.stopping) {
        stream.expires_never();
        tick.expires_after(events->tick);
        co_await tick.async_wait(use_nothrow);
        if (shared.stopping || peer_closed(stream.socket())) break;
        auto text = events->next();
        if (!text) break;
        if (text->empty()) continue;
        stream.expires_after(shared.options.read_timeout);
        std::tie(ec, n) = co_await asio::async_write(stream, asio::buffer(*text), use_nothrow);
    }
}

asio::awaitable<void> session(Shared& shared, tcp::socket socket) {
    auto strand = socket.get_executor();  // the connection's strand, where this coroutine runs
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    auto entry = shared.connections.add(&stream, &buffer, strand);
    server_figures().open_connections.add();
    bool first = true;

    for (;;) {
        if (shared.stopping) break;
        RequestParser parser;
        limit_request(parser, shared.options.body_limit);
        // The first request must arrive within the read timeout; later ones may wait idle.
        stream.expires_after(first ? shared.options.read_timeout : shared.options.idle_timeout);
        auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, use_nothrow);
        if (!ec) entry->phase = Connections::Phase::busy;  // in flight from here: a stop lets it finish
        if (!ec && !parser.is_done()) {
            stream.expires_after(shared.options.read_timeout);
            std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, use_nothrow);
        }
        first = false;
        if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
            ec == beast::error::timeout || ec == asio::error::connection_reset || ec == asio::error::eof)
            break;
        entry->phase = Connections::Phase::busy;
        const auto started = std::chrono::steady_clock::now();
        const std::string request_id = new_request_id();
        std::string_view route_pattern = "-";
        const Route* matched = nullptr;  // GET /metrics counts requests by route (issue 14)
        std::string method = "-";
        std::string accept_encoding;  // JSON answers compressed when the client takes gzip (issue 11)
        Response response;
        bool head_only = false;  // a HEAD request: the answer's head, with the length its body would have
        bool keep_alive = false;
        unsigned version = 11;
        if (ec == bhttp::error::body_limit) {
            response = error_of(errors::body_too_large(shared.options.body_limit), 413, request_id);
        } else if (ec) {
            response = error_of(Error{ErrorKind::invalid_input, "bad_request",
                                      "La requête HTTP est mal formée.", {}}, 400, request_id);
        } else {
            auto& msg = parser.get();
            version = msg.version();
            keep_alive = msg.keep_alive() && !shared.stopping;
            bool bad_target = false;
            auto request = to_request(msg, bad_target);
            beast::error_code peer_ec;
            if (auto peer = stream.socket().remote_endpoint(peer_ec); !peer_ec)
                request.remote_address = peer.address().to_string();
            request.request_id = request_id;
            method = request.method;
            // Hardening (issue 14, finding 9): HEAD is served as GET, its body left unsent.
            if (request.method == "HEAD") {
                head_only = true;
                request.method = "GET";
            }
            accept_encoding = request.accept_encoding;
            auto handle = [&shared, &request](const Router::Match& route) {
                RequestIdScope scope(request.request_id);
                return shared.api.handle(request, route);
            };
            // Hardening (issue 14, finding 9): HTTP/1.1 requires exactly one Host (RFC 9112, 3.2).
            if (lacks_single_host(msg)) {
                response = error_of(errors::missing_host(), 400, request_id);
                keep_alive = false;
            } else if (bad_target)
                response = error_of(Error{ErrorKind::invalid_input, "bad_target", "L'adresse demandée est mal formée.", {}}, 400, request_id);
            else if (auto route = shared.api.route(request); route.route && route.route->hashes_password) {
                route_pattern = route.route->pattern;
                matched = route.route;
                std::optional<Error> refused;
                if (route.route->early_check) {
                    RequestIdScope scope(request.request_id);
                    refused = route.route->early_check(request);
                }
                if (refused) {
                    response = error_response(*refused);
                } else if (!shared.hashing.enter()) {
                    response = error_of(errors::server_busy(1s), 503, request_id);
                    response.headers.emplace_back("Retry-After", "1");
                } else {
                    server_figures().hashing_pool_waiting.add();
                    response = co_await asio::co_spawn(
                        shared.hashing_pool,
                        [&]() -> asio::awaitable<Response> { co_return handle(route); },
                        asio::use_awaitable);
                    server_figures().hashing_pool_waiting.sub();
                    shared.hashing.leave();
                }
            } else if (route.route && route.route->slow) {
                route_pattern = route.route->pattern;
                matched = route.route;
                server_figures().slow_pool_waiting.add();
                response = co_await asio::co_spawn(
                    shared.slow_pool,
                    [&]() -> asio::awaitable<Response> { co_return handle(route); },
                    asio::use_awaitable);
                server_figures().slow_pool_waiting.sub();
            } else {
                matched = route.route;
                if (route.route) route_pattern = route.route->pattern;
                response = handle(route);
            }
        }
        if (head_only) response.stream = nullptr;  // a HEAD on an event stream: its head only
        if (response.stream) {  // live updates (issue 11): never shed while it streams
            entry->phase = Connections::Phase::streaming;
            co_await stream_events(shared, stream, std::move(response), version);
            break;
        }
        keep_alive = keep_alive && !shared.stopping;
        compress_answer(response, accept_encoding);  // weight of the web app (issue 11)
        beast::error_code wec;
        bool kept_alive = false;
        int status = response.status;
        std::size_t sent_bytes = response.body_view.empty() ? response.body.size() : response.body_view.size();
        stream.expires_after(shared.options.read_timeout);
        if (head_only) {
            bhttp::response<bhttp::empty_body> out{static_cast<bhttp::status>(response.status), version};
            set_head(out, response, keep_alive, request_id);
            out.content_length(sent_bytes);
            std::tie(wec, std::ignore) = co_await bhttp::async_write(stream, out, use_nothrow);
            kept_alive = out.keep_alive();
            sent_bytes = 0;
        } else if (!response.body_view.empty()) {
            auto out = to_beast_static(response, version, keep_alive, request_id);
            std::tie(wec, std::ignore) = co_await bhttp::async_write(stream, out, use_nothrow);
            kept_alive = out.keep_alive();
        } else {
            std::size_t held = response.body.size();
            if (!shared.unsent.take(held)) {
                response = error_of(errors::server_busy(1s), 503, request_id);
                response.headers.emplace_back("Retry-After", "1");
                held = 0;
                status = response.status;
                sent_bytes = response.body.size();
            }
            auto out = to_beast(std::move(response), version, keep_alive, request_id);
            std::tie(wec, std::ignore) = co_await bhttp::async_write(stream, out, use_nothrow);
            shared.unsent.give_back(held);
            kept_alive = out.keep_alive();
        }
        entry->phase = Connections::Phase::idle;
        shared.requests.fetch_add(1, std::memory_order_relaxed);
        server_figures().request_done(
            matched, status,
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started));
        log_access(shared.options.access_log,
                   AccessEntry{request_id, method, route_pattern, status,
                               std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started),
                               sent_bytes});
        if (!wec && ec == bhttp::error::body_limit) co_await linger(stream);
        if (wec || !kept_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    shared.connections.remove(entry);
    server_figures().open_connections.sub();
}

// Out of descriptors (or of kernel memory) for a new connection: waiting cannot help unless
// some connection closes, so the loop sheds idle ones and pauses instead of spinning.
bool out_of_resources(const beast::error_code& ec) {
    return ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space || ec == asio::error::no_memory ||
           (ec.category() == asio::error::get_system_category() && ec.value() == ENFILE);
}

void report_session_end(std::exception_ptr e) {
    if (!e) return;
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        spdlog::error("connection ended by an exception: {}", ex.what());
    }
}

// A starter (http/arrivals.hpp): starts the newest connection waiting, then queues itself
// again behind the work it made, or retires when none waits.
void start_next(Shared& shared, asio::io_context& ioc) {
    auto socket = shared.arrivals.next();
    if (!socket) return;
    auto executor = socket->get_executor();
    asio::co_spawn(executor, session(shared, std::move(*socket)), report_session_end);
    asio::post(ioc, [&shared, &ioc] { start_next(shared, ioc); });
}

// New connections (none: only the cap is enforced), kept to be started. At the cap, they take
// the places of connections that wait for a request (started ones first, else the oldest not
// started); when every connection is serving or streaming, the oldest newcomers are turned away.
void admit(Shared& shared, asio::io_context& ioc, std::vector<tcp::socket>& batch, RateLimitedWarning& cap_warning) {
    auto open = shared.connections.live() + shared.arrivals.size();
    std::size_t turned_away = 0;
    if (open + batch.size() > shared.max_connections) {
        auto over = open + batch.size() - shared.max_connections;
        auto freed = shared.connections.shed(over);
        freed += shared.arrivals.shed(over - freed);
        turned_away = std::min(over - freed, batch.size());
    }
    if (turned_away > 0)
        cap_warning("connexion refusée : " + std::to_string(shared.max_connections) +
                    " connexions ouvertes, toutes occupées (--max-connections)");
    for (std::size_t i = 0; i < turned_away; ++i) {
        beast::error_code ignored;
        batch[i].close(ignored);
    }
    auto starters = shared.arrivals.arrive(batch.begin() + static_cast<std::ptrdiff_t>(turned_away), batch.end());
    for (std::size_t i = 0; i < starters; ++i) asio::post(ioc, [&shared, &ioc] { start_next(shared, ioc); });
}

// The accept loop, on a thread of its own (`acceptor` belongs to another io_context than
// `ioc`, whose threads serve the connections): whatever the I/O threads are doing, a
// connection is taken from the kernel as soon as it arrives (http/arrivals.hpp).
asio::awaitable<void> listen(Shared& shared, tcp::acceptor& acceptor, asio::io_context& ioc) {
    RateLimitedWarning accept_warning(10s), cap_warning(10s);
    asio::steady_timer pause(co_await asio::this_coro::executor);
    auto backoff = 5ms;
    // Connections shed at the cap close on their own threads, a little later: new ones are
    // accepted meanwhile, up to this many descriptors in all (the cap and a sixteenth), so that
    // the database and the logs keep theirs (connection_cap) and accept never meets EMFILE.
    const std::size_t most = shared.max_connections + std::max<std::size_t>(16, shared.max_connections / 16);
    for (;;) {
        if (auto held = shared.connections.held() + shared.arrivals.size(); held >= most) {
            if (!acceptor.is_open()) co_return;
            std::vector<tcp::socket> none;
            admit(shared, ioc, none, cap_warning);  // sheds again if a connection shed got busy meanwhile
            pause.expires_after(1ms);
            co_await pause.async_wait(use_nothrow);
            continue;
        }
        auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), use_nothrow);
        if (ec) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
            accept_warning("accept : " + ec.message());
            if (out_of_resources(ec)) {
                // Free some descriptors for the connections waiting to be accepted (started
                // connections waiting for a request first); pause longer each time nothing
                // could be freed.
                auto freed = shared.connections.shed(16);
                freed += shared.arrivals.shed(16 - freed);
                if (freed > 0) backoff = 5ms;
                else backoff = std::min<std::chrono::milliseconds>(backoff * 2, 1s);
            }
            pause.expires_after(out_of_resources(ec) ? backoff : 1ms);
            co_await pause.async_wait(use_nothrow);
            continue;
        }
        backoff = 5ms;
        // The others already waiting, a few hundred at most before the loop lets a stop in;
        // an error is left for async_accept to meet again.
        std::vector<tcp::socket> batch;
        batch.push_back(std::move(socket));
        auto room = most - std::min(most, shared.connections.held() + shared.arrivals.size());
        while (batch.size() < std::min<std::size_t>(room, 256)) {
            beast::error_code more;
            auto next = acceptor.accept(asio::make_strand(ioc), more);
            if (more) break;
            batch.push_back(std::move(next));
        }
        admit(shared, ioc, batch, cap_warning);
    }
}

// Every 10 s when requests were answered since, the memory they freed is given back to the
// system: glibc keeps what each thread's arena freed, and the I/O threads build answers in
// parallel (8 of them with PostgreSQL): a burst of slow clients had left RSS 13 MiB higher for
// good (test_hostile.UnreadBuiltAnswers). A trim takes about a millisecond.
asio::awaitable<void> give_back_memory(Shared& shared) {
    asio::steady_timer tick(co_await asio::this_coro::executor);
    std::uint64_t seen = 0;
    while (!shared.stopping) {
        tick.expires_after(10s);
        if (auto [ec] = co_await tick.async_wait(use_nothrow); ec) co_return;
        if (auto answered = shared.requests.load(std::memory_order_relaxed); answered != seen) {
            seen = answered;
            malloc_trim(0);
        }
    }
}

// Waits until every connection has closed, or the grace period is over; says which.
asio::awaitable<bool> drain(Shared& shared, std::chrono::seconds grace) {
    asio::steady_timer tick(co_await asio::this_coro::executor);
    auto until = std::chrono::steady_clock::now() + grace;
    while (!shared.connections.empty()) {
        if (std::chrono::steady_clock::now() >= until) co_return false;
        shared.connections.close_idle();
        tick.expires_after(20ms);
        co_await tick.async_wait(asio::use_awaitable);
    }
    co_return true;
}

}  // namespace

std::size_t connection_cap(std::size_t asked) {
    if (asked > 0) return asked;
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 10000;
    auto files = static_cast<std::size_t>(limit.rlim_cur);
    // Kept for the database (SQLite's files, PostgreSQL's connections), the logs, the OIDC
    // client and the accept loop itself.
    std::size_t reserve = std::max<std::size_t>(64, files / 8);
    return files > reserve + 16 ? files - reserve : 16;
}

Result<void> serve(const ServerOptions& options, const Api& api,
                   const std::function<void(std::uint16_t)>& on_listening) {
    // One more I/O thread than cores: a thread waiting on a SQLite file lock then leaves the
    // cores busy (measured: +20-30 % on floor availability with 2 cores, bench/README.md).
    int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency()) + 1;
    asio::io_context ioc{threads};
    // Writers mostly wait (for the database's write lock, for a disk flush shared with
    // other commits), so this pool is larger than the core count.
    asio::thread_pool slow_pool(static_cast<std::size_t>(std::max(16, 4 * threads)));
    // Password hashing (argon2id, 64 MiB each) on its own pool of one thread per core, with
    // a bounded queue: a flood of logins neither takes the memory nor the writers' threads.
    std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
    std::size_t hashing_threads = options.hashing_threads > 0 ? options.hashing_threads : cores;
    asio::thread_pool hashing_pool(hashing_threads);
    HashingAdmission hashing(hashing_threads * (1 + options.hashing_queue_per_thread));
    UnsentBytes unsent(options.unsent_budget);
    // Large answers (exports, the plans) get their own mapping, given back to the system
    // once sent, instead of staying in the allocator's arenas (glibc otherwise raises this
    // threshold as such blocks are freed).
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    // As many starters as I/O threads: enough to keep them busy, few enough that a newcomer
    // is started within one turn of the queue (http/arrivals.hpp).
    Arrivals arrivals(static_cast<std::size_t>(threads), server_figures().waiting_connections);
    Shared shared{options, api, slow_pool, hashing_pool, hashing, unsent, arrivals, {}, {},
                  connection_cap(options.max_connections)};
    server_figures().set_routes(api.router().routes());  // GET /metrics (issue 14)
    spdlog::info("au plus {} connexions ouvertes à la fois", shared.max_connections);

    asio::io_context accept_ioc{1};  // the accept loop's own thread
    tcp::acceptor acceptor(accept_ioc);
    beast::error_code ec;
    auto address = asio::ip::make_address(options.host, ec);
    if (!ec) {
        tcp::endpoint ep{address, options.port};
        acceptor.open(ep.protocol(), ec);
        if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        // Each connection's kernel send buffer, bounded (accepted sockets inherit both options):
        // by default it grows to 4 MiB, and thousands of clients that never read (issue 14,
        // finding 2) made the kernel hold over 1.5 GB of answers, past its TCP memory pressure
        // mark, which stalls every connection for seconds (`TCPMemoryPressures` in
        // /proc/net/netstat). Linux doubles the 64 KiB asked for, bookkeeping included; a
        // reader 20 ms away still gets about 6 MB/s. Of that buffer, at most 16 KiB not yet
        // sent: a write stops there, and the socket is writable again once the client has taken
        // most of it. A client that never reads then holds 16 KiB instead of about 94 KiB, and
        // 3,000 of them arriving at once cost the server half the CPU (copying answers into
        // the send queues was most of it).
        if (!ec) acceptor.set_option(asio::socket_base::send_buffer_size(64 * 1024), ec);
        if (!ec) acceptor.set_option(asio::detail::socket_option::integer<IPPROTO_TCP, TCP_NOTSENT_LOWAT>(16 * 1024), ec);
        if (!ec) acceptor.bind(ep, ec);
        if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec)
        return fail(ErrorKind::unavailable, "listen_failed",
                    "Impossible d'écouter sur " + options.host + ":" + std::to_string(options.port) + " (" +
                        ec.message() + ").");

    acceptor.non_blocking(true);
    asio::co_spawn(accept_ioc, listen(shared, acceptor, ioc), asio::detached);
    asio::co_spawn(ioc, give_back_memory(shared), asio::detached);

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code e, int sig) {
        if (e) return;
        spdlog::info("signal {} reçu : arrêt en cours (requêtes en cours terminées)", sig);
        shared.stopping = true;
        asio::post(accept_ioc, [&acceptor] {
            beast::error_code ignored;
            acceptor.close(ignored);
        });
        shared.arrivals.shed(SIZE_MAX);
        shared.connections.close_idle();
        asio::co_spawn(ioc, drain(shared, options.shutdown_grace), [&](std::exception_ptr, bool drained) {
            if (!drained) spdlog::warn("arrêt forcé : des connexions n'ont pas fini à temps");
            ioc.stop();
        });
    });

    on_listening(acceptor.local_endpoint().port());
    std::thread accept_thread([&] { accept_ioc.run(); });
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
    accept_ioc.stop();
    accept_thread.join();
    slow_pool.join();
    hashing_pool.join();
    return {};
}

}  // namespace escale::http
