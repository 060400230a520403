// SPDX-License-Identifier: EUPL-1.2
// JSON answers compressed with gzip (issue 11, weight of the web app): a compressed answer
// inflates back to the same bytes; small, non-JSON, streamed, static or refused ones are
// left alone; Accept-Encoding's q=0 and "*" are honoured.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "http/content_coding.hpp"

using namespace escale::http;

namespace {

std::string gunzip(const std::string& packed) {
    z_stream z{};
    EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
    std::string out;
    char chunk[4096];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    z.avail_in = static_cast<uInt>(packed.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk);
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - z.avail_out);
    }
    inflateEnd(&z);
    EXPECT_EQ(rc, Z_STREAM_END);
    return out;
}

std::string big_json() {
    std::string s = "[";
    for (int i = 0; i < 200; ++i) s += (i ? "," : "") + std::string(R"({"id":)") + std::to_string(i) + R"(,"label":"P-)" + std::to_string(i) + R"(","am":"free","pm":"taken"})";
    return s + "]";
}

std::string header(const Response& r, const std::string& name) {
    for (auto& [k, v] : r.headers)
        if (k == name) return v;
    return {};
}

}  // namespace

TEST(ContentCoding, AcceptEncoding) {
    EXPECT_TRUE(accepts_coding("gzip, deflate, br", "gzip"));
    EXPECT_TRUE(accepts_coding("GZIP;q=0.5", "gzip"));
    EXPECT_FALSE(accepts_coding("gzip;q=0, br", "gzip"));
    EXPECT_FALSE(accepts_coding("br", "gzip"));
    EXPECT_FALSE(accepts_coding("", "gzip"));
    EXPECT_TRUE(accepts_coding("*", "gzip"));
    EXPECT_FALSE(accepts_coding("*;q=0", "gzip"));
    EXPECT_TRUE(accepts_coding("br;q=0, *", "gzip"));
}

TEST(ContentCoding, ACompressedAnswerInflatesToTheSameJson) {
    Response r;
    r.body = big_json();
    const std::string original = r.body;
    ASSERT_TRUE(compress_answer(r, "gzip, deflate, br"));
    EXPECT_EQ(header(r, "Content-Encoding"), "gzip");
    EXPECT_EQ(header(r, "Vary"), "Accept-Encoding");
    EXPECT_LT(r.body.size(), original.size() / 4);
    EXPECT_EQ(gunzip(r.body), original);
}

TEST(ContentCoding, WhatIsLeftAlone) {
    Response small;
    small.body = R"({"status":"ok"})";
    EXPECT_FALSE(compress_answer(small, "gzip"));
    EXPECT_EQ(small.body, R"({"status":"ok"})");

    Response refused;
    refused.body = big_json();
    EXPECT_FALSE(compress_answer(refused, "gzip;q=0"));
    EXPECT_FALSE(compress_answer(refused, ""));
    EXPECT_EQ(refused.body, big_json());
    EXPECT_TRUE(refused.headers.empty());

    Response csv;
    csv.content_type = "text/csv; charset=utf-8";
    csv.body = big_json();
    EXPECT_FALSE(compress_answer(csv, "gzip"));

    Response coded;
    coded.body = big_json();
    coded.headers.emplace_back("Content-Encoding", "identity");
    EXPECT_FALSE(compress_answer(coded, "gzip"));

    static const std::string fixed = big_json();
    Response view;
    view.body_view = fixed;
    EXPECT_FALSE(compress_answer(view, "gzip"));
}
