// SPDX-License-Identifier: EUPL-1.2
#include "http/server.hpp"

#include <atomic>
#include <memory>
#include <set>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "core/errors.hpp"
#include "http/beast_pch.hpp"
#include "http/json_codec.hpp"

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

// The connections being served, so a stop can close the idle ones. Each entry is shared
// with the handlers posted to its connection's strand, and marked closed (on that strand)
// before its stream goes away.
class Connections {
public:
    struct Entry {
        Entry(beast::tcp_stream* s, const beast::flat_buffer* b, asio::any_io_executor st)
            : stream(s), buffer(b), strand(st) {}
        beast::tcp_stream* stream;
        const beast::flat_buffer* buffer;  // holds the bytes of a request still arriving
        asio::any_io_executor strand;
        bool busy = false;    // a request's header has arrived; read and written on the strand only
        bool closed = false;  // likewise
        // Serving an event stream (live updates, issue 11): long-lived by design, never idle;
        // it ends itself when the server stops.
        bool streaming = false;
        // No request arriving or being served: nothing read and unparsed, nothing waiting
        // in the kernel's receive buffer either (a request sent just before the stop).
        bool idle() const {
            beast::error_code ec;
            return !busy && buffer->size() == 0 && stream->socket().available(ec) == 0;
        }
    };
    std::shared_ptr<Entry> add(beast::tcp_stream* s, const beast::flat_buffer* b, asio::any_io_executor strand) {
        auto e = std::make_shared<Entry>(s, b, strand);
        std::lock_guard lock(mutex_);
        entries_.insert(e);
        return e;
    }
    // Called on the entry's strand, just before its stream is destroyed.
    void remove(const std::shared_ptr<Entry>& e) {
        e->closed = true;
        std::lock_guard lock(mutex_);
        entries_.erase(e);
    }
    bool empty() {
        std::lock_guard lock(mutex_);
        return entries_.empty();
    }
    // Cancels the pending read of every idle connection; the others notice the stop after
    // writing their response. drain() calls it again until all are gone.
    void close_idle() {
        std::lock_guard lock(mutex_);
        for (auto& e : entries_)
            asio::post(e->strand, [e] {
                beast::error_code ignored;
                if (!e->closed && e->idle()) e->stream->socket().cancel(ignored);
            });
    }

private:
    std::mutex mutex_;
    std::set<std::shared_ptr<Entry>> entries_;
};

struct Shared {
    const ServerOptions& options;
    const Api& api;
    asio::thread_pool& slow_pool;  // runs slow handlers so I/O threads keep serving
    Connections connections;
    std::atomic<bool> stopping{false};
};

Request to_request(const bhttp::request<bhttp::string_body>& in, const tcp::socket& socket, bool& bad_target) {
    Request r;
    beast::error_code ec;
    auto peer = socket.remote_endpoint(ec);
    if (!ec) r.remote_address = peer.address().to_string();
    r.method = std::string(in.method_string());
    auto url = boost::urls::parse_origin_form(in.target());
    if (!url) {
        bad_target = true;
        return r;
    }
    r.path = url->path();
    for (auto param : url->params()) r.query.emplace_back(param.key, param.value);
    r.body = in.body();
    if (auto it = in.find(bhttp::field::content_type); it != in.end()) r.content_type = it->value();
    if (auto it = in.find(bhttp::field::authorization); it != in.end()) r.authorization = it->value();
    if (auto it = in.find(bhttp::field::cookie); it != in.end()) r.cookie = it->value();
    if (auto it = in.find("X-CSRF-Token"); it != in.end()) r.csrf_token = it->value();
    if (auto it = in.find("X-Forwarded-For"); it != in.end()) r.forwarded_for = it->value();
    if (auto it = in.find(bhttp::field::accept); it != in.end()) r.accept = it->value();
    if (auto it = in.find(bhttp::field::accept_encoding); it != in.end()) r.accept_encoding = it->value();
    if (auto it = in.find("Last-Event-ID"); it != in.end()) r.last_event_id = it->value();
    return r;
}

bhttp::response<bhttp::string_body> to_beast(Response&& r, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
    out.set(bhttp::field::server, "escale");
    if (!r.content_type.empty()) out.set(bhttp::field::content_type, r.content_type);
    for (auto& h : security_headers) out.set(h[0], h[1]);
    // A header the response sets itself (Cache-Control of the web app's files) replaces the
    // default; the others (Set-Cookie…) add to it.
    for (auto& [k, v] : r.headers) {
        if (beast::iequals(k, "Cache-Control")) out.set(k, v);
        else out.insert(k, v);
    }
    out.body() = std::move(r.body);
    out.keep_alive(keep_alive);
    out.prepare_payload();
    return out;
}

Response error_of(const Error& e, int status) {
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
    bool first = true;

    for (;;) {
        if (shared.stopping) break;
        bhttp::request_parser<bhttp::string_body> parser;
        parser.body_limit(shared.options.body_limit);
        parser.header_limit(16 * 1024);
        // The first request must arrive within the read timeout; later ones may wait idle.
        stream.expires_after(first ? shared.options.read_timeout : shared.options.idle_timeout);
        auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, use_nothrow);
        if (!ec) entry->busy = true;  // in flight from here: a stop lets it finish
        if (!ec && !parser.is_done()) {
            stream.expires_after(shared.options.read_timeout);
            std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, use_nothrow);
        }
        first = false;
        if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
            ec == beast::error::timeout || ec == asio::error::connection_reset || ec == asio::error::eof)
            break;
        entry->busy = true;
        Response response;
        bool keep_alive = false;
        unsigned version = 11;
        if (ec == bhttp::error::body_limit) {
            response = error_of(errors::body_too_large(shared.options.body_limit), 413);
        } else if (ec) {
            response = error_of(Error{ErrorKind::invalid_input, "bad_request",
                                      "La requête HTTP est mal formée.", {}}, 400);
        } else {
            auto& msg = parser.get();
            version = msg.version();
            keep_alive = msg.keep_alive() && !shared.stopping;
            bool bad_target = false;
            auto request = to_request(msg, stream.socket(), bad_target);
            if (bad_target)
                response = error_of(Error{ErrorKind::invalid_input, "bad_target", "L'adresse demandée est mal formée.", {}}, 400);
            else if (auto route = shared.api.route(request); route.route && route.route->slow)
                response = co_await asio::co_spawn(
                    shared.slow_pool,
                    [&]() -> asio::awaitable<Response> { co_return shared.api.handle(request, route); },
                    asio::use_awaitable);
            else
                response = shared.api.handle(request, route);
        }
        if (response.stream) {
            entry->streaming = true;
            co_await stream_events(shared, stream, std::move(response), version);
            break;
        }
        auto out = to_beast(std::move(response), version, keep_alive && !shared.stopping);
        stream.expires_after(shared.options.read_timeout);
        auto [wec, written] = co_await bhttp::async_write(stream, out, use_nothrow);
        entry->busy = false;
        if (!wec && ec == bhttp::error::body_limit) co_await linger(stream);
        if (wec || !out.keep_alive()) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    shared.connections.remove(entry);
}

asio::awaitable<void> listen(Shared& shared, tcp::acceptor& acceptor, asio::io_context& ioc) {
    for (;;) {
        auto strand = asio::make_strand(ioc);
        auto [ec, socket] = co_await acceptor.async_accept(strand, use_nothrow);
        if (ec) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
            spdlog::warn("accept: {}", ec.message());
            continue;
        }
        asio::co_spawn(strand, session(shared, std::move(socket)), [](std::exception_ptr e) {
            if (!e) return;
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                spdlog::error("connection ended by an exception: {}", ex.what());
            }
        });
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

Result<void> serve(const ServerOptions& options, const Api& api,
                   const std::function<void(std::uint16_t)>& on_listening) {
    // One more I/O thread than cores: a thread waiting on a SQLite file lock then leaves the
    // cores busy (measured: +20-30 % on floor availability with 2 cores, bench/README.md).
    int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency()) + 1;
    asio::io_context ioc{threads};
    // Writers mostly wait (for the database's write lock, for a disk flush shared with
    // other commits), so this pool is larger than the core count.
    asio::thread_pool slow_pool(static_cast<std::size_t>(std::max(16, 4 * threads)));
    Shared shared{options, api, slow_pool, {}, {}};

    tcp::acceptor acceptor(ioc);
    beast::error_code ec;
    auto address = asio::ip::make_address(options.host, ec);
    if (!ec) {
        tcp::endpoint ep{address, options.port};
        acceptor.open(ep.protocol(), ec);
        if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) acceptor.bind(ep, ec);
        if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec)
        return fail(ErrorKind::unavailable, "listen_failed",
                    "Impossible d'écouter sur " + options.host + ":" + std::to_string(options.port) + " (" +
                        ec.message() + ").");

    asio::co_spawn(ioc, listen(shared, acceptor, ioc), asio::detached);

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code e, int sig) {
        if (e) return;
        spdlog::info("signal {} reçu : arrêt en cours (requêtes en cours terminées)", sig);
        shared.stopping = true;
        beast::error_code ignored;
        acceptor.close(ignored);
        shared.connections.close_idle();
        asio::co_spawn(ioc, drain(shared, options.shutdown_grace), [&](std::exception_ptr, bool drained) {
            if (!drained) spdlog::warn("arrêt forcé : des connexions n'ont pas fini à temps");
            ioc.stop();
        });
    });

    on_listening(acceptor.local_endpoint().port());
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
    slow_pool.join();
    return {};
}

}  // namespace escale::http
