/* Closed-loop echo load generator: N connections, each sends 16 bytes and waits for all 16 back before sending again.
   After the measured window each connection waits for its last echo and closes normally (FIN), as a client should.
   Usage: echo_client PORT CLIENTS WARMUP_MS MEASURE_MS    prints messages per second over the measured window,
   then the number of messages over the whole run, warm-up included. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: echo_client PORT CLIENTS WARMUP_MS MEASURE_MS\n");
        return 2;
    }
    int port = atoi(argv[1]), clients = atoi(argv[2]);
    double warmup = atof(argv[3]), measure = atof(argv[4]);
    struct sockaddr_in server = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int poller = epoll_create1(0);
    int *received = calloc((size_t)clients, sizeof(int));
    const char message[16] = "0123456789abcdef";
    for (int i = 0; i < clients; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(fd, (struct sockaddr *)&server, sizeof server) < 0) {
            perror("connect");
            return 1;
        }
        struct epoll_event in = { .events = EPOLLIN, .data.u64 = ((unsigned long long)fd << 32) | (unsigned)i };
        epoll_ctl(poller, EPOLL_CTL_ADD, fd, &in);
        if (write(fd, message, sizeof message) != sizeof message) {
            perror("write");
            return 1;
        }
    }

    struct epoll_event ready[256];
    char buffer[4096];
    long long messages = 0, total = 0;
    double start = now_ms(), measuring = start + warmup, end = measuring + measure, deadline = end + 5000;
    int counting = 0, open = clients;
    while (open > 0) {
        double t = now_ms();
        if (!counting && t >= measuring) {
            counting = 1;
            messages = 0;
        }
        int draining = t >= end;
        if (t >= deadline) {
            fprintf(stderr, "%d connections still waited for their last echo 5 s after the window\n", open);
            return 1;
        }
        int count = epoll_wait(poller, ready, 256, 100);
        for (int i = 0; i < count; i++) {
            int fd = (int)(ready[i].data.u64 >> 32), index = (int)(ready[i].data.u64 & 0xffffffffu);
            ssize_t n = read(fd, buffer, sizeof buffer);
            if (n <= 0) {
                if (n < 0 && errno == EAGAIN) continue;
                fprintf(stderr, "the server closed connection %d\n", index);
                return 1;
            }
            received[index] += (int)n;
            if (received[index] < 16) continue;
            received[index] -= 16;
            total++;
            if (draining) {
                close(fd);
                open--;
                continue;
            }
            messages++;
            if (write(fd, message, sizeof message) != sizeof message) {
                perror("write");
                return 1;
            }
        }
    }
    printf("%.0f %lld\n", messages / (measure / 1e3), total);
    return 0;
}
