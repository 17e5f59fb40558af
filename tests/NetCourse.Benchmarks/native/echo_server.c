/* A minimal epoll echo server: the C anchor the course's server is measured against.
   Usage: echo_server        prints the port it listens on (127.0.0.1, port 0), serves until killed. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t length = sizeof address;
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) < 0 || listen(listener, 4096) < 0
        || getsockname(listener, (struct sockaddr *)&address, &length) < 0) {
        perror("listen");
        return 1;
    }
    printf("%d\n", ntohs(address.sin_port));
    fflush(stdout);

    int poller = epoll_create1(0);
    struct epoll_event event = { .events = EPOLLIN, .data.fd = listener };
    epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event ready[256];
    char buffer[4096];
    for (;;) {
        int count = epoll_wait(poller, ready, 256, -1);
        for (int i = 0; i < count; i++) {
            int fd = ready[i].data.fd;
            if (fd == listener) {
                int connection;
                while ((connection = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    int one = 1;
                    setsockopt(connection, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event in = { .events = EPOLLIN, .data.fd = connection };
                    epoll_ctl(poller, EPOLL_CTL_ADD, connection, &in);
                }
                continue;
            }
            ssize_t n = read(fd, buffer, sizeof buffer);
            if (n <= 0) {
                if (n < 0 && errno == EAGAIN) continue;
                close(fd);
                continue;
            }
            for (ssize_t sent = 0; sent < n;) {
                ssize_t w = write(fd, buffer + sent, (size_t)(n - sent));
                if (w < 0 && errno != EAGAIN) break;
                if (w > 0) sent += w;
            }
        }
    }
}
