// An HTTP exchange as the API sees it: the transport's request (http/message.h), and the answer
// the API gives before the transport writes it.
#ifndef ORDO_SERVER_HTTP_H_
#define ORDO_SERVER_HTTP_H_

#include <string>
#include <utility>
#include <vector>

#include "http/message.h"
#include "present/json.h"

namespace ordo::server {

// The request as the transport read it: method, target, decoded path and query, headers, body.
using Request = http::Request;

// An answer before it is written: a status, a JSON body and extra headers.
struct Reply {
  int status = 200;
  present::Json body;
  std::vector<std::pair<std::string, std::string>> headers;
  // A reply that is not JSON (the Atom feed): sent as is with this content type.
  std::string content_type = {};
  std::string text = {};
};

// An error reply from a status (present::HttpStatusFor, present::ErrorJson).
Reply ErrorReply(const Status& status);

}  // namespace ordo::server

#endif  // ORDO_SERVER_HTTP_H_
