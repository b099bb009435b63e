// Catch2 v2 (Debian 12 ships 2.13): the runner's main lives here, once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
