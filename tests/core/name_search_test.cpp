// SPDX-License-Identifier: EUPL-1.2
// Finding a colleague by name (issue 10, item 6): accents, case and punctuation aside, from
// the start of the name or of any of its words.
#include "core/name_search.hpp"

#include <gtest/gtest.h>

using namespace escale;

TEST(NameSearch, FoldsAccentsCaseAndPunctuation) {
    EXPECT_EQ(fold_name("Élodie Lefèvre"), "elodie lefevre");
    EXPECT_EQ(fold_name("  Marie-Claire   GAUTHIER "), "marie claire gauthier");
    EXPECT_EQ(fold_name("Jean d'Ormesson"), "jean d ormesson");
    EXPECT_EQ(fold_name("Lœtitia Straße"), "loetitia strasse");
    EXPECT_EQ(fold_name("Ç"), "c");
    EXPECT_EQ(fold_name(""), "");
    EXPECT_EQ(fold_name("'-"), "");
}

TEST(NameSearch, MatchesTheStartOfTheNameOrOfAWord) {
    auto name = fold_name("Marie-Claire Gauthier");
    EXPECT_TRUE(name_matches(name, fold_name("marie")));
    EXPECT_TRUE(name_matches(name, fold_name("Claire")));
    EXPECT_TRUE(name_matches(name, fold_name("gau")));
    EXPECT_TRUE(name_matches(name, fold_name("marie cl")));
    EXPECT_TRUE(name_matches(name, fold_name("Marie-Claire G")));
    EXPECT_FALSE(name_matches(name, fold_name("laire")));   // inside a word
    EXPECT_FALSE(name_matches(name, fold_name("gauthiers")));
    EXPECT_FALSE(name_matches(name, ""));
    EXPECT_TRUE(name_matches(fold_name("Élodie Lefèvre"), fold_name("lefe")));
    EXPECT_TRUE(name_matches(fold_name("Élodie Lefèvre"), fold_name("ÉLO")));
}

TEST(NameSearch, IsSafeOnAnyBytes) {
    std::string junk("\xff\xfe\x00\xc3", 4);
    EXPECT_NO_THROW(fold_name(junk));
    EXPECT_FALSE(name_matches(fold_name(junk), "zz"));
}
