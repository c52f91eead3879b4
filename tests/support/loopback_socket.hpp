#pragma once

// The plain-socket pieces the hand-written loopback servers of the tests share: a listening TCP
// socket on 127.0.0.1 on a port the kernel picks, and waiting for a descriptor with a bound.

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace partner_center::test {

// Whether `fd` is ready for `events` within `milliseconds`.
inline bool wait_for(int fd, short events, int milliseconds) {
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, milliseconds) == 1 && (p.revents & events) != 0;
}

inline bool wait_readable(int fd, int milliseconds) {
  return wait_for(fd, POLLIN, milliseconds);
}

// Writes all of `bytes`; false once the peer is gone, a write stalls for 5 s, or `deadline`
// passes.
inline bool send_all(
    int fd, std::string_view bytes,
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max()) {
  while (!bytes.empty()) {
    if (std::chrono::steady_clock::now() >= deadline || !wait_for(fd, POLLOUT, 5000))
      return false;
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0)
      return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

class loopback_listening_socket {
 public:
  // `type_flags` is or-ed into the socket type, e.g. SOCK_NONBLOCK.
  explicit loopback_listening_socket(int backlog, int type_flags = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | type_flags, 0);
    if (fd_ < 0)
      throw std::runtime_error("socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::listen(fd_, backlog) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      ::close(fd_);
      throw std::runtime_error("bind/listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
  }
  ~loopback_listening_socket() { ::close(fd_); }
  loopback_listening_socket(const loopback_listening_socket&) = delete;
  loopback_listening_socket& operator=(const loopback_listening_socket&) = delete;

  [[nodiscard]] int fd() const noexcept { return fd_; }
  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  [[nodiscard]] std::string http_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace partner_center::test
