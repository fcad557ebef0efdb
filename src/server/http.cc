#include "server/http.h"

namespace ordo::server {

Reply ErrorReply(const Status& status) {
  return Reply{present::HttpStatusFor(status.code()), present::ErrorJson(status), {}};
}

}  // namespace ordo::server
