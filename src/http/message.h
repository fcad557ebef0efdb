// One HTTP request as the transport hands it to a handler, and the response the handler gives back.
#ifndef ORDO_HTTP_MESSAGE_H_
#define ORDO_HTTP_MESSAGE_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ordo::http {

// A complete request: the header and the whole body have been read (chunked framing removed).
struct Request {
  // As sent; methods are case-sensitive ("GET", "HEAD", "POST", or any token).
  std::string method;
  // The raw request target as sent: "/api/entity/RU-MUR?at=2024-03-01".
  std::string target;
  // The target's path, percent-decoded ("%2F" becomes "/"; "+" stays "+"). For an absolute-form target
  // ("http://host/x") the path of the URL; for "OPTIONS *" the path "*".
  std::string path;
  // The decoded query parameters of the target, in order ("+" and "%20" are spaces); a parameter without
  // "=" has an empty value. Never read from the body.
  std::vector<std::pair<std::string, std::string>> query;
  // The header fields as received, names with their original case, in order.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // The peer's address: "127.0.0.1", "::1" (IPv4-mapped IPv6 addresses are shown as IPv4).
  std::string remote_address;
  // 11 for HTTP/1.1, 10 for HTTP/1.0.
  int version = 11;
  // When the transport gives up on the handler and answers 504 itself (Limits::handler_time_limit).
  // A handler that loops may check it and stop early; its late result is dropped anyway.
  std::chrono::steady_clock::time_point deadline;

  // The value of the first header field named `name`, compared case-insensitively; "" when absent.
  std::string_view Header(std::string_view name) const;
  // Whether the query has a parameter `name`, and the first one's value ("" when absent).
  bool HasParam(std::string_view name) const;
  std::string Param(std::string_view name) const;
};

// What a handler answers. The transport adds Date, Content-Length and Connection itself.
struct Response {
  // 200-599; anything else is replaced by a 500.
  int status = 200;
  // Sent as Content-Type unless empty.
  std::string content_type = "application/json; charset=utf-8";
  // Extra header fields. Fields named Content-Length, Transfer-Encoding, Connection, Date or Content-Type, and
  // fields whose name is not a token or whose value holds CR, LF or NUL, are not sent.
  std::vector<std::pair<std::string, std::string>> headers;
  // Not sent for HEAD requests (Content-Length still tells its size), nor for 204 and 304.
  std::string body;
};

// Which worker pool runs a request. Chosen per request by the Classifier before its handler runs.
enum class Lane : uint8_t { kCheap = 0, kExpensive = 1 };

}  // namespace ordo::http

#endif  // ORDO_HTTP_MESSAGE_H_
