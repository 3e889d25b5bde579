// Compiles Boost.Asio and Boost.Beast once for the whole library (separate compilation mode),
// instead of in every file that includes them.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
