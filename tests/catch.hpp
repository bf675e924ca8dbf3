// One include for Catch2 v2 (Debian 12, single header) and v3 (Debian 13).
#ifndef SMTPREPLY_TESTS_CATCH_HPP
#define SMTPREPLY_TESTS_CATCH_HPP
#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
#else
#include <catch2/catch.hpp>
#endif
#endif
