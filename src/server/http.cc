#include "server/http.h"

#include <iostream>
#include <string_view>

namespace ordo::server {

namespace {

constexpr std::string_view kBusy = "the database is busy";

}  // namespace

// A file or engine failure (kIo, kInternal) is logged in full to stderr and answered without
// its text, which may hold SQLite's messages or paths on the machine; a busy database is 503
// with Retry-After, since trying again is the remedy.
Reply ErrorReply(const Status& status) {
  if (status.code() == Code::kIo && std::string_view(status.message()).substr(0, kBusy.size()) == kBusy) {
    return Reply{503, present::ErrorJson(Status::Io(status.message())), {{"Retry-After", "1"}}};
  }
  if (status.code() == Code::kIo || status.code() == Code::kInternal) {
    std::cerr << "ordo serve: " << status.ToString() << "\n";
    const Status shown = status.code() == Code::kIo
                             ? Status::Io("the database could not be read or written; the server's log says why")
                             : Status::Internal("an internal error; the server's log says why");
    return Reply{500, present::ErrorJson(shown), {}};
  }
  return Reply{present::HttpStatusFor(status.code()), present::ErrorJson(status), {}};
}

}  // namespace ordo::server
