/*
 * check-client SOCKET CANDIDATE -- FALLBACK ARGS...
 *
 * The interestingness test reduce's reducer runs on each candidate (through the check script). It hands the candidate's
 * full path to the reduce process that started the reducer, over the Unix socket SOCKET, and exits with its answer:
 * 0 interesting, 1 not. That process has its code compiled already: starting the tool anew for every candidate cost
 * a quarter of a second, most of what a check of a candidate that does not build costs.
 *
 * If the socket does not take the request, it execs FALLBACK (the tool's hidden verb reduce-check), so a check never
 * depends on the server. When this process dies (the reducer's timeout kills it), the connection closes and the server
 * stops the check. Nothing here is a shell: the candidate is data on the socket, the fallback an argv.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Sends the request; returns the answer (0 or 1), or -1 when the server could not be asked. */
static int ask(const char *socket_path, const char *candidate)
{
    char request[PATH_MAX + 1];
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (!realpath(candidate, request) || strlen(socket_path) >= sizeof addr.sun_path) return -1;
    strcpy(addr.sun_path, socket_path);
    size_t n = strlen(request);
    request[n++] = '\n';

    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || write_all(fd, request, n) != 0) {
        close(fd);
        return -1;
    }
    char answer = 0;
    ssize_t r;
    do r = read(fd, &answer, 1); while (r < 0 && errno == EINTR);
    close(fd);
    /* The request was taken: an answer other than 0 (a server stopping mid-check, a check that failed) is "not interesting". */
    return r == 1 && answer == '0' ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 5 || strcmp(argv[3], "--") != 0) {
        fputs("usage: check-client SOCKET CANDIDATE -- FALLBACK ARGS...\n", stderr);
        return 2;
    }
    int answer = ask(argv[1], argv[2]);
    if (answer >= 0) return answer;
    execv(argv[4], argv + 4);
    perror("check-client: cannot start the fallback check");
    return 1;
}
