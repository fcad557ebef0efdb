// An HTTP exchange as the API sees it, independent of the library that carries it: the
// transport (server.cc) fills a Request and writes the Reply.
#ifndef ORDO_SERVER_HTTP_H_
#define ORDO_SERVER_HTTP_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "present/json.h"

namespace ordo::server {

struct Request {
  std::string method;  // "GET"
  std::string target;  // as sent: "/api/entity/RU-MUR?at=2024-03-01"
  std::string path;    // the target's path, percent-decoded
  // The query string's parameters, decoded, in order. Only the target's: a form body is not
  // read as parameters.
  std::vector<std::pair<std::string, std::string>> query;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;

  // The first value of a header (case-insensitive name); "" when absent.
  std::string Header(std::string_view name) const;
  bool HasParam(std::string_view name) const;
  // The first value of a query parameter; "" when absent.
  std::string Param(std::string_view name) const;
};

// Splits and decodes a request target's query string ("a=1&b=x%20y"): '+' is a space, %XX a byte.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view target);

// An answer before it is written: a status, a JSON body and extra headers.
struct Reply {
  int status = 200;
  present::Json body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// An error reply from a status (present::HttpStatusFor, present::ErrorJson).
Reply ErrorReply(const Status& status);

}  // namespace ordo::server

#endif  // ORDO_SERVER_HTTP_H_
