// Catch2 v3 brings main() in Catch2::Catch2WithMain; v2 needs it defined here.
#if !__has_include(<catch2/catch_all.hpp>)
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#endif
