// The entry point of the unit test executable; every suite lives in its own *_test.cpp file.
#define BOOST_TEST_MODULE clerk_mcp
#include <boost/test/unit_test.hpp>
